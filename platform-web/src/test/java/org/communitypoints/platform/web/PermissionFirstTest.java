package org.communitypoints.platform.web;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import org.communitypoints.testsupport.OidcResource;
import org.communitypoints.testsupport.Tokens;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;

/**
 * A caller without the endpoint's role learns nothing from a malformed request: Quarkus REST (3.33, lazy
 * authentication) matches the resource method, then checks {@code @RolesAllowed}, and only then runs post-matching
 * filters (control characters), converts parameters and reads and validates the body. So 401/403 come before any
 * 400 without further configuration.
 *
 * <p>
 * Not covered by that order: the 415 for a Content-Type and the 406 for an Accept the method does not declare.
 * Quarkus REST decides both while matching (ClassRoutingHandler), before the role check; {@link AccessBeforeNegotiation}
 * then applies the matched method's roles first, so a caller without the role still gets 401/403.
 */
@QuarkusTest
@WithTestResource(OidcResource.class)
class PermissionFirstTest {

    private static final String RESIDENT = Tokens.resident("resident-li", "wutong");
    private static final String STAFF = Tokens.staff("staff-wang", "wutong");

    @Test
    void aCallerWithoutTheRoleGets403ForAMalformedBody() {
        forbidden(as(RESIDENT).contentType("application/json").body("{\"title\": ").when().post("/guarded").then());
    }

    @Test
    void aCallerWithoutTheRoleGets403ForABodyThatFailsValidation() {
        forbidden(as(RESIDENT).contentType("application/json").body("{\"title\":\" \",\"seats\":0}").when()
                .post("/guarded").then());
    }

    @Test
    void aCallerWithoutTheRoleGets403ForAnUnparsableParameter() {
        forbidden(as(RESIDENT).queryParam("limit", "abc").when().get("/guarded/2026-11-20").then());
        forbidden(as(RESIDENT).when().get("/guarded/yesterday").then());
    }

    @Test
    void aCallerWithoutTheRoleGets403ForAControlCharacterInAParameter() {
        forbidden(as(RESIDENT).urlEncodingEnabled(false).when().get("/guarded/2026-11-20?q=a%00b").then());
    }

    @Test
    void aCallerWithoutATokenGets401ForAMalformedBody() {
        given().contentType("application/json").body("{\"title\": ").when().post("/guarded").then().statusCode(401)
                .body("code", equalTo("UNAUTHENTICATED"));
    }

    @Test
    void aCallerWithTheRoleGetsTheValidationProblems() {
        as(STAFF).contentType("application/json").body("{\"title\": ").when().post("/guarded").then().statusCode(400)
                .body("code", equalTo("MALFORMED_JSON"));
        as(STAFF).queryParam("limit", "abc").when().get("/guarded/2026-11-20").then().statusCode(400)
                .body("code", equalTo("INVALID_PARAMETER"));
        as(STAFF).urlEncodingEnabled(false).when().get("/guarded/2026-11-20?q=a%00b").then().statusCode(400)
                .body("code", equalTo("INVALID_CHARACTERS"));
    }

    @Test
    void aCallerWithoutTheRoleGets403ForAnAcceptTheEndpointDoesNotProduce() {
        forbidden(as(RESIDENT).accept("application/xml").when().get("/echo/staff-only").then());
        forbidden(as(RESIDENT).accept("text/csv").when().get("/guarded/2026-11-20").then());
        given().accept("application/xml").when().get("/echo/staff-only").then().statusCode(401)
                .body("code", equalTo("UNAUTHENTICATED"));
    }

    @Test
    void aCallerWithoutTheRoleGets403ForAContentTypeTheEndpointDoesNotRead() {
        forbidden(as(RESIDENT).contentType("text/plain").body("not json").when().post("/guarded").then());
        given().contentType("text/plain").body("x").when().post("/guarded").then().statusCode(401)
                .body("code", equalTo("UNAUTHENTICATED"));
    }

    @Test
    void aCallerWithTheRoleLearnsWhichFormatsTheEndpointSpeaks() {
        as(STAFF).accept("application/xml").when().get("/echo/staff-only").then().statusCode(406)
                .body("code", equalTo("NOT_ACCEPTABLE"));
        as(STAFF).contentType("text/plain").body("x").when().post("/guarded").then().statusCode(415)
                .body("code", equalTo("UNSUPPORTED_MEDIA_TYPE"));
        // an endpoint anyone may call answers everybody's unsupported format with 406
        given().accept("application/xml").when().get("/echo/refusal").then().statusCode(406)
                .body("code", equalTo("NOT_ACCEPTABLE"));
    }

    private static RequestSpecification as(String token) {
        return given().auth().oauth2(token);
    }

    private static void forbidden(ValidatableResponse response) {
        response.statusCode(403).body("code", equalTo("FORBIDDEN"));
    }
}
