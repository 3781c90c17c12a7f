package org.communitypoints.e2e;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Faults done to the running suite while a {@link SteadyLoad} goes through the gateway: PostgreSQL stopped
 * for 30 s, the broker stopped for 30 s, points-service and catalog-service killed with SIGKILL and started
 * again, and the dead-letter path failing while a malformed record arrives. After each, every kind of success
 * must come back within {@link #RECOVERY_BOUND} of the fault's end and {@link Invariants} must hold; the
 * recovery times are printed ("RECOVERY …" lines in the test output) for the README.
 */
@ExtendWith(StackDiagnostics.class)
class FaultRecoveryIT {

    /** The outage for PostgreSQL and the broker. */
    static final Duration OUTAGE = Duration.ofSeconds(30);
    /**
     * Shorter for the dead-letter fault: long enough that the malformed record meets the stopped database
     * (the consumers poll within a second), short enough to leave the time to the other faults.
     */
    static final Duration DEAD_LETTER_OUTAGE = Duration.ofSeconds(15);
    /** From the fault's end to the first success of each kind. */
    static final Duration RECOVERY_BOUND = Duration.ofSeconds(60);
    /**
     * From the fault's end to every invariant checked: the recovery, the load's last requests settling and
     * the checks themselves (journal export, dead-letter topics, reconciler runs).
     */
    static final Duration INVARIANTS_BOUND = Duration.ofSeconds(180);
    private static final Duration RUNNING = Duration.ofSeconds(90);

    private static Suite suite;

    @BeforeAll
    static void startSuite() throws Exception {
        suite = Suite.get();
    }

    @Test
    void postgresStoppedForThirtySecondsUnderLoadLosesNothingAndRecovers() throws Exception {
        SteadyLoad load = SteadyLoad.prepare(suite, "postgres").start().awaitRunning(RUNNING);
        Instant faultStarted = Instant.now();
        suite.stopPostgres();
        awaitFelt(load, faultStarted);
        holdUntil(faultStarted.plus(OUTAGE));
        suite.startPostgres();
        recoversAndInvariantsHold(load, "PostgreSQL stopped 30 s", faultStarted, Instant.now());
    }

    @Test
    void brokerStoppedForThirtySecondsUnderLoadLosesNothingAndRecovers() throws Exception {
        SteadyLoad load = SteadyLoad.prepare(suite, "broker").start().awaitRunning(RUNNING);
        Instant faultStarted = Instant.now();
        suite.stopBroker();
        // The outbox keeps taking verifications and redemptions while Kafka is gone: the phones feel nothing, the
        // credits and answers stop. What the broker's absence is felt in is measured after it is back.
        holdUntil(faultStarted.plus(OUTAGE));
        suite.startBroker();
        recoversAndInvariantsHold(load, "Kafka broker stopped 30 s", faultStarted, Instant.now());
    }

    @Test
    void pointsServiceKilledUnderLoadLosesNothingAndRecovers() throws Exception {
        killedAndRestarted("points-service");
    }

    @Test
    void catalogServiceKilledUnderLoadLosesNothingAndRecovers() throws Exception {
        killedAndRestarted("catalog-service");
    }

    /**
     * A malformed record reaches each consumed topic the moment PostgreSQL stops, so writing its dead letter
     * (the dead-letter store and the outbox are in the service's database) fails until PostgreSQL is back.
     * Each must end as exactly one dead letter, and nothing valid may be dead-lettered or lost.
     */
    @Test
    void deadLetterWriteFailingTransientlyStillDeadLettersTheMalformedRecordExactlyOnce() throws Exception {
        SteadyLoad load = SteadyLoad.prepare(suite, "dead-letter").start().awaitRunning(RUNNING);
        DeadLetterTopics topics = new DeadLetterTopics(suite.kafkaBootstrapServers());
        String marker = UUID.randomUUID().toString();
        Map<String, String> malformed = new LinkedHashMap<>();
        for (String topic : DeadLetterTopics.CONSUMED) {
            malformed.put(topic, "e2e malformed record " + marker + " on " + topic + ": {not an event");
        }
        Instant faultStarted = Instant.now();
        suite.stopPostgres();
        for (Map.Entry<String, String> record : malformed.entrySet()) {
            topics.publishRaw(record.getKey(), "e2e-malformed-" + marker, record.getValue());
        }
        awaitFelt(load, faultStarted);
        holdUntil(faultStarted.plus(DEAD_LETTER_OUTAGE));
        suite.startPostgres();
        Instant faultEnded = Instant.now();

        Map<String, Duration> deadLettered = new LinkedHashMap<>();
        await("each malformed record dead-lettered").atMost(RECOVERY_BOUND.multipliedBy(2))
                .pollInterval(Duration.ofSeconds(1)).until(() -> {
                    List<DeadLetterTopics.DeadLetter> letters = topics.readAll();
                    malformed.forEach((topic, value) -> {
                        if (!deadLettered.containsKey(topic)
                                && letters.stream().anyMatch(l -> value.equals(l.originalValue()))) {
                            deadLettered.put(topic, Duration.between(faultEnded, Instant.now()));
                        }
                    });
                    return deadLettered.size() == malformed.size();
                });
        deadLettered.forEach((topic, after) -> System.out.printf("RECOVERY dead letter of the malformed %s record: %.1f s%n",
                topic, after.toMillis() / 1000.0));
        recoversAndInvariantsHold(load, "PostgreSQL stopped 15 s as malformed records arrive", faultStarted, faultEnded);

        List<DeadLetterTopics.DeadLetter> letters = topics.readAll();
        malformed.forEach((topic, value) -> {
            List<DeadLetterTopics.DeadLetter> ours = letters.stream().filter(l -> value.equals(l.originalValue())).toList();
            assertEquals(1, ours.size(), "dead letters of the malformed " + topic + " record: " + ours);
            assertEquals(topic + ".dead-letter", ours.get(0).topic());
        });
        deadLettered.forEach((topic, after) -> assertTrue(after.compareTo(RECOVERY_BOUND) < 0,
                "the malformed " + topic + " record was dead-lettered " + after.toSeconds() + " s after the fault"));
    }

    private void killedAndRestarted(String service) throws Exception {
        SteadyLoad load = SteadyLoad.prepare(suite, service).start().awaitRunning(RUNNING);
        Instant faultStarted = Instant.now();
        long killed = suite.kill(service);
        suite.awaitRestarted(service, killed);
        Instant ready = Instant.now();
        System.out.printf("RECOVERY %s: killed, started again by the supervisor and ready after %.1f s%n", service,
                Duration.between(faultStarted, ready).toMillis() / 1000.0);
        recoversAndInvariantsHold(load, service + " SIGKILLed and restarted", faultStarted, ready);
    }

    /**
     * Waits for every kind of success after {@code faultEnded}, stops the load, checks the invariants and prints
     * and bounds the times: each kind's first success, and every invariant holding, after the fault's end.
     */
    private static void recoversAndInvariantsHold(SteadyLoad load, String fault, Instant faultStarted,
            Instant faultEnded) throws Exception {
        Map<SteadyLoad.Success, Duration> recovery = new EnumMap<>(SteadyLoad.Success.class);
        try {
            recovery.putAll(load.awaitRecovery(faultEnded, RECOVERY_BOUND.multipliedBy(2)));
        } catch (AssertionError notRecovered) {
            try {
                load.stop(Duration.ofSeconds(10));
            } catch (RuntimeException | AssertionError alsoStuck) {
                notRecovered.addSuppressed(alsoStuck);
            }
            throw notRecovered;
        }
        List<String> times = new ArrayList<>();
        recovery.forEach((success, after) -> times.add(success + " " + seconds(after)));
        // Printed before the invariants are checked, so a run whose invariants fail still shows how fast it came back.
        System.out.printf("RECOVERY %s (fault %s): %s; load average %.1f%n", fault,
                seconds(Duration.between(faultStarted, faultEnded)), String.join(", ", times),
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        load.stop(Invariants.SETTLE);
        new Invariants(suite, load).assertAllHold();
        Duration invariants = Duration.between(faultEnded, Instant.now());
        System.out.printf("RECOVERY %s: all invariants hold after %s; %s; load average %.1f%n", fault, seconds(invariants),
                load.summary(), java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        recovery.forEach((success, after) -> assertTrue(after.compareTo(RECOVERY_BOUND) < 0,
                fault + ": " + success + " first again " + seconds(after) + " after the fault, bound "
                        + seconds(RECOVERY_BOUND)));
        assertTrue(invariants.compareTo(INVARIANTS_BOUND) < 0,
                fault + ": invariants held only " + seconds(invariants) + " after the fault");
    }

    /** The phones met timeouts or 5xx while the fault lasted: it really was a fault. */
    private static void awaitFelt(SteadyLoad load, Instant faultStarted) {
        await("the phones meet the fault").atMost(OUTAGE).pollInterval(Duration.ofMillis(250))
                .until(() -> load.failuresSince(faultStarted) > 0);
    }

    /** The outage lasts its length whatever happens meanwhile: a fixed duration, not a condition to wait for. */
    private static void holdUntil(Instant end) throws InterruptedException {
        long millis = Duration.between(Instant.now(), end).toMillis();
        if (millis > 0) {
            Thread.sleep(millis);
        }
    }

    private static String seconds(Duration duration) {
        return String.format("%.1f s", duration.toMillis() / 1000.0);
    }
}
