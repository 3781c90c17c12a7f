package org.communitypoints.points;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.inject.Inject;

import org.communitypoints.testsupport.Tokens;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;

/** Insider controls on adjustments: key, bounds, daily total, never for oneself, maker-checker, the audit. */
@QuarkusTest
class AdjustmentControlsTest {

    private static final String COMMUNITY = "qinghe";

    @Inject
    LedgerChecks ledger;

    private final String maker = "staff-" + UUID.randomUUID();
    private final String checker = "staff-" + UUID.randomUUID();

    @AfterEach
    void invariantsHold() {
        ledger.assertInvariants();
    }

    private static ValidatableResponse adjust(String staffId, String community, String member, Object points) {
        return given().auth().oauth2(Tokens.staff(staffId, community)).header("Idempotency-Key", "adj-" + UUID.randomUUID())
                .contentType("application/json").body(Map.of("memberId", member, "points", points, "reason", "补录巡逻"))
                .when().post("/api/points/adjustments").then();
    }

    private static ValidatableResponse decide(String staffId, String id, String decision) {
        return given().auth().oauth2(Tokens.staff(staffId, COMMUNITY)).contentType("application/json")
                .body(Map.of("reason", "没有活动记录"))
                .when().post("/api/points/adjustments/" + id + "/" + decision).then();
    }

    private static String member() {
        return LedgerChecks.registeredResident(COMMUNITY);
    }

    @Test
    void anAdjustmentWithoutAnIdempotencyKeyIsRefusedAndBooksNothing() {
        String member = member();
        given().auth().oauth2(Tokens.staff(maker, COMMUNITY)).contentType("application/json")
                .body(Map.of("memberId", member, "points", 5, "reason", "补录"))
                .when().post("/api/points/adjustments")
                .then().statusCode(400).body("code", equalTo("IDEMPOTENCY_KEY_REQUIRED"));
        assertEquals(null, ledger.residentBalance(COMMUNITY, member));
    }

    @Test
    void anAdjustmentAboveTheConfiguredMaximumIsRefusedAndTheRefusalIsAudited() {
        String member = member();
        adjust(maker, COMMUNITY, member, 501).statusCode(400).body("code", equalTo("ADJUSTMENT_TOO_LARGE"))
                .body("errors.field", hasItem("points"));
        assertEquals(null, ledger.residentBalance(COMMUNITY, member));
        assertEquals(1, ledger.count("""
                select count(*) from control_audit where actor = ? and action = 'REFUSED' and code = 'ADJUSTMENT_TOO_LARGE'
                  and member_id = ? and points = 501 and transfer_id is null""", maker, member));
    }

    @Test
    void numbersBeyondWhatAnyConfigurationAllowsAreRefusedBeforeTheService() {
        given().auth().oauth2(Tokens.staff(maker, COMMUNITY)).header("Idempotency-Key", "adj-" + UUID.randomUUID())
                .contentType("application/json")
                .body("{\"memberId\": \"resident-x\", \"points\": 9223372036854775808, \"reason\": \"r\"}")
                .when().post("/api/points/adjustments")
                .then().statusCode(400).body("code", equalTo("NUMBER_OUT_OF_RANGE"));
        adjust(maker, COMMUNITY, "resident-x", -9_000_000_000L).statusCode(400).body("code", equalTo("VALIDATION_FAILED"))
                .body("errors.field", hasItem("points"));
        adjust(maker, COMMUNITY, "resident-x", "12").statusCode(400).body("code", equalTo("INVALID_FIELD_TYPE"));
        assertEquals(0, ledger.count("select count(*) from control_audit where actor = ?", maker));
    }

    @Test
    void staffCannotAdjustTheirOwnPoints() {
        adjust(maker, COMMUNITY, maker, 5).statusCode(403).body("code", equalTo("SELF_ADJUSTMENT_FORBIDDEN"));
        assertEquals(null, ledger.residentBalance(COMMUNITY, maker));
        assertEquals(1,
                ledger.count("select count(*) from control_audit where actor = ? and code = 'SELF_ADJUSTMENT_FORBIDDEN'",
                        maker));
    }

    @Test
    void aStaffMembersAdjustmentsOfOneDayAreBoundedPendingOnesIncludedRejectedOnesNot() {
        String member = member();
        List<String> pending = new ArrayList<>();
        for (int i = 0; i < 4; i++) { // 4 x 500 = the daily limit of 2000
            pending.add(adjust(maker, COMMUNITY, member, i % 2 == 0 ? 500 : -500).statusCode(202).extract().path("id"));
        }
        adjust(maker, COMMUNITY, member, 1).statusCode(409).body("code", equalTo("ADJUSTMENT_DAILY_LIMIT"))
                .body("detail", containsString("2,000"));
        assertEquals(1, ledger.count("select count(*) from control_audit where actor = ? and code = 'ADJUSTMENT_DAILY_LIMIT'",
                maker));

        decide(checker, pending.get(0), "reject").statusCode(200).body("status", equalTo("REJECTED"));
        adjust(maker, COMMUNITY, member, 1).statusCode(201);
        // another staff member's day is their own
        adjust(checker, COMMUNITY, member, 1).statusCode(201);
    }

    @Test
    void concurrentRequestsOfOneStaffMemberCannotPassTheDailyLimitTogether() throws Exception {
        String member = member();
        for (int i = 0; i < 3; i++) {
            adjust(maker, COMMUNITY, member, 500).statusCode(202);
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Integer>> racing = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                racing.add(pool.submit(() -> {
                    start.await();
                    return adjust(maker, COMMUNITY, member, 400).extract().statusCode();
                }));
            }
            start.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> f : racing) {
                statuses.add(f.get());
            }
            statuses.sort(Integer::compare);
            assertEquals(List.of(202, 409, 409, 409), statuses); // 1500 + 400 fits under 2000, a second 400 does not
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1900, ledger.count(
                "select sum(abs(points)) from staff_transfer where requested_by = ? and status <> 'REJECTED'", maker));
    }

    @Test
    void aLargeAdjustmentWaitsForASecondStaffMemberAndIsBookedWithBothNames() {
        String member = member();
        ledger.credit(COMMUNITY, member, 10, "社区巡逻");
        String location = adjust(maker, COMMUNITY, member, 150).statusCode(202)
                .body("status", equalTo("PENDING")).body("transactionId", nullValue()).extract().header("Location");
        String id = location.substring(location.lastIndexOf('/') + 1);
        assertEquals(10, ledger.residentBalance(COMMUNITY, member)[0]);

        given().auth().oauth2(Tokens.staff(checker, COMMUNITY)).queryParam("status", "PENDING")
                .when().get("/api/points/adjustments").then().statusCode(200).body("id", hasItem(id));
        decide(maker, id, "approve").statusCode(403).body("code", equalTo("SECOND_PERSON_REQUIRED"));
        assertEquals(10, ledger.residentBalance(COMMUNITY, member)[0]);

        decide(checker, id, "approve").statusCode(200).body("status", equalTo("BOOKED"))
                .body("approvedBy", equalTo(checker)).body("transactionId", equalTo(id)).body("available", equalTo(160));
        assertEquals(160, ledger.residentBalance(COMMUNITY, member)[0]);
        assertEquals(1,
                ledger.count("select count(*) from journal_transaction where id = ?::uuid and actor = ? and approved_by = ?",
                        id, maker, checker));
        given().auth().oauth2(Tokens.staff(maker, COMMUNITY)).when().get(location).then().statusCode(200)
                .body("adjustment.status", equalTo("BOOKED"))
                .body("history.action", equalTo(List.of("REQUESTED", "APPROVED")))
                .body("history.actor", equalTo(List.of(maker, checker)));
        given().auth().oauth2(Tokens.staff(checker, COMMUNITY)).queryParam("status", "PENDING")
                .when().get("/api/points/adjustments").then().statusCode(200).body("id", not(hasItem(id)));
    }

    @Test
    void ofTwoCheckersApprovingAtOnceTheAdjustmentIsBookedExactlyOnce() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 3; round++) {
                String member = member();
                String id = adjust(maker, COMMUNITY, member, 120).statusCode(202).extract().path("id");
                CountDownLatch start = new CountDownLatch(1);
                List<Future<Integer>> racing = new ArrayList<>();
                for (String c : List.of(checker, "staff-" + UUID.randomUUID())) {
                    racing.add(pool.submit(() -> {
                        start.await();
                        return decide(c, id, "approve").extract().statusCode();
                    }));
                }
                start.countDown();
                List<Integer> statuses = new ArrayList<>();
                for (Future<Integer> f : racing) {
                    statuses.add(f.get());
                }
                statuses.sort(Integer::compare);
                assertEquals(List.of(200, 409), statuses);
                assertEquals(120, ledger.residentBalance(COMMUNITY, member)[0]);
                assertEquals(1, ledger.count("select count(*) from journal_transaction where cause_id = ?", id));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aRejectedAdjustmentBooksNothingAndCannotBeApprovedAfterwards() {
        String member = member();
        String id = adjust(maker, COMMUNITY, member, -300).statusCode(202).extract().path("id");
        given().auth().oauth2(Tokens.staff(checker, COMMUNITY)).contentType("application/json").body(Map.of("reason", " "))
                .when().post("/api/points/adjustments/" + id + "/reject").then().statusCode(400)
                .body("code", equalTo("VALIDATION_FAILED"));
        decide(checker, id, "reject").statusCode(200).body("status", equalTo("REJECTED"))
                .body("decisionReason", equalTo("没有活动记录"));
        decide("staff-" + UUID.randomUUID(), id, "approve").statusCode(409).body("code", equalTo("ALREADY_DECIDED"));
        assertEquals(0, ledger.count("select count(*) from journal_transaction where cause_id = ?", id));
    }

    @Test
    void aPendingDebitLargerThanTheBalanceAtApprovalStaysPending() {
        String member = member();
        ledger.credit(COMMUNITY, member, 50, "社区巡逻");
        String id = adjust(maker, COMMUNITY, member, -200).statusCode(202).extract().path("id");
        decide(checker, id, "approve").statusCode(409).body("code", equalTo("INSUFFICIENT_POINTS"));
        assertEquals(50, ledger.residentBalance(COMMUNITY, member)[0]);
        assertEquals(List.of("PENDING"), ledger.ids("select status from staff_transfer where id = ?::uuid", id));
    }

    @Test
    void aCheckerCannotApproveAnAdjustmentOfTheirOwnPoints() {
        LedgerChecks.registry().register(COMMUNITY, checker); // staff live in the community too
        String id = adjust(maker, COMMUNITY, checker, 150).statusCode(202).extract().path("id");
        decide(checker, id, "approve").statusCode(403).body("code", equalTo("SELF_ADJUSTMENT_FORBIDDEN"));
        assertEquals(null, ledger.residentBalance(COMMUNITY, checker));
    }

    @Test
    void staffOfAnotherCommunityNeitherSeeNorDecideAnAdjustment() {
        String id = adjust(maker, COMMUNITY, member(), 150).statusCode(202).extract().path("id");
        String stranger = Tokens.staff("staff-" + UUID.randomUUID(), "elsewhere");
        given().auth().oauth2(stranger).when().get("/api/points/adjustments/" + id).then().statusCode(404);
        given().auth().oauth2(stranger).when().post("/api/points/adjustments/" + id + "/approve").then().statusCode(404)
                .body("code", equalTo("ADJUSTMENT_NOT_FOUND"));
        given().auth().oauth2(stranger).queryParam("status", "PENDING").when().get("/api/points/adjustments").then()
                .statusCode(200).body("id", not(hasItem(id)));
        given().auth().oauth2(stranger).when().get("/api/points/audit").then().statusCode(200)
                .body("entries.transferId", not(hasItem(id)));
        given().auth().oauth2(Tokens.staff(checker, COMMUNITY)).when().get("/api/points/adjustments/not-an-id").then()
                .statusCode(400).body("code", equalTo("INVALID_PARAMETER"));
    }

    @Test
    void staffReadTheAuditTrailOfTheirCommunityNewestFirst() {
        String member = member();
        adjust(maker, COMMUNITY, member, 501).statusCode(400);
        String id = adjust(maker, COMMUNITY, member, 20).statusCode(201).extract().path("id");
        given().auth().oauth2(Tokens.staff(checker, COMMUNITY)).queryParam("limit", 2).when().get("/api/points/audit")
                .then().statusCode(200)
                .body("entries[0].action", equalTo("BOOKED")).body("entries[0].transferId", equalTo(id))
                .body("entries[1].action", equalTo("REFUSED")).body("entries[1].code", equalTo("ADJUSTMENT_TOO_LARGE"));
        given().auth().oauth2(Tokens.staff(checker, COMMUNITY)).queryParam("limit", 201).when().get("/api/points/audit")
                .then().statusCode(400).body("code", equalTo("INVALID_LIMIT"));
        given().auth().oauth2(Tokens.resident(member, COMMUNITY)).when().get("/api/points/audit").then().statusCode(403);
    }

    @Test
    void theAuditTrailCannotBeEditedOrDeleted() throws SQLException {
        adjust(maker, COMMUNITY, member(), 3).statusCode(201);
        try (Connection connection = ledger.dataSource().getConnection(); Statement statement = connection.createStatement()) {
            assertThrows(SQLException.class,
                    () -> statement.executeUpdate("update control_audit set actor = 'nobody' where actor = '" + maker + "'"));
            assertThrows(SQLException.class,
                    () -> statement.executeUpdate("delete from control_audit where actor = '" + maker + "'"));
        }
        assertEquals(1, ledger.count("select count(*) from control_audit where actor = ?", maker));
    }
}
