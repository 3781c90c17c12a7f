package org.communitypoints.gateway;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.is;

import org.communitypoints.testsupport.Tokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class ProxyRoutingTest {

    @BeforeEach
    void reset() {
        StandInServices.resetAll();
    }

    @ParameterizedTest
    @ValueSource(strings = { "activity", "points", "catalog" })
    void forwardsEachPrefixToItsServiceWithTokenAndCorrelationId(String service) {
        String token = Tokens.staff("staff-1", "wutong");
        String path = "/api/" + service + "/things/42?page=2";
        StandInServices.service(service).stubFor(get(urlEqualTo(path))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody("{\"from\":\"" + service + "\"}")));

        given().auth().oauth2(token).header("X-Correlation-Id", "corr-" + service)
                .when().get(path)
                .then().statusCode(200)
                .header("X-Correlation-Id", "corr-" + service)
                .body("from", is(service));

        StandInServices.service(service).verify(1, getRequestedFor(urlEqualTo(path))
                .withHeader("Authorization", equalTo("Bearer " + token))
                .withHeader("X-Correlation-Id", equalTo("corr-" + service)));
    }
}
