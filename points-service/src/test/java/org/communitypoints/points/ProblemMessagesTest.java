package org.communitypoints.points;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.communitypoints.platform.web.ProblemCatalog;
import org.communitypoints.platform.web.ProblemMessages;
import org.communitypoints.testsupport.Tokens;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class ProblemMessagesTest {

    private static final String COMMUNITY = "shuita";

    @Inject
    LedgerChecks ledger;

    @Test
    void everyProblemCodeHasChineseAndEnglishText() {
        assertEquals(List.of(), ProblemCatalog.defects(ProblemMessages.SERVICE_CATALOG));
    }

    @Test
    void aRefusedAdjustmentIsExplainedInChineseByDefaultWithTheNumbers() {
        String member = residentWith(10);
        given().auth().oauth2(Tokens.staff("staff-zhao", COMMUNITY)).contentType("application/json")
                .header("Idempotency-Key", "adjust-" + UUID.randomUUID())
                .body(Map.of("memberId", member, "points", -11, "reason", "误记"))
                .when().post("/api/points/adjustments")
                .then().statusCode(409).contentType("application/problem+json")
                .body("code", equalTo("INSUFFICIENT_POINTS"))
                .body("detail", equalTo("这位居民现在可用 10 积分，不够扣减 11 积分。请改小扣减的积分数。"));
    }

    @Test
    void aRefusedAdjustmentIsExplainedInEnglishWhenTheClientAsksForIt() {
        String member = residentWith(10);
        given().auth().oauth2(Tokens.staff("staff-zhao", COMMUNITY)).header("Accept-Language", "en")
                .header("Idempotency-Key", "adjust-" + UUID.randomUUID())
                .contentType("application/json")
                .body(Map.of("memberId", member, "points", -11, "reason", "误记"))
                .when().post("/api/points/adjustments")
                .then().statusCode(409).contentType("application/problem+json")
                .body("code", equalTo("INSUFFICIENT_POINTS"))
                .body("detail", equalTo("This resident has 10 points available, so 11 points cannot be taken off."));
    }

    @Test
    void aStalePassbookLinkTellsTheResidentToStartFromTheFirstPage() {
        given().auth().oauth2(Tokens.resident("resident-" + UUID.randomUUID(), COMMUNITY))
                .queryParam("cursor", "not-a-cursor")
                .when().get("/api/points/me/passbook")
                .then().statusCode(400)
                .body("code", equalTo("INVALID_PARAMETER"))
                .body("errors.field", org.hamcrest.Matchers.hasItem("cursor"))
                .body("detail", equalTo("这个翻页链接已经失效了。请从积分存折的第一页重新打开。"));
    }

    private String residentWith(long points) {
        String member = LedgerChecks.registeredResident(COMMUNITY);
        ledger.credit(COMMUNITY, member, points, "社区巡逻");
        return member;
    }
}
