package org.communitypoints.e2e;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.communitypoints.localstack.SupervisedService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Two instances of each data service behind the gateway (sharing their database, outbox and consumer groups, as
 * replicas do) under a {@link SteadyLoad}; one instance of each is killed with SIGKILL at the same moment and started
 * again by the supervisor. The survivors keep taking requests meanwhile, and afterwards {@link Invariants} hold:
 * nothing lost (every shift credited, every redemption in the state its plan says), nothing doubled (one credit per
 * shift, holds and captures matching the redemptions), no valid event dead-lettered, the reconciler clean.
 */
@ExtendWith(StackDiagnostics.class)
class ScaleOutIT {

    /** The instances killed: the first of each service, which held its share of every consumer group's partitions. */
    private static final List<String> KILLED = List.of("community-service", "activity-service", "points-service",
            "catalog-service");
    private static final Duration RUNNING = Duration.ofSeconds(90);
    /** The gateway skips a refused instance at once: the survivors answer within the phones' first retries. */
    private static final Duration SURVIVORS_ANSWER = Duration.ofSeconds(20);
    /** From the last killed instance ready again to every kind of success after it. */
    private static final Duration RECOVERY_BOUND = Duration.ofSeconds(60);

    private static Suite suite;

    @BeforeAll
    static void startSuiteWithTwoInstancesOfEachService() throws Exception {
        suite = Suite.get();
        suite.scaleOut();
    }

    @AfterAll
    static void backToOneInstanceOfEachService() {
        if (suite != null) {
            suite.scaleIn();
        }
    }

    @Test
    void oneInstanceOfEachServiceKilledUnderLoadLosesNothingDoublesNothingAndTheReconcilerIsClean() throws Exception {
        SteadyLoad load = SteadyLoad.prepare(suite, "scale-out").start().awaitRunning(RUNNING);
        Instant killedAt = Instant.now();
        Map<String, Long> killed = new LinkedHashMap<>();
        for (String service : KILLED) {
            killed.put(service, suite.kill(service));
        }

        // Requests keep being answered by the second instances while the killed ones are gone: a verification and a
        // redemption accepted before any killed instance is ready again.
        await("the surviving instances answer the phones").atMost(SURVIVORS_ANSWER).pollInterval(Duration.ofMillis(100))
                .until(() -> load.firstSuccessesAfter(killedAt).keySet()
                        .containsAll(List.of(SteadyLoad.Success.SHIFT_VERIFIED, SteadyLoad.Success.REDEMPTION_ACCEPTED)));
        Map<String, SupervisedService.State> whileAnswered = new LinkedHashMap<>();
        for (String service : KILLED) {
            whileAnswered.put(service, suite.state(service));
        }
        Map<SteadyLoad.Success, Instant> servedBySurvivors = load.firstSuccessesAfter(killedAt);
        System.out.printf("SCALE-OUT survivors answered after the kill: shift verified %s, redemption accepted %s;"
                + " the killed instances meanwhile %s%n",
                seconds(Duration.between(killedAt, servedBySurvivors.get(SteadyLoad.Success.SHIFT_VERIFIED))),
                seconds(Duration.between(killedAt, servedBySurvivors.get(SteadyLoad.Success.REDEMPTION_ACCEPTED))),
                whileAnswered);

        for (Map.Entry<String, Long> instance : killed.entrySet()) {
            suite.awaitRestarted(instance.getKey(), instance.getValue());
        }
        Instant allBack = Instant.now();
        System.out.printf("SCALE-OUT one instance of each of %s SIGKILLed, all started again and ready after %s%n",
                KILLED, seconds(Duration.between(killedAt, allBack)));

        Map<SteadyLoad.Success, Duration> recovery = new EnumMap<>(SteadyLoad.Success.class);
        try {
            recovery.putAll(load.awaitRecovery(allBack, RECOVERY_BOUND.multipliedBy(2)));
        } catch (AssertionError notRecovered) {
            load.stop(Duration.ofSeconds(10));
            throw notRecovered;
        }
        List<String> times = new ArrayList<>();
        recovery.forEach((success, after) -> times.add(success + " " + seconds(after)));
        System.out.printf("SCALE-OUT after the restarts: %s; load average %.1f%n", String.join(", ", times),
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());

        load.stop(Invariants.SETTLE);
        new Invariants(suite, load).assertAllHold();
        System.out.printf("SCALE-OUT all invariants hold %s after the restarts; %s; load average %.1f%n",
                seconds(Duration.between(allBack, Instant.now())), load.summary(),
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());

        // A verification goes to activity-service, a redemption to catalog-service: with their killed instances not
        // yet ready, the second instances answered them.
        assertEquals(List.of("activity-service", "catalog-service"), notReadyYet(whileAnswered).stream()
                .filter(s -> s.equals("activity-service") || s.equals("catalog-service")).toList(),
                "the killed instances' states when the survivors' answers were seen: " + whileAnswered);
        recovery.forEach((success, after) -> assertTrue(after.compareTo(RECOVERY_BOUND) < 0,
                success + " first again " + seconds(after) + " after the restarts, bound " + seconds(RECOVERY_BOUND)));
    }

    /** The killed instances that were not yet running (ready) when the survivors' answers were seen. */
    private static List<String> notReadyYet(Map<String, SupervisedService.State> states) {
        return states.entrySet().stream().filter(e -> e.getValue() != SupervisedService.State.RUNNING)
                .map(Map.Entry::getKey).toList();
    }

    private static String seconds(Duration duration) {
        return String.format("%.1f s", duration.toMillis() / 1000.0);
    }
}
