package org.communitypoints.gateway;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import jakarta.inject.Inject;

import org.communitypoints.gateway.proxy.DownstreamProxy;
import org.communitypoints.testsupport.Tokens;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;

/**
 * The access log line of a proxied call tells an answer the service wrote from one the gateway wrote in its place: in
 * an incident, "points 503" from points-service and from the gateway's breaker or bulkhead call for different mends.
 */
@QuarkusTest
class AccessLogTest {

    private static final Logger PROXY_LOG = Logger.getLogger(DownstreamProxy.class.getName());

    @Inject
    CircuitBreakerMaintenance breakers;

    private final String token = Tokens.staff("staff-access-log", "wutong");
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final Handler collector = new Handler() {
        @Override
        public void publish(LogRecord record) {
            lines.add(record.getMessage());
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void listen() {
        StandInServices.resetAll();
        breakers.resetAll();
        PROXY_LOG.addHandler(collector);
    }

    @AfterEach
    void stopListening() {
        PROXY_LOG.removeHandler(collector);
    }

    @Test
    void theServicesOwnErrorIsLoggedAsTheServices() {
        StandInServices.service("points").stubFor(get(urlEqualTo("/api/points/accounts"))
                .willReturn(aResponse().withStatus(503).withHeader("Content-Type", "application/problem+json")
                        .withBody("{\"status\":503,\"code\":\"SERVICE_UNAVAILABLE\"}")));

        given().auth().oauth2(token).when().get("/api/points/accounts").then().statusCode(503);

        awaitLine("GET /api/points/accounts -> points 503");
    }

    @Test
    void theGatewaysOwnAnswerSaysSo() {
        StandInServices.service("activity").stop();

        given().auth().oauth2(token).when().get("/api/activity/activities").then().statusCode(503);

        awaitLine("GET /api/activity/activities -> activity 503 answered by the gateway: SERVICE_UNAVAILABLE.downstream");
    }

    private void awaitLine(String line) {
        await().atMost(Duration.ofSeconds(5)).until(() -> lines.contains(line));
    }
}
