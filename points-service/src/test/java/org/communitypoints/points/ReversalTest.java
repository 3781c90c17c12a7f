package org.communitypoints.points;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.inject.Inject;

import org.communitypoints.points.service.ShiftCreditingService;
import org.communitypoints.testsupport.Tokens;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;

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

    @Test
    void givingBackWhatAnApprovedDebitTookWaitsForASecondStaffMember() {
        String member = LedgerChecks.registeredResident(COMMUNITY);
        ledger.credit(COMMUNITY, member, 100, "社区巡逻");
        ledger.credit(COMMUNITY, member, 100, "垃圾分类督导");
        // a debit of 150 that took two staff members: asked for by staff-zhao, approved by staff-qian
        String debit = given().auth().oauth2(Tokens.staff("staff-zhao", COMMUNITY)).contentType("application/json")
                .header("Idempotency-Key", "adjust-" + UUID.randomUUID())
                .body(Map.of("memberId", member, "points", -150, "reason", "重复登记"))
                .when().post("/api/points/adjustments").then().statusCode(202).extract().path("id");
        given().auth().oauth2(Tokens.staff("staff-qian", COMMUNITY)).when()
                .post("/api/points/adjustments/" + debit + "/approve").then().statusCode(200);
        assertEquals(50, ledger.residentBalance(COMMUNITY, member)[0]);

        // one staff member alone cannot give the 150 back by reversing the debit
        ValidatableResponse asked = reverse("staff-zhao", UUID.fromString(debit), "调整错了").statusCode(202)
                .body("status", equalTo("PENDING")).body("points", equalTo(150)).body("memberId", equalTo(member))
                .body("transactionId", nullValue()).body("description", equalTo("冲正：人工调整：重复登记"));
        String id = asked.extract().path("id");
        assertEquals("/api/points/reversals/" + id, java.net.URI.create(asked.extract().header("Location")).getPath());
        assertEquals(50, ledger.residentBalance(COMMUNITY, member)[0], "nothing is booked while it waits");
        decide("staff-zhao", id, "approve").statusCode(403).body("code", equalTo("SECOND_PERSON_REQUIRED"));
        reverse("staff-sun", UUID.fromString(debit), "再提一次").statusCode(409).body("code", equalTo("REVERSAL_PENDING"));
        given().auth().oauth2(Tokens.staff("staff-wang", "wutong")).when().post("/api/points/reversals/" + id + "/approve")
                .then().statusCode(404).body("code", equalTo("REVERSAL_NOT_FOUND"));
        given().auth().oauth2(Tokens.staff("staff-qian", COMMUNITY)).queryParam("status", "PENDING")
                .when().get("/api/points/reversals").then().statusCode(200).body("id", hasItem(id))
                .body("find { it.id == '" + id + "' }.description", equalTo("冲正：人工调整：重复登记"));

        decide("staff-qian", id, "approve").statusCode(200).body("status", equalTo("BOOKED"))
                .body("approvedBy", equalTo("staff-qian")).body("transactionId", equalTo(reversalId(debit)));
        assertEquals(200, ledger.residentBalance(COMMUNITY, member)[0]);
        assertEquals(1, ledger.count("select count(*) from journal_transaction where id = ?::uuid and kind = 'REVERSAL'"
                + " and actor = 'staff-zhao' and approved_by = 'staff-qian'", reversalId(debit)));
        assertEquals(List.of("REQUESTED", "APPROVED"), ledger.ids(
                "select action from control_audit where transfer_id = ?::uuid order by seq", id));
        decide("staff-sun", id, "approve").statusCode(409).body("code", equalTo("ALREADY_DECIDED"));
        reverse("staff-sun", UUID.fromString(debit), "第三次").statusCode(409).body("code", equalTo("ALREADY_REVERSED"));
        given().auth().oauth2(Tokens.staff("staff-qian", COMMUNITY)).queryParam("status", "PENDING")
                .when().get("/api/points/reversals").then().statusCode(200).body("id", not(hasItem(id)));
    }

    @Test
    void aRejectedReversalBooksNothingAndMayBeAskedForAgain() {
        String member = "resident-" + UUID.randomUUID();
        UUID credit = ShiftCreditingService.creditOf(ledger.credit(COMMUNITY, member, 180, "敬老院陪护"));

        String first = reverse("staff-zhao", credit, "登记错误").statusCode(202).extract().path("id");
        decide("staff-qian", first, "reject").statusCode(200).body("status", equalTo("REJECTED"))
                .body("decisionReason", equalTo("核实过，班次没有问题"));
        assertEquals(180, ledger.residentBalance(COMMUNITY, member)[0]);
        assertEquals(0, ledger.count("select count(*) from journal_transaction where cause_id = ?", credit.toString()));

        String second = reverse("staff-zhao", credit, "又核实了一次，确实错了").statusCode(202).extract().path("id");
        decide("staff-sun", second, "approve").statusCode(200).body("status", equalTo("BOOKED"));
        assertEquals(0, ledger.residentBalance(COMMUNITY, member)[0]);
    }

    @Test
    void aStaffMemberCannotReverseABookingOnTheirOwnPoints() {
        String staffId = "staff-" + UUID.randomUUID();
        UUID credit = ShiftCreditingService.creditOf(ledger.credit(COMMUNITY, staffId, 10, "社区巡逻"));
        UUID debit = ShiftCreditingService.creditOf(ledger.credit(COMMUNITY, "resident-" + UUID.randomUUID(), 10, "巡逻"));

        reverse(staffId, credit, "自己的").statusCode(403).body("code", equalTo("SELF_ADJUSTMENT_FORBIDDEN"));
        assertEquals(10, ledger.residentBalance(COMMUNITY, staffId)[0]);
        assertEquals(1, ledger.count("select count(*) from control_audit where kind = 'REVERSAL' and action = 'REFUSED'"
                + " and actor = ? and code = 'SELF_ADJUSTMENT_FORBIDDEN'", staffId));
        // a reversal within the threshold is booked at once, and is in the control audit like the others
        String booked = reverse(staffId, debit, "登记错误").statusCode(201).body("status", equalTo("BOOKED"))
                .body("transactionId", equalTo(reversalId(debit.toString()))).extract().path("id");
        assertEquals(List.of("BOOKED"),
                ledger.ids("select action from control_audit where transfer_id = ?::uuid order by seq", booked));
    }

    @Test
    void ofManyStaffReversingOneTransactionAtOnceOneIsAskedFor() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            String member = "resident-" + UUID.randomUUID();
            UUID credit = ShiftCreditingService.creditOf(ledger.credit(COMMUNITY, member, 150, "社区巡逻"));
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Integer>> racing = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                String staff = "staff-" + i + "-" + UUID.randomUUID();
                racing.add(pool.submit(() -> {
                    start.await();
                    return reverse(staff, credit, "同一笔").extract().statusCode();
                }));
            }
            start.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> f : racing) {
                statuses.add(f.get());
            }
            statuses.sort(Integer::compare);
            assertEquals(List.of(202, 409, 409, 409), statuses);
            assertEquals(1, ledger.count("select count(*) from staff_transfer where reverses = ?", credit));
        } finally {
            pool.shutdownNow();
        }
    }

    private static ValidatableResponse reverse(String staffId, UUID transaction, String reason) {
        return given().auth().oauth2(Tokens.staff(staffId, COMMUNITY)).contentType("application/json")
                .body(Map.of("reason", reason)).when().post(path(transaction)).then();
    }

    private static ValidatableResponse decide(String staffId, String reversal, String decision) {
        return given().auth().oauth2(Tokens.staff(staffId, COMMUNITY)).contentType("application/json")
                .body(Map.of("reason", "核实过，班次没有问题"))
                .when().post("/api/points/reversals/" + reversal + "/" + decision).then();
    }

    /** The id the journal books a transaction's reversal under (ReversalService.reversalOf). */
    private static String reversalId(String transaction) {
        return org.communitypoints.contracts.DerivedIds.of("reversal", transaction).toString();
    }
}
