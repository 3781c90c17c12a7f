package org.communitypoints.gateway;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

import java.util.UUID;

import org.communitypoints.testsupport.Tokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/**
 * The gateway counts a proxied call under its service, never under its path: the paths name residents and vouchers,
 * and past Micrometer's 100 distinct uris every further call went uncounted.
 */
@QuarkusTest
class RequestMetricsTest {

    @BeforeEach
    void reset() {
        StandInServices.resetAll();
    }

    @Test
    void proxiedCallsAreCountedUnderTheirServiceAndNameNoId() {
        String token = Tokens.staff("staff-metrics", "wutong");
        StandInServices.service("catalog").stubFor(get(urlPathMatching("/api/catalog/redemptions/.+"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody("{}")));
        String first = UUID.randomUUID().toString();
        String second = UUID.randomUUID().toString();

        for (String id : new String[] { first, second }) {
            given().auth().oauth2(token).when().get("/api/catalog/redemptions/" + id).then().statusCode(200);
        }

        given().when().get("/q/metrics").then().statusCode(200)
                .body(containsString("uri=\"/api/catalog/*\""))
                .body(not(containsString(first)))
                .body(not(containsString(second)));
    }
}
