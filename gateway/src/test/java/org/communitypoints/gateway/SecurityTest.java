package org.communitypoints.gateway;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.communitypoints.testsupport.Tokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/** Every public route prefix refuses what it must, at the gateway, before any service is called. */
@QuarkusTest
class SecurityTest {

    /** One route per public prefix; the gateway's own endpoint included. */
    static final List<String> PUBLIC_ROUTES = List.of(
            "/api/activity/me/sign-ups", "/api/points/me/balance", "/api/catalog/me/vouchers", "/api/home");

    @BeforeEach
    void reset() {
        StandInServices.resetAll();
        StandInServices.NAMES.forEach(name -> StandInServices.service(name).stubFor(any(anyUrl())
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody("[]"))));
    }

    @ParameterizedTest
    @ValueSource(strings = { "/api/activity/me/sign-ups", "/api/points/me/balance", "/api/catalog/me/vouchers", "/api/home" })
    void noTokenIs401ProblemWithBearerChallenge(String route) {
        given().when().get(route)
                .then().statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", "Bearer")
                .body("code", is("UNAUTHENTICATED"))
                .body("status", is(401))
                .body("instance", is(route));
        assertNoServiceCalled();
    }

    static Stream<Arguments> badTokens() {
        List<Arguments> cases = new ArrayList<>();
        for (String route : PUBLIC_ROUTES) {
            cases.add(Arguments.of(route, "expired", Tokens.expired("li-mei", "wutong")));
            cases.add(Arguments.of(route, "wrongly signed", Tokens.wronglySigned("li-mei", "wutong")));
            cases.add(Arguments.of(route, "other issuer", Tokens.fromOtherIssuer("li-mei", "wutong")));
            cases.add(Arguments.of(route, "other audience",
                    Tokens.claims("li-mei", "wutong", "resident").audience("another-app").sign()));
            cases.add(Arguments.of(route, "garbage", "not.a.token"));
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} with {1} token")
    @MethodSource("badTokens")
    void invalidTokenIs401Problem(String route, String kind, String token) {
        given().auth().oauth2(token).when().get(route)
                .then().statusCode(401)
                .contentType("application/problem+json")
                .body("code", is("UNAUTHENTICATED"));
        assertNoServiceCalled();
    }

    static Stream<Arguments> wrongRoles() {
        return Stream.of(
                Arguments.of("/api/activity/me/sign-ups", "partner", Tokens.partner("p-1", "wutong", "wutong-canteen")),
                Arguments.of("/api/points/me/balance", "grid-worker", Tokens.gridWorker("g-1", "wutong")),
                Arguments.of("/api/points/me/balance", "partner", Tokens.partner("p-1", "wutong", "wutong-canteen")),
                Arguments.of("/api/catalog/me/vouchers", "grid-worker", Tokens.gridWorker("g-1", "wutong")),
                Arguments.of("/api/home", "staff", Tokens.staff("s-1", "wutong")),
                Arguments.of("/api/home", "partner", Tokens.partner("p-1", "wutong", "wutong-canteen")),
                Arguments.of("/api/home", "reconciler", Tokens.reconciler()),
                Arguments.of("/api/activity/me/sign-ups", "no role", Tokens.claims("x-1", "wutong").sign()),
                Arguments.of("/api/points/me/balance", "no role", Tokens.claims("x-1", "wutong").sign()),
                Arguments.of("/api/catalog/me/vouchers", "unknown role", Tokens.claims("x-1", "wutong", "visitor").sign()));
    }

    @ParameterizedTest(name = "{0} as {1}")
    @MethodSource("wrongRoles")
    void wrongRoleIs403Problem(String route, String role, String token) {
        given().auth().oauth2(token).when().get(route)
                .then().statusCode(403)
                .contentType("application/problem+json")
                .body("code", is("FORBIDDEN"));
        assertNoServiceCalled();
    }

    @Test
    void servicesSeeTheCallersOwnTokenSoTheyCanRefuseAnotherCommunitysData() {
        // The community and member come from the token, which the gateway passes on untouched; the
        // service's refusal (404 for another community) reaches the caller as the service wrote it.
        String token = Tokens.staff("s-1", "wutong");
        StandInServices.service("points").stubFor(get(urlEqualTo("/api/points/communities/ximalu/report"))
                .willReturn(aResponse().withStatus(404).withHeader("Content-Type", "application/problem+json")
                        .withBody("{\"status\":404,\"code\":\"NOT_FOUND\"}")));

        given().auth().oauth2(token).when().get("/api/points/communities/ximalu/report")
                .then().statusCode(404)
                .contentType("application/problem+json")
                .body("code", is("NOT_FOUND"));

        StandInServices.service("points").verify(1, getRequestedFor(urlEqualTo("/api/points/communities/ximalu/report"))
                .withHeader("Authorization", com.github.tomakehurst.wiremock.client.WireMock.equalTo("Bearer " + token)));
    }

    @Test
    void homeAsksForTheCallersOwnDataOnlyWithTheCallersToken() {
        String token = Tokens.resident("li-mei", "wutong");

        given().auth().oauth2(token).when().get("/api/home").then().statusCode(200);

        // No member or community id travels in the URL: each service reads them from this token.
        StandInServices.service("points").verify(getRequestedFor(urlPathEqualTo("/api/points/me/summary"))
                .withHeader("Authorization", com.github.tomakehurst.wiremock.client.WireMock.equalTo("Bearer " + token)));
        StandInServices.service("catalog").verify(getRequestedFor(urlPathEqualTo("/api/catalog/me/vouchers"))
                .withHeader("Authorization", com.github.tomakehurst.wiremock.client.WireMock.equalTo("Bearer " + token)));
        StandInServices.service("activity").verify(getRequestedFor(urlPathEqualTo("/api/activity/me/sign-ups"))
                .withHeader("Authorization", com.github.tomakehurst.wiremock.client.WireMock.equalTo("Bearer " + token)));
    }

    @Test
    void unknownApiPathNeedsATokenThenIs404Problem() {
        given().when().get("/api/nowhere").then().statusCode(401);
        given().auth().oauth2(Tokens.resident("li-mei", "wutong")).when().get("/api/nowhere")
                .then().statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void tooManyRequestsFromOneUserIs429WithRetryAfter() {
        String token = Tokens.resident("busy-resident", "wutong");
        Response limited = null;
        int admitted = 0;
        for (int i = 0; i < 200 && limited == null; i++) {
            Response response = given().auth().oauth2(token).when().get("/api/points/me/balance");
            if (response.statusCode() == 429) {
                limited = response;
            } else {
                assertEquals(200, response.statusCode());
                admitted++;
            }
        }
        assertTrue(limited != null, "no 429 after 200 quick requests");
        assertTrue(admitted >= 100, "the burst capacity (100 in tests) is admitted first, was " + admitted);
        limited.then()
                .contentType("application/problem+json")
                .header("Retry-After", notNullValue())
                .body("code", is("TOO_MANY_REQUESTS"));
        assertTrue(Integer.parseInt(limited.header("Retry-After")) >= 1);

        // Another user is not held back by the busy one.
        given().auth().oauth2(Tokens.resident("calm-resident", "wutong")).when().get("/api/points/me/balance")
                .then().statusCode(200);
    }

    @Test
    void theBatchReconcilerIsNotRateLimited() {
        String token = Tokens.reconciler();
        for (int i = 0; i < 150; i++) {
            given().auth().oauth2(token).when().get("/api/points/exports/journal?after=0")
                    .then().statusCode(org.hamcrest.Matchers.not(429));
        }
    }

    @Test
    void deadLettersOfEveryServiceAreForOperatorsOnly() {
        String operator = Tokens.claims("op-zhang", "wutong", "operator").sign();
        for (String service : StandInServices.NAMES) {
            given().auth().oauth2(operator).when().get("/api/" + service + "/dead-letters?state=WAITING")
                    .then().statusCode(200);
            given().auth().oauth2(operator).when().post("/api/" + service + "/dead-letters/7/redrive")
                    .then().statusCode(200);
            StandInServices.service(service).verify(getRequestedFor(urlPathEqualTo("/api/" + service + "/dead-letters")));
        }
        StandInServices.resetAll();
        for (String token : List.of(Tokens.staff("s-1", "wutong"), Tokens.resident("li-mei", "wutong"), Tokens.reconciler())) {
            given().auth().oauth2(token).when().get("/api/points/dead-letters")
                    .then().statusCode(403).contentType("application/problem+json").body("code", is("FORBIDDEN"));
            given().auth().oauth2(token).when().post("/api/catalog/dead-letters/redrive?topic=points.holds")
                    .then().statusCode(403);
        }
        // The role opens the dead letters and nothing else.
        given().auth().oauth2(operator).when().get("/api/points/me/balance").then().statusCode(403);
        assertNoServiceCalled();
    }

    @Test
    void theOperatorReadsTheLastReconciliationResultAndNothingElseOfPoints() {
        String operator = Tokens.claims("op-zhang", "wutong", "operator").sign();
        given().auth().oauth2(operator).when().get("/api/points/reconciliation-runs/latest").then().statusCode(200);
        StandInServices.service("points")
                .verify(getRequestedFor(urlPathEqualTo("/api/points/reconciliation-runs/latest")));
        StandInServices.resetAll();
        given().auth().oauth2(operator).when().get("/api/points/reconciliation-runs").then().statusCode(403);
        assertNoServiceCalled();
    }

    private static void assertNoServiceCalled() {
        StandInServices.NAMES.forEach(name -> StandInServices.service(name).verify(0, anyRequestedFor(anyUrl())));
    }

    @Test
    void pathsWithDotSegmentsAreNotForwarded() {
        given().auth().oauth2(Tokens.resident("li-mei", "wutong")).urlEncodingEnabled(false)
                .when().get("/api/activity/%2e%2e/points/me/balance")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("code", is("BAD_PATH"));
        assertNoServiceCalled();
    }

    @Test
    void plainOptionsWithoutATokenIs401() {
        given().when().options("/api/points/me/balance")
                .then().statusCode(401)
                .contentType("application/problem+json");
        assertNoServiceCalled();
    }
}
