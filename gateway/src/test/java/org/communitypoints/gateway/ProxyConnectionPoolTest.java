package org.communitypoints.gateway;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import jakarta.inject.Inject;

import org.communitypoints.testsupport.Tokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;

/**
 * More calls at once than the proxy keeps connections to a service: the calls beyond the pool wait for a connection
 * only until their own deadline, and a call given up on is never sent afterwards.
 */
@QuarkusTest
@TestProfile(ProxyConnectionPoolTest.TwoConnections.class)
class ProxyConnectionPoolTest {

    private static final int CONNECTIONS = 2;

    public static class TwoConnections implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("gateway.balancing.max-connections-per-instance", Integer.toString(CONNECTIONS));
        }
    }

    @Inject
    CircuitBreakerMaintenance breakers;

    private final String token = Tokens.staff("staff-pool", "wutong");

    @BeforeEach
    void reset() {
        StandInServices.resetAll();
        breakers.resetAll();
    }

    @Test
    void callsThatWaitForAConnectionPastTheirDeadlineAre504AndNeverSent() throws Exception {
        WireMockServer catalog = StandInServices.service("catalog");
        // Far slower than the 2 s timeout: the first calls hold both connections until the gateway lets them go.
        catalog.stubFor(get(urlEqualTo("/api/catalog/rewards"))
                .willReturn(aResponse().withStatus(200).withBody("[]").withFixedDelay(10_000)));
        int calls = 6;
        ExecutorService callers = Executors.newFixedThreadPool(calls);
        try {
            List<Future<Integer>> statuses = IntStream.range(0, calls)
                    .mapToObj(i -> callers.submit(() -> given().auth().oauth2(token)
                            .when().get("/api/catalog/rewards").statusCode()))
                    .toList();
            for (Future<Integer> status : statuses) {
                assertEquals(504, status.get(30, TimeUnit.SECONDS));
            }
        } finally {
            callers.shutdownNow();
        }
        // The connections of the first calls are let go a second after the timeout; a call still queued then would
        // be sent on them now: the count must stay where it is.
        await().during(Duration.ofMillis(2500)).atMost(Duration.ofSeconds(5)).until(
                () -> catalog.findAll(getRequestedFor(urlEqualTo("/api/catalog/rewards"))).size() == CONNECTIONS);
    }
}
