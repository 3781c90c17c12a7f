package org.communitypoints.gateway;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.inject.Inject;

import org.communitypoints.gateway.config.GatewayConfig;
import org.communitypoints.testsupport.Tokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;

/**
 * The gateway counts a proxied call under its service, never under its path: the paths name residents and vouchers,
 * and past Micrometer's 100 distinct uris every further call went uncounted.
 */
@QuarkusTest
class RequestMetricsTest {

    @Inject
    GatewayConfig config;

    @BeforeEach
    void reset() {
        StandInServices.resetAll();
    }

    /**
     * Every service the gateway is configured to send calls to, read from {@code gateway.downstreams} rather than
     * listed here: a service added there without its pattern in {@code match-patterns} fails this test.
     */
    @Test
    void proxiedCallsAreCountedUnderTheirServiceAndNameNoId() {
        Set<String> services = config.downstreams().keySet();
        assertFalse(services.isEmpty(), "the gateway sends calls to no service");
        String token = Tokens.staff("staff-metrics", "wutong");
        List<String> ids = new ArrayList<>();
        for (String service : services) {
            WireMockServer standIn = StandInServices.service(service);
            assertNotNull(standIn, "no stand-in for the downstream '" + service + "'");
            standIn.stubFor(get(urlPathMatching("/api/" + service + "/things/.+")).willReturn(
                    aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody("{}")));
            for (int call = 0; call < 2; call++) {
                String id = UUID.randomUUID().toString();
                ids.add(id);
                given().auth().oauth2(token).when().get("/api/" + service + "/things/" + id).then().statusCode(200);
            }
        }

        ValidatableResponse metrics = given().when().get("/q/metrics").then().statusCode(200);
        for (String service : services) {
            metrics.body(containsString("uri=\"/api/" + service + "/*\""));
        }
        for (String id : ids) {
            metrics.body(not(containsString(id)));
        }
    }
}
