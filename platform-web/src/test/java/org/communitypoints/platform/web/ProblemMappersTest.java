package org.communitypoints.platform.web;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

import org.communitypoints.testsupport.OidcResource;
import org.communitypoints.testsupport.Tokens;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;

@QuarkusTest
@WithTestResource(OidcResource.class)
class ProblemMappersTest {

    private static final String RESIDENT = Tokens.resident("resident-li", "wutong");

    @Test
    void malformedJsonIsA400Problem() {
        problem(post("{\"title\": \"tea art\", "), 400, "MALFORMED_JSON");
    }

    @Test
    void unknownFieldsAreRefusedByName() {
        problem(post("{\"title\":\"tea art\",\"seats\":2,\"price\":0}"), 400, "UNKNOWN_FIELD")
                .body("errors.field", hasItem("price"));
    }

    @Test
    void wrongTypesAreRefusedByField() {
        problem(post("{\"title\":\"tea art\",\"seats\":\"many\"}"), 400, "INVALID_FIELD_TYPE")
                .body("errors.field", hasItem("seats"));
    }

    @Test
    void validationFailuresNameEveryOffendingJsonField() {
        problem(post("{\"title\":\" \",\"seats\":0,\"items\":[{\"name\":\"cup\",\"quantity\":0}]}"), 400,
                "VALIDATION_FAILED")
                .body("errors.field", hasItems("title", "seats", "items[0].quantity"));
    }

    @Test
    void aMissingBodyIsAValidationFailure() {
        problem(given().auth().oauth2(RESIDENT).contentType("application/json").when().post("/echo").then(), 400,
                "VALIDATION_FAILED");
    }

    @Test
    void anOversizedBodyIsA413Problem() {
        String big = "{\"title\":\"" + "x".repeat(8 * 1024) + "\",\"seats\":1}";
        problem(post(big), 413, "PAYLOAD_TOO_LARGE");
    }

    @Test
    void aWrongContentTypeIsA415Problem() {
        problem(given().auth().oauth2(RESIDENT).contentType("text/plain").body("hello").when().post("/echo").then(),
                415, "UNSUPPORTED_MEDIA_TYPE");
    }

    @Test
    void domainRefusalsKeepTheirCodeAndSentence() {
        problem(given().when().get("/echo/refusal").then(), 409, "CAPACITY_FULL")
                .body("detail", equalTo("This activity is full."))
                .body("type", equalTo("/problems/capacity-full"))
                .body("instance", equalTo("/echo/refusal"));
    }

    @Test
    void unexpectedFailuresRevealNoInternals() {
        problem(given().header("Accept-Language", "en").when().get("/echo/crash").then(), 500, "INTERNAL_ERROR")
                .body("detail", containsString("error id"))
                .body(not(containsString("org.secret")))
                .body(not(containsString("IllegalStateException")));
    }

    @Test
    void unknownPathsAreA404Problem() {
        problem(given().when().get("/no/such/thing").then(), 404, "NOT_FOUND");
    }

    @Test
    void wrongMethodsAreA405Problem() {
        problem(given().when().delete("/echo/refusal").then(), 405, "METHOD_NOT_ALLOWED");
    }

    @Test
    void noTokenIsA401Problem() {
        problem(given().contentType("application/json").body("{}").when().post("/echo").then(), 401, "UNAUTHENTICATED")
                .header("WWW-Authenticate", containsString("Bearer"));
    }

    @Test
    void expiredWronglySignedAndForeignTokensAre401() {
        for (String token : new String[] { Tokens.expired("resident-li", "wutong"),
                Tokens.wronglySigned("resident-li", "wutong"), Tokens.fromOtherIssuer("resident-li", "wutong"),
                "not-a-jwt" }) {
            problem(given().auth().oauth2(token).when().get("/echo/staff-only").then(), 401, "UNAUTHENTICATED");
        }
    }

    @Test
    void theWrongRoleIsA403Problem() {
        problem(given().auth().oauth2(RESIDENT).when().get("/echo/staff-only").then(), 403, "FORBIDDEN");
    }

    @Test
    void anotherCommunitysIdsAreNotFound() {
        given().auth().oauth2(RESIDENT).when().get("/echo/communities/wutong").then().statusCode(200)
                .body(equalTo("wutong"));
        problem(given().auth().oauth2(RESIDENT).when().get("/echo/communities/ximalu").then(), 404, "NOT_FOUND");
    }

    @Test
    void aTokenWithoutCommunityIsRefusedClearly() {
        String token = Tokens.claims("resident-new", null, "resident").sign();
        problem(given().auth().oauth2(token).when().get("/echo/communities/wutong").then(), 403, "NO_COMMUNITY");
    }

    @Test
    void theCorrelationIdIsKeptOrMade() {
        given().header("X-Correlation-Id", "req-12345").when().get("/echo/refusal")
                .then().header("X-Correlation-Id", equalTo("req-12345"));
        given().when().get("/echo/refusal").then().header("X-Correlation-Id", notNullValue());
    }

    private static ValidatableResponse post(String body) {
        return given().auth().oauth2(RESIDENT).contentType("application/json").body(body).when().post("/echo").then();
    }

    private static ValidatableResponse problem(ValidatableResponse response, int status, String code) {
        return response.statusCode(status)
                .contentType(containsString("application/problem+json"))
                .body("status", equalTo(status))
                .body("code", equalTo(code))
                .body("title", notNullValue())
                .body("detail", notNullValue());
    }
}
