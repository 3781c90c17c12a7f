package org.communitypoints.points;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import org.communitypoints.testsupport.Tokens;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class ServiceFoundationTest {

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
                .body("info.title", containsString("points-service"));
    }

    @Test
    void refusesAMalformedJsonBodyAsProblemJson() {
        given().auth().oauth2(Tokens.staff("staff-zhao", "wutong"))
                .contentType("application/json")
                .body("{\"memberId\": \"resident-li-mei\", \"points\": 5, ")
                .when().post("/api/points/adjustments")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("status", equalTo(400))
                .body("code", equalTo("MALFORMED_JSON"));
    }
}
