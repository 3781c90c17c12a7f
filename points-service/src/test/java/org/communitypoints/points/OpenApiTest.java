package org.communitypoints.points;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class OpenApiTest {

    @Test
    void fieldsEveryAnswerCarriesAreRequiredAndFieldsThatMayBeNullAreNot() {
        given().queryParam("format", "json").when().get("/q/openapi").then().statusCode(200)
                .body("components.schemas.BalanceResponse.required",
                        hasItems("communityId", "memberId", "posted", "held", "available"))
                .body("components.schemas.BalanceResponse.required", not(hasItem("asOf")))
                .body("components.schemas.PassbookResponse.required", hasItem("lines"))
                .body("components.schemas.PassbookResponse.required", not(hasItem("nextCursor")))
                .body("components.schemas.AdjustmentResponse.required",
                        hasItems("id", "memberId", "points", "reason", "status", "requestedBy"))
                // null while the adjustment waits for a second staff member
                .body("components.schemas.AdjustmentResponse.required", not(hasItem("transactionId")))
                .body("components.schemas.AdjustmentResponse.required", not(hasItem("available")));
    }
}
