package org.communitypoints.points;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.communitypoints.points.service.ShiftCreditingService;
import org.communitypoints.testsupport.Tokens;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class ReversalTest {

    private static final String COMMUNITY = "wenyuan";

    @Inject
    LedgerChecks ledger;

    @AfterEach
    void invariantsHold() {
        ledger.assertInvariants();
    }

    private static String path(UUID transaction) {
        return "/api/points/transactions/" + transaction + "/reversal";
    }

    @Test
    void aWrongCreditIsReversedByANewTransactionOnce() {
        String member = "resident-" + UUID.randomUUID();
        UUID shift = ledger.credit(COMMUNITY, member, 15, "社区巡逻");
        UUID credit = ShiftCreditingService.creditOf(shift);
        String staff = Tokens.staff("staff-zhao", COMMUNITY);

        given().auth().oauth2(staff).contentType("application/json").body(Map.of("reason", "同一班次登记了两次"))
                .when().post(path(credit))
                .then().statusCode(201).body("reverses", equalTo(credit.toString()));
        assertEquals(0, ledger.residentBalance(COMMUNITY, member)[0]);
        assertEquals(1, ledger.count("select count(*) from journal_transaction where id = ?", credit),
                "the original stays in the journal");

        given().auth().oauth2(staff).contentType("application/json").body(Map.of("reason", "再来一次"))
                .when().post(path(credit))
                .then().statusCode(409).body("code", equalTo("ALREADY_REVERSED"));
        given().auth().oauth2(Tokens.resident(member, COMMUNITY)).when().get("/api/points/me/passbook")
                .then().statusCode(200)
                .body("lines[0].kind", equalTo("REVERSAL")).body("lines[0].amount", equalTo(-15))
                .body("lines[0].runningBalance", equalTo(0))
                .body("lines[0].description", equalTo("冲正：志愿服务：社区巡逻（60 分钟）"));
    }

    @Test
    void anotherCommunitysTransactionIsNotFound() {
        UUID shift = ledger.credit(COMMUNITY, "resident-" + UUID.randomUUID(), 5, "社区巡逻");
        given().auth().oauth2(Tokens.staff("staff-wang", "wutong")).contentType("application/json")
                .body(Map.of("reason", "不是我们社区的"))
                .when().post(path(ShiftCreditingService.creditOf(shift)))
                .then().statusCode(404).body("code", equalTo("TRANSACTION_NOT_FOUND"));
    }

    @Test
    void pointsAlreadySpentCannotBeTakenBack() {
        String member = LedgerChecks.registeredResident(COMMUNITY); // staff adjust registered residents only
        UUID shift = ledger.credit(COMMUNITY, member, 10, "社区巡逻");
        given().auth().oauth2(Tokens.staff("staff-zhao", COMMUNITY)).contentType("application/json")
                .header("Idempotency-Key", "adjust-" + UUID.randomUUID())
                .body(Map.of("memberId", member, "points", -8, "reason", "兑换礼品"))
                .when().post("/api/points/adjustments").then().statusCode(201);
        given().auth().oauth2(Tokens.staff("staff-zhao", COMMUNITY)).contentType("application/json")
                .body(Map.of("reason", "登记错误"))
                .when().post(path(ShiftCreditingService.creditOf(shift)))
                .then().statusCode(409).body("code", equalTo("INSUFFICIENT_POINTS"));
        assertEquals(2, ledger.residentBalance(COMMUNITY, member)[0]);
    }
}
