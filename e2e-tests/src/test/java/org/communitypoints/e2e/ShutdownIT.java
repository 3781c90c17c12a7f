package org.communitypoints.e2e;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.communitypoints.localstack.seed.DemoData;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.restassured.path.json.JsonPath;

/**
 * SIGTERM, as an orchestrator stops a pod, must end every service within {@link #BOUND} even when its database
 * or its broker is already gone (a node drained after an outage, a stack stopped out of order): the services
 * stop with work in flight — consumers waiting out the outage on a record, outbox rows the relay cannot send —
 * and nothing of that work is lost once everything is started again. Each test stops the services and starts
 * them again (and the database or broker) before it ends, so the tests after it find the suite as it was.
 */
@ExtendWith(StackDiagnostics.class)
class ShutdownIT {

    /** The bound: an orchestrator's grace period is often 10 s before it sends SIGKILL. */
    static final Duration BOUND = Duration.ofSeconds(10);
    /** Longer than the bound, so that a service that takes too long is measured rather than cut off at the bound. */
    private static final Duration MEASURE_UP_TO = Duration.ofSeconds(30);
    /** In the order an orchestrator that knows nothing of them might pick: the gateway too. */
    private static final List<String> SERVICES = List.of("activity-service", "points-service", "catalog-service", "gateway");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private static Suite suite;
    private static Community community;

    @BeforeAll
    static void startSuite() throws Exception {
        suite = Suite.get();
        community = new Community(new Api(suite));
    }

    /**
     * PostgreSQL stops; a malformed record then reaches each consumed topic, so each consumer holds it while it
     * cannot store the dead letter (readiness: "database unavailable, 1 record waiting"); then SIGTERM, service by
     * service. Once PostgreSQL and the services are back, each record ends as a dead letter: nothing was skipped.
     */
    @Test
    void everyServiceEndsWithinTenSecondsOfSigtermWithPostgresGoneAndConsumersRetrying() throws Exception {
        DeadLetterTopics topics = new DeadLetterTopics(suite.kafkaBootstrapServers());
        String marker = UUID.randomUUID().toString();
        List<String> malformed = new ArrayList<>();
        List<Suite.Termination> terminations;
        suite.stopPostgres();
        try {
            for (String topic : DeadLetterTopics.CONSUMED) {
                String value = "e2e shutdown " + marker + " on " + topic + ": {not an event";
                malformed.add(value);
                topics.publishRaw(topic, "e2e-shutdown-" + marker, value);
            }
            awaitConsumerWaiting("points-service", "shifts");
            awaitConsumerWaiting("points-service", "redemptions");
            awaitConsumerWaiting("catalog-service", "holds");
            terminations = terminateEach("PostgreSQL stopped, consumers retrying");
        } finally {
            suite.startPostgres();
            startEveryServiceAgain();
        }
        assertEachEndedWithinTheBound(terminations);
        await("each malformed record dead-lettered after the restart").atMost(Community.ASYNC)
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> topics.readAll().stream().filter(l -> malformed.contains(l.originalValue())).count() == malformed
                        .size());
        assertEquals(malformed.size(), topics.readAll().stream().filter(l -> malformed.contains(l.originalValue())).count(),
                "each malformed record dead-lettered exactly once");
    }

    /**
     * The broker stops; a shift is then verified and a meal redeemed, so activity-service's and catalog-service's
     * outbox relays hold events they cannot send; then SIGTERM, service by service. Once the broker and the
     * services are back, the shift is credited and the redemption answered: nothing in the outbox was lost.
     */
    @Test
    void everyServiceEndsWithinTenSecondsOfSigtermWithTheBrokerGoneAndEventsWaitingToBeSent() throws Exception {
        Suite.Resident volunteer = suite.newResident();
        Suite.Resident buyer = suite.newResident();
        long buyerPoints = community.serveShift(buyer, "event-help", 180);
        community.awaitBalance(buyer, buyerPoints, 0);
        JsonPath lunch = community.reward(DemoData.LUNCH);
        JsonPath activity = community.publishRunningActivity("garbage-sorting", "垃圾分类督导 E2E 停机");
        community.signUp(volunteer, activity.getString("id"));

        List<Suite.Termination> terminations;
        long shiftPoints;
        String redemptionId;
        suite.stopBroker();
        try {
            // Taken while the broker is gone: the outbox keeps them, the relays keep trying to send them.
            shiftPoints = ((Number) community.recordAndVerify(activity.getString("id"),
                    Instant.parse(activity.getString("startsAt")), 60, List.of(volunteer)).get(0).get("points")).longValue();
            redemptionId = community.redeem(buyer, lunch.getString("id"), null).getString("id");
            terminations = terminateEach("Kafka broker stopped, events waiting in the outbox");
        } finally {
            suite.startBroker();
            startEveryServiceAgain();
        }
        assertEachEndedWithinTheBound(terminations);
        community.awaitBalance(volunteer, shiftPoints, 0);
        community.awaitRedemption(buyer, redemptionId, "CONFIRMED");
        community.awaitBalance(buyer, buyerPoints, lunch.getLong("points"));
    }

    private static List<Suite.Termination> terminateEach(String condition) {
        List<Suite.Termination> terminations = new ArrayList<>();
        for (String service : SERVICES) {
            Suite.Termination ended = suite.terminate(service, MEASURE_UP_TO);
            terminations.add(ended);
            System.out.printf("SHUTDOWN %s: %s ended %.1f s after SIGTERM%s (exit code %d); load average %.1f%n", condition,
                    service, ended.took().toMillis() / 1000.0, ended.endedByItself() ? "" : " only when killed",
                    ended.exitCode(),
                    java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        }
        return terminations;
    }

    private static void assertEachEndedWithinTheBound(List<Suite.Termination> terminations) {
        for (Suite.Termination ended : terminations) {
            assertTrue(ended.endedByItself() && ended.took().compareTo(BOUND) < 0, ended.service() + " took "
                    + ended.took().toMillis() / 1000.0 + " s to end after SIGTERM (bound " + BOUND.toSeconds()
                    + " s); its log: " + ended.log());
        }
    }

    /** Started together, as the launcher starts them; the tests after this one find the suite as it was. */
    private static void startEveryServiceAgain() throws Exception {
        List<Exception> failures = new ArrayList<>();
        List<Thread> starters = new ArrayList<>();
        for (String service : SERVICES) {
            Thread starter = new Thread(() -> {
                try {
                    suite.startAgain(service);
                } catch (Exception e) {
                    synchronized (failures) {
                        failures.add(e);
                    }
                }
            }, "e2e-start-" + service);
            starter.start();
            starters.add(starter);
        }
        for (Thread starter : starters) {
            starter.join();
        }
        if (!failures.isEmpty()) {
            throw failures.get(0);
        }
    }

    /** The consumer's readiness check says it is holding a record it cannot finish: it is in its retry loop. */
    private static void awaitConsumerWaiting(String service, String channel) {
        String check = "consumer " + channel;
        await(service + " " + check + " waiting out the outage").atMost(Community.ASYNC).pollInterval(Duration.ofMillis(500))
                .until(() -> readinessCheck(service, check).map(c -> c.path("status").asText().equals("DOWN")
                        && c.path("data").toString().contains("waiting on")).orElse(false));
    }

    private static java.util.Optional<JsonNode> readinessCheck(String service, String name) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(
                URI.create("http://localhost:" + suite.process(service).port() + "/q/health/ready"))
                .timeout(Duration.ofSeconds(5)).GET().build();
        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        for (JsonNode check : JSON.readTree(response.body()).path("checks")) {
            if (check.path("name").asText().equals(name)) {
                return java.util.Optional.of(check);
            }
        }
        return java.util.Optional.empty();
    }
}
