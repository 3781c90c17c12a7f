package org.communitypoints.gateway;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsStringIgnoringCase;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.nullValue;

import org.communitypoints.testsupport.Tokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
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
    @ValueSource(strings = { "activity", "points", "catalog", "community" })
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

    @Test
    void forwardsMethodBodyQueryAndIdempotencyKeyAndReturnsTheServicesAnswer() {
        String token = Tokens.resident("li-mei", "wutong");
        StandInServices.service("catalog").stubFor(post(urlEqualTo("/api/catalog/redemptions?dryRun=false"))
                .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                        .withHeader("Location", "/api/catalog/redemptions/r-9").withBody("{\"redemptionId\":\"r-9\"}")));

        given().auth().oauth2(token).header("Idempotency-Key", "key-123").contentType("application/json")
                .body("{\"rewardId\":\"lunch\"}")
                .when().post("/api/catalog/redemptions?dryRun=false")
                .then().statusCode(201)
                .header("Location", "/api/catalog/redemptions/r-9")
                .body("redemptionId", is("r-9"));

        StandInServices.service("catalog").verify(1, postRequestedFor(urlEqualTo("/api/catalog/redemptions?dryRun=false"))
                .withHeader("Idempotency-Key", equalTo("key-123"))
                .withHeader("Content-Type", containing("application/json"))
                .withRequestBody(equalToJson("{\"rewardId\":\"lunch\"}")));
    }

    @Test
    void makesACorrelationIdWhenTheCallerSentNoneAndGivesTheSameToServiceAndCaller() {
        StandInServices.service("activity").stubFor(get(urlEqualTo("/api/activity/activities"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody("[]")));

        String id = given().auth().oauth2(Tokens.resident("li-mei", "wutong"))
                .when().get("/api/activity/activities")
                .then().statusCode(200)
                .header("X-Correlation-Id", matchesPattern("[0-9a-f-]{36}"))
                .extract().header("X-Correlation-Id");

        StandInServices.service("activity").verify(1, getRequestedFor(urlEqualTo("/api/activity/activities"))
                .withHeader("X-Correlation-Id", equalTo(id)));
    }

    @Test
    void replacesAnUnsafeCorrelationId() {
        StandInServices.service("activity").stubFor(get(urlEqualTo("/api/activity/activities"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody("[]")));

        given().auth().oauth2(Tokens.resident("li-mei", "wutong")).header("X-Correlation-Id", "bad id\" with quotes")
                .when().get("/api/activity/activities")
                .then().statusCode(200)
                .header("X-Correlation-Id", matchesPattern("[0-9a-f-]{36}"));
    }

    @Test
    void callersForwardingClaimsNeverReachTheServiceTheGatewayStatesItsOwnPublicAddress() {
        StandInServices.service("points").stubFor(get(urlEqualTo("/api/points/accounts"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody("[]")));

        given().auth().oauth2(Tokens.staff("staff-forwarding", "wutong"))
                .header("X-Forwarded-Host", "evil.example.com")
                .header("X-Forwarded-Proto", "http")
                .header("X-Forwarded-Prefix", "/phish")
                .header("X-Forwarded-Port", "6666")
                .header("X-Forwarded-For", "10.6.6.6")
                .header("Forwarded", "for=10.6.6.6;host=evil.example.com;proto=http")
                .when().get("/api/points/accounts")
                .then().statusCode(200);

        // %test.gateway.public-url=https://api.points.example.org/community
        StandInServices.service("points").verify(1, getRequestedFor(urlEqualTo("/api/points/accounts"))
                .withHeader("X-Forwarded-Host", equalTo("api.points.example.org"))
                .withHeader("X-Forwarded-Proto", equalTo("https"))
                .withHeader("X-Forwarded-Prefix", equalTo("/community"))
                .withHeader("X-Forwarded-For", equalTo("127.0.0.1"))
                .withoutHeader("X-Forwarded-Port")
                .withoutHeader("Forwarded"));
        StandInServices.service("points").verify(0, anyRequestedFor(anyUrl())
                .withHeader("X-Forwarded-Host", containing("evil")));
    }

    @Test
    void corsPreflightFromTheMiniProgramIsAllowedWithoutAToken() {
        given().header("Origin", "http://localhost:5173")
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers",
                        "authorization,content-type,idempotency-key,x-correlation-id,prefer,on-behalf-of")
                .when().options("/api/catalog/redemptions")
                .then().statusCode(200)
                .header("Access-Control-Allow-Origin", "http://localhost:5173")
                .header("Access-Control-Allow-Methods", org.hamcrest.Matchers.containsString("POST"))
                .header("Access-Control-Allow-Headers", containsStringIgnoringCase("idempotency-key"))
                // Waiting for a redemption's outcome, and acting for a resident one helps.
                .header("Access-Control-Allow-Headers", containsStringIgnoringCase("prefer"))
                .header("Access-Control-Allow-Headers", containsStringIgnoringCase("on-behalf-of"));
        StandInServices.service("catalog").verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void corsHeadersAreOnProxiedAnswers() {
        StandInServices.service("activity").stubFor(get(urlEqualTo("/api/activity/activities"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody("[]")));

        given().auth().oauth2(Tokens.resident("li-mei", "wutong")).header("Origin", "http://localhost:5173")
                .when().get("/api/activity/activities")
                .then().statusCode(200)
                .header("Access-Control-Allow-Origin", "http://localhost:5173")
                .header("Access-Control-Expose-Headers", containsStringIgnoringCase("x-correlation-id"))
                .header("Access-Control-Expose-Headers", containsStringIgnoringCase("preference-applied"))
                .header("Access-Control-Expose-Headers", containsStringIgnoringCase("idempotent-replayed"));
    }

    @Test
    void corsPreflightFromAnotherOriginIsNotAllowed() {
        given().header("Origin", "https://evil.example.com")
                .header("Access-Control-Request-Method", "POST")
                .when().options("/api/catalog/redemptions")
                .then().header("Access-Control-Allow-Origin", nullValue());
    }

    @Test
    void gatewayRefusalsCarryCorsHeadersSoTheWebViewCanReadThem() {
        given().header("Origin", "http://localhost:5173")
                .when().get("/api/points/me/balance")
                .then().statusCode(401)
                .header("Access-Control-Allow-Origin", "http://localhost:5173");
    }

    @Test
    void theSealKeyIsPublicAtItsWellKnownAddress() {
        StandInServices.service("points").stubFor(get(urlEqualTo("/api/points/seal-key"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody("{\"keyId\":\"k1\",\"algorithm\":\"Ed25519\",\"publicKey\":\"MCow\"}")));

        given().when().get("/.well-known/community-points-seal-key")
                .then().statusCode(200)
                .body("algorithm", is("Ed25519"));

        StandInServices.service("points").verify(1, getRequestedFor(urlEqualTo("/api/points/seal-key")));
    }

    @Test
    void onlyTheSealKeyAndTheVerifierArePublicTheRestOfPointsStillNeedsAToken() {
        StandInServices.service("points").stubFor(get(urlEqualTo("/api/points/verify"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "text/html").withBody("<html>")));

        given().when().get("/api/points/verify").then().statusCode(200);
        given().when().get("/api/points/exports/seals").then().statusCode(401);
    }
}
