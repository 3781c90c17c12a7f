package org.communitypoints.testsupport;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import org.junit.jupiter.api.Test;

/**
 * What every data service must show from day one: it is ready with its real database and broker, it
 * serves its OpenAPI document, and a malformed JSON body on a real endpoint is a problem+json 400.
 * A service's {@code @QuarkusTest} extends this and names its own endpoint.
 */
public abstract class ServiceFoundationChecks {

    /** The application name, as it appears in the OpenAPI title. */
    protected abstract String serviceName();

    /** A real endpoint that takes a JSON body with POST. */
    protected abstract String jsonEndpoint();

    /** A token allowed to call {@link #jsonEndpoint()}, so the body, not the caller, is what is refused. */
    protected abstract String tokenForJsonEndpoint();

    @Test
    void isReadyWithItsDatabaseAndBroker() {
        given().when().get("/q/health/ready")
                .then().statusCode(200)
                .body("status", equalTo("UP"));
    }

    @Test
    void servesItsOpenApiDocument() {
        given().accept("application/json").when().get("/q/openapi")
                .then().statusCode(200)
                .body("openapi", containsString("3."))
                .body("info.title", containsString(serviceName()));
    }

    @Test
    void refusesAMalformedJsonBodyWithAProblem() {
        given().auth().oauth2(tokenForJsonEndpoint())
                .contentType("application/json")
                .body("{\"cut off\": ")
                .when().post(jsonEndpoint())
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("status", equalTo(400))
                .body("code", equalTo("MALFORMED_JSON"));
    }
}
