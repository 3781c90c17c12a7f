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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

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

    /** Every service behind the gateway, as {@code gateway.downstreams} names them: each needs its pattern. */
    @ParameterizedTest
    @ValueSource(strings = { "activity", "points", "catalog", "community" })
    void proxiedCallsAreCountedUnderTheirServiceAndNameNoId(String service) {
        String token = Tokens.staff("staff-metrics", "wutong");
        StandInServices.service(service).stubFor(get(urlPathMatching("/api/" + service + "/things/.+"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody("{}")));
        String first = UUID.randomUUID().toString();
        String second = UUID.randomUUID().toString();

        for (String id : new String[] { first, second }) {
            given().auth().oauth2(token).when().get("/api/" + service + "/things/" + id).then().statusCode(200);
        }

        given().when().get("/q/metrics").then().statusCode(200)
                .body(containsString("uri=\"/api/" + service + "/*\""))
                .body(not(containsString(first)))
                .body(not(containsString(second)));
    }
}
