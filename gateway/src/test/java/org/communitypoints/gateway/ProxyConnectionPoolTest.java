package org.communitypoints.gateway;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import jakarta.inject.Inject;

import org.communitypoints.gateway.resilience.DownstreamGuards;
import org.communitypoints.testsupport.Tokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import io.smallrye.faulttolerance.api.CircuitBreakerState;

/**
 * More calls at once than the proxy keeps connections to a service: as many as the connections are sent, a bounded
 * number wait for a place only until their own deadline and are never sent afterwards, and the rest are refused at
 * once with 503 and Retry-After instead of piling up in the gateway's heap.
 */
@QuarkusTest
@TestProfile(ProxyConnectionPoolTest.TwoConnectionsOneWaiting.class)
class ProxyConnectionPoolTest {

    private static final int CONNECTIONS = 2;
    private static final int WAITING = 1;

    public static class TwoConnectionsOneWaiting implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("gateway.balancing.max-connections-per-instance", Integer.toString(CONNECTIONS),
                    "gateway.balancing.max-waiting-per-instance", Integer.toString(WAITING));
        }
    }

    @Inject
    CircuitBreakerMaintenance breakers;

    private final String token = Tokens.staff("staff-pool", "wutong");

    @BeforeEach
    void reset() {
        StandInServices.resetAll();
        breakers.resetAll();
        // One call first, so the token is already verified and remembered when the calls at once arrive: on a busy
        // machine the first verification took seconds, and every call then arrived together, after it.
        WireMockServer catalog = StandInServices.service("catalog");
        catalog.stubFor(get(urlEqualTo("/api/catalog/rewards")).willReturn(aResponse().withStatus(200).withBody("[]")));
        given().auth().oauth2(token).when().get("/api/catalog/rewards").then().statusCode(200);
        StandInServices.resetAll();
    }

    @Test
    void callsBeyondThePlacesAreRefusedAtOnceAndTheWaitingOnesAreNeverSentPastTheirDeadline() throws Exception {
        WireMockServer catalog = StandInServices.service("catalog");
        // Far slower than the 2 s timeout: the first calls hold both connections until the gateway lets them go.
        catalog.stubFor(get(urlEqualTo("/api/catalog/rewards"))
                .willReturn(aResponse().withStatus(200).withBody("[]").withFixedDelay(10_000)));
        int calls = 6;
        List<Answer> answers = callAtOnce(calls);
        List<Answer> refused = answers.stream().filter(a -> a.response.statusCode() == 503).toList();
        List<Answer> timedOut = answers.stream().filter(a -> a.response.statusCode() == 504).toList();
        assertEquals(calls - CONNECTIONS - WAITING, refused.size(), () -> "statuses " + statuses(answers));
        assertEquals(CONNECTIONS + WAITING, timedOut.size(), () -> "statuses " + statuses(answers));
        Duration quickestTimeout = timedOut.stream().map(Answer::took).min(Duration::compareTo).orElseThrow();
        for (Answer answer : refused) {
            assertEquals("application/problem+json", answer.response.contentType());
            assertEquals("SERVICE_UNAVAILABLE", answer.response.jsonPath().getString("code"));
            assertEquals("1", answer.response.header("Retry-After"));
            // Refused on arrival, not after waiting like the calls that were let in.
            assertTrue(answer.took().compareTo(quickestTimeout) < 0,
                    () -> "refused after " + answer.took() + ", the quickest timeout took " + quickestTimeout);
        }
        // The connections of the first calls are let go a second after the timeout; the call that waited, or one
        // still queued, would be sent on them now: the count must stay where it is.
        await().during(Duration.ofMillis(2500)).atMost(Duration.ofSeconds(5)).until(
                () -> catalog.findAll(getRequestedFor(urlEqualTo("/api/catalog/rewards"))).size() == CONNECTIONS);
        // The places are free again once the calls have ended (the breaker, opened by the timeouts, closed by hand).
        breakers.resetAll();
        catalog.stubFor(get(urlEqualTo("/api/catalog/rewards")).willReturn(aResponse().withStatus(200).withBody("[]")));
        given().auth().oauth2(token).when().get("/api/catalog/rewards").then().statusCode(200);
    }

    @Test
    void refusedCallsDoNotOpenTheBreaker() throws Exception {
        WireMockServer catalog = StandInServices.service("catalog");
        // Slow enough to fill the places, quick enough to answer within the timeout.
        catalog.stubFor(get(urlEqualTo("/api/catalog/rewards"))
                .willReturn(aResponse().withStatus(200).withBody("[]").withFixedDelay(500)));
        List<Answer> answers = callAtOnce(6);
        // Counted as the service's failures, the three refusals would be half of the six calls, enough (ratio 0.5,
        // at least 4 calls in the test profile) to open the breaker and cut the service off while it works.
        assertEquals(List.of(200, 200, 200, 503, 503, 503), statuses(answers).stream().sorted().toList());
        assertEquals(CircuitBreakerState.CLOSED, breakers.currentState(DownstreamGuards.breakerName("catalog")));
        assertEquals(CONNECTIONS + WAITING, catalog.findAll(getRequestedFor(urlEqualTo("/api/catalog/rewards"))).size());
    }

    private List<Answer> callAtOnce(int calls) throws Exception {
        ExecutorService callers = Executors.newFixedThreadPool(calls);
        try {
            List<Future<Answer>> pending = IntStream.range(0, calls)
                    .mapToObj(i -> callers.submit(() -> {
                        long start = System.nanoTime();
                        Response response = given().auth().oauth2(token).when().get("/api/catalog/rewards");
                        return new Answer(response, Duration.ofNanos(System.nanoTime() - start));
                    }))
                    .toList();
            List<Answer> answers = new ArrayList<>();
            for (Future<Answer> answer : pending) {
                answers.add(answer.get(30, TimeUnit.SECONDS));
            }
            return answers;
        } finally {
            callers.shutdownNow();
        }
    }

    private record Answer(Response response, Duration took) {
    }

    private static List<Integer> statuses(List<Answer> answers) {
        return answers.stream().map(a -> a.response.statusCode()).toList();
    }
}
