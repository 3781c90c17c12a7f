package org.communitypoints.points;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

@QuarkusTest
class AdjustmentTest {

    private static final String COMMUNITY = "shuita";

    @Inject
    LedgerChecks ledger;

    @AfterEach
    void invariantsHold() {
        ledger.assertInvariants();
    }

    /** One staff member per test: the daily limit per staff member must not carry over from other tests. */
    private final String staffId = "staff-" + UUID.randomUUID();

    private String staff() {
        return Tokens.staff(staffId, COMMUNITY);
    }

    private static String key() {
        return "adjust-" + UUID.randomUUID();
    }

    @Test
    void staffAddPointsWithAReasonAgainstTheIssuanceAccount() {
        String member = LedgerChecks.registeredResident(COMMUNITY);
        given().auth().oauth2(staff()).header("Idempotency-Key", key()).contentType("application/json")
                .body(Map.of("memberId", member, "points", 12, "reason", "补录 11 月 3 日社区巡逻"))
                .when().post("/api/points/adjustments")
                .then().statusCode(201).body("available", equalTo(12)).body("reason", equalTo("补录 11 月 3 日社区巡逻"));

        given().auth().oauth2(Tokens.resident(member, COMMUNITY)).when().get("/api/points/me/passbook")
                .then().statusCode(200)
                .body("lines[0].description", equalTo("人工调整：补录 11 月 3 日社区巡逻"))
                .body("lines[0].kind", equalTo("ADJUSTMENT"));
        assertEquals(1, ledger.count("""
                select count(*) from posting p join account a on a.id = p.account_id
                join journal_transaction t on t.id = p.transaction_id
                where a.type = 'ISSUANCE' and a.community_id = ? and p.amount = -12 and t.actor = ? and t.approved_by is null
                  and t.id = (select transaction_id from posting where account_id =
                              (select id from account where owner_id = ?))""", COMMUNITY, staffId, member));
    }

    @Test
    void aReasonIsRequired() {
        given().auth().oauth2(staff()).header("Idempotency-Key", key()).contentType("application/json")
                .body(Map.of("memberId", "resident-x", "points", 5, "reason", " "))
                .when().post("/api/points/adjustments")
                .then().statusCode(400).contentType("application/problem+json")
                .body("code", equalTo("VALIDATION_FAILED"))
                .body("errors.field", hasItem("reason"));
    }

    @Test
    void aRetryWithTheSameIdempotencyKeyAdjustsOnce() {
        String member = LedgerChecks.registeredResident(COMMUNITY);
        String key = "adjust-" + UUID.randomUUID();
        Map<String, Object> body = Map.of("memberId", member, "points", 7, "reason", "活动奖励");
        String first = given().auth().oauth2(staff()).header("Idempotency-Key", key).contentType("application/json")
                .body(body).when().post("/api/points/adjustments")
                .then().statusCode(201).header("Idempotent-Replayed", nullValue()).extract().path("transactionId");
        given().auth().oauth2(staff()).header("Idempotency-Key", key).contentType("application/json")
                .body(body).when().post("/api/points/adjustments")
                .then().statusCode(201).header("Idempotent-Replayed", "true").body("transactionId", equalTo(first));
        assertEquals(7, ledger.residentBalance(COMMUNITY, member)[0]);
    }

    @Test
    void takingOffMoreThanIsAvailableIsRefused() {
        String member = LedgerChecks.registeredResident(COMMUNITY);
        ledger.credit(COMMUNITY, member, 10, "社区巡逻");
        given().auth().oauth2(staff()).header("Idempotency-Key", key()).contentType("application/json")
                .body(Map.of("memberId", member, "points", -11, "reason", "误记"))
                .when().post("/api/points/adjustments")
                .then().statusCode(409).body("code", equalTo("INSUFFICIENT_POINTS"));
        assertEquals(10, ledger.residentBalance(COMMUNITY, member)[0]);
    }

    @Test
    void ofTwoConcurrentDebitsOfEightyPercentExactlyOneSucceeds() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 5; round++) {
                String member = LedgerChecks.registeredResident(COMMUNITY);
                ledger.credit(COMMUNITY, member, 100, "社区巡逻");
                CountDownLatch start = new CountDownLatch(1);
                List<Future<Integer>> racing = new ArrayList<>();
                for (int i = 0; i < 2; i++) {
                    racing.add(pool.submit(() -> {
                        start.await();
                        return given().auth().oauth2(staff()).header("Idempotency-Key", key()).contentType("application/json")
                                .body(Map.of("memberId", member, "points", -80, "reason", "兑换线下礼品"))
                                .when().post("/api/points/adjustments").then().extract().statusCode();
                    }));
                }
                start.countDown();
                List<Integer> statuses = new ArrayList<>();
                for (Future<Integer> f : racing) {
                    statuses.add(f.get());
                }
                statuses.sort(Integer::compare);
                assertEquals(List.of(201, 409), statuses);
                assertEquals(20, ledger.residentBalance(COMMUNITY, member)[0]);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void onlyStaffAdjust() {
        given().auth().oauth2(Tokens.resident("resident-x", COMMUNITY)).header("Idempotency-Key", key())
                .contentType("application/json")
                .body(Map.of("memberId", "resident-x", "points", 1000, "reason", "我想要"))
                .when().post("/api/points/adjustments")
                .then().statusCode(403);
    }

    @Test
    void staffSeeTheIssuanceAccountBalancedAgainstTheirResidents() {
        String member = LedgerChecks.registeredResident(COMMUNITY);
        ledger.credit(COMMUNITY, member, 21, "社区巡逻");
        // the service derives the issuance balance from the other accounts (V100); the issuance account's own
        // postings are the independent figure it must equal
        long issued = ledger.count("""
                select coalesce(sum(p.amount), 0) from posting p join account a on a.id = p.account_id
                where a.community_id = ? and a.type = 'ISSUANCE' and not p.pending""", COMMUNITY);
        assertTrue(issued <= -21, "the credit's issuance leg is among them: " + issued);
        given().auth().oauth2(staff()).when().get("/api/points/accounts")
                .then().statusCode(200)
                .body("find { it.type == 'ISSUANCE' }.posted", equalTo((int) issued));
    }
}
