package org.communitypoints.catalog;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.UUID;

import org.communitypoints.platform.web.ProblemCatalog;
import org.communitypoints.platform.web.ProblemMessages;
import org.communitypoints.testsupport.Tokens;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class ProblemTextsTest {

    private static final String API = "/api/catalog";

    @Test
    void everyProblemTextExistsInChineseAndEnglish() {
        assertEquals(List.of(), ProblemCatalog.defects(ProblemMessages.SERVICE_CATALOG));
    }

    @Test
    void aResidentReadsTheProblemInChineseUnlessTheyAskForEnglish() {
        String resident = Tokens.resident("resident-texts", "wutong");
        given().auth().oauth2(resident).when().get(API + "/rewards/" + UUID.randomUUID())
                .then().statusCode(404).body("code", equalTo("REWARD_NOT_FOUND"))
                .body("detail", equalTo("您所在社区的兑换目录里没有这个奖励。"));
        given().auth().oauth2(resident).header("Accept-Language", "en").when().get(API + "/rewards/" + UUID.randomUUID())
                .then().statusCode(404).body("code", equalTo("REWARD_NOT_FOUND"))
                .body("detail", equalTo("This reward is not in your community's catalog."));
    }
}
