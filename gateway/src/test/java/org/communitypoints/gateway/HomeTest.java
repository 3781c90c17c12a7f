package org.communitypoints.gateway;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;

import jakarta.inject.Inject;

import org.communitypoints.gateway.resilience.DownstreamGuards;
import org.communitypoints.testsupport.Tokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.http.Fault;

import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import io.smallrye.faulttolerance.api.CircuitBreakerState;

@QuarkusTest
class HomeTest {

    static final String BALANCE = """
            {"communityId":"wutong","memberId":"li-mei","posted":120,"held":20,"available":100,"asOf":"2026-05-01T08:00:00Z"}""";
    static final String PASSBOOK = """
            {"lines":[{"sequence":7,"postedAt":"2026-04-30T10:00:00Z","description":"Canteen order keeping, 2 h","amount":20,
            "runningBalance":120,"kind":"SHIFT_CREDIT","transactionId":"6d1f0a52-3c1e-4f8e-9a5a-0c9c4c6b1a11"}],"nextCursor":"c-7"}""";
    static final String SUMMARY = "{\"balance\":" + BALANCE + ",\"passbook\":" + PASSBOOK + "}";
    static final String SIGN_UPS = """
            [{"activityId":"0b6e2f57-8f0e-4c6a-9d43-7b1f7c2e3a10","title":"Canteen order keeping","place":"Wutong canteen",
            "startsAt":"2026-05-03T10:30:00Z","endsAt":"2026-05-03T12:30:00Z"}]""";
    static final String VOUCHERS = """
            [{"redemptionId":"r-1","code":"WT-7K2P","rewardTitle":"Canteen lunch","partnerName":"Wutong canteen",
            "validFrom":"2026-05-01T00:00:00Z","validUntil":"2026-05-01T23:59:59Z","state":"ACTIVE","extra":"ignored"}]""";

    @Inject
    CircuitBreakerMaintenance breakers;

    @BeforeEach
    void reset() {
        StandInServices.resetAll();
        breakers.resetAll();
    }

    @Test
    void allServicesUpGivesEveryPartOk() {
        stubAll();
        String token = Tokens.resident("li-mei", "wutong");

        given().auth().oauth2(token).header("X-Correlation-Id", "home-1")
                .when().get("/api/home")
                .then().statusCode(200)
                .contentType("application/json")
                .header("X-Correlation-Id", "home-1")
                .body("balance.status", is("ok"))
                .body("balance.data.available", is(100))
                .body("balance.data.held", is(20))
                .body("passbook.status", is("ok"))
                .body("passbook.data.lines", hasSize(1))
                .body("passbook.data.lines[0].kind", is("SHIFT_CREDIT"))
                .body("passbook.data.nextCursor", is("c-7"))
                .body("upcomingActivities.status", is("ok"))
                .body("upcomingActivities.data[0].title", is("Canteen order keeping"))
                .body("activeVouchers.status", is("ok"))
                .body("activeVouchers.data[0].code", is("WT-7K2P"));

        StandInServices.service("points").verify(1, getRequestedFor(urlPathEqualTo("/api/points/me/summary"))
                .withQueryParam("limit", equalTo("5"))
                .withHeader("Authorization", equalTo("Bearer " + token))
                .withHeader("X-Correlation-Id", equalTo("home-1")));
        StandInServices.service("activity").verify(getRequestedFor(urlPathEqualTo("/api/activity/me/sign-ups"))
                .withQueryParam("upcoming", equalTo("true"))
                .withHeader("X-Correlation-Id", equalTo("home-1")));
        StandInServices.service("catalog").verify(getRequestedFor(urlPathEqualTo("/api/catalog/me/vouchers"))
                .withQueryParam("state", equalTo("ACTIVE"))
                .withHeader("X-Correlation-Id", equalTo("home-1")));
    }

    @Test
    void aFailingServiceMakesOnlyItsPartUnavailable() {
        stubAll();
        StandInServices.service("catalog").stubFor(get(urlPathEqualTo("/api/catalog/me/vouchers"))
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

        given().auth().oauth2(Tokens.resident("li-mei", "wutong"))
                .when().get("/api/home")
                .then().statusCode(200)
                .body("activeVouchers.status", is("unavailable"))
                .body("activeVouchers.data", nullValue())
                .body("balance.status", is("ok"))
                .body("passbook.status", is("ok"))
                .body("upcomingActivities.status", is("ok"));
    }

    @Test
    void aServiceSheddingLoadMakesItsPartUnavailableWithoutOpeningItsCircuit() {
        stubAll();
        StandInServices.service("catalog").stubFor(get(urlPathEqualTo("/api/catalog/me/vouchers"))
                .willReturn(aResponse().withStatus(503).withHeader("Retry-After", "1")));
        String token = Tokens.resident("li-mei", "wutong");

        // Twice the breaker's volume threshold (4 in tests): as failures, these would have opened it.
        for (int i = 0; i < 8; i++) {
            given().auth().oauth2(token)
                    .when().get("/api/home")
                    .then().statusCode(200)
                    .body("activeVouchers.status", is("unavailable"))
                    .body("balance.status", is("ok"));
        }

        assertEquals(CircuitBreakerState.CLOSED, breakers.currentState(DownstreamGuards.breakerName("catalog")));
        StandInServices.service("catalog").verify(8, getRequestedFor(urlPathEqualTo("/api/catalog/me/vouchers")));
    }

    @Test
    void aStoppedServiceMakesOnlyItsPartsUnavailable() {
        stubAll();
        StandInServices.service("points").stop();

        given().auth().oauth2(Tokens.resident("li-mei", "wutong"))
                .when().get("/api/home")
                .then().statusCode(200)
                .body("balance.status", is("unavailable"))
                .body("passbook.status", is("unavailable"))
                .body("upcomingActivities.status", is("ok"))
                .body("activeVouchers.status", is("ok"));
    }

    @Test
    void aSlowServiceIsCutOffAtItsTimeout() {
        stubAll();
        StandInServices.service("activity").stubFor(get(urlPathEqualTo("/api/activity/me/sign-ups"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody(SIGN_UPS).withFixedDelay(6000)));

        given().auth().oauth2(Tokens.resident("li-mei", "wutong"))
                .when().get("/api/home")
                .then().statusCode(200)
                .time(org.hamcrest.Matchers.lessThan(5000L))
                .body("upcomingActivities.status", is("unavailable"))
                .body("balance.status", is("ok"));
    }

    @Test
    void theBalanceAndPassbookComeFromOneCallToPoints() {
        stubAll();
        String token = Tokens.resident("li-mei", "wutong");
        // A cold gateway on a busy machine can miss the part timeout on its first home: wait until it is warm.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth().oauth2(token).when().get("/api/home")
                .then().statusCode(200).body("balance.status", is("ok")));
        StandInServices.service("points").resetRequests();

        given().auth().oauth2(token)
                .when().get("/api/home")
                .then().statusCode(200)
                .body("balance.status", is("ok"))
                .body("balance.data.posted", is(120))
                .body("passbook.status", is("ok"))
                .body("passbook.data.lines[0].runningBalance", is(120));

        StandInServices.service("points").verify(1, anyRequestedFor(anyUrl()));
        StandInServices.service("points").verify(1, getRequestedFor(urlPathEqualTo("/api/points/me/summary")));
    }

    @Test
    void aServiceErrorOrRefusalIsUnavailableNotA500() {
        stubAll();
        StandInServices.service("points").stubFor(get(urlPathEqualTo("/api/points/me/summary"))
                .willReturn(aResponse().withStatus(500).withHeader("Content-Type", "application/problem+json")
                        .withBody("{\"status\":500,\"code\":\"INTERNAL_ERROR\"}")));
        StandInServices.service("activity").stubFor(get(urlPathEqualTo("/api/activity/me/sign-ups"))
                .willReturn(aResponse().withStatus(403).withHeader("Content-Type", "application/problem+json")
                        .withBody("{\"status\":403,\"code\":\"NO_COMMUNITY\"}")));

        // The balance and the passbook share one call: they fail together, the other parts still show.
        given().auth().oauth2(Tokens.resident("li-mei", "wutong"))
                .when().get("/api/home")
                .then().statusCode(200)
                .body("balance.status", is("unavailable"))
                .body("balance.data", nullValue())
                .body("passbook.status", is("unavailable"))
                .body("passbook.data", nullValue())
                .body("upcomingActivities.status", is("unavailable"))
                .body("activeVouchers.status", is("ok"));
    }

    @Test
    void aResidentWithoutACommunityIsToldSoOnce() {
        stubAll();

        given().auth().oauth2(Tokens.claims("no-community", null, "resident").sign())
                .when().get("/api/home")
                .then().statusCode(403)
                .contentType("application/problem+json")
                .body("code", is("NO_COMMUNITY"));
        StandInServices.NAMES.forEach(name -> StandInServices.service(name).verify(0, anyRequestedFor(anyUrl())));
    }

    static void stubAll() {
        stub("points", "/api/points/me/summary", SUMMARY);
        stub("activity", "/api/activity/me/sign-ups", SIGN_UPS);
        stub("catalog", "/api/catalog/me/vouchers", VOUCHERS);
    }

    private static void stub(String service, String path, String body) {
        StandInServices.service(service).stubFor(get(urlPathEqualTo(path))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(body)));
    }
}
