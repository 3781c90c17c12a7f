package org.communitypoints.points;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.inject.Inject;

import org.communitypoints.contracts.ContractEvent;
import org.communitypoints.contracts.EventCodec;
import org.communitypoints.contracts.EventEnvelope;
import org.communitypoints.contracts.Topics;
import org.communitypoints.contracts.events.HoldCaptureRequested;
import org.communitypoints.contracts.events.HoldReleaseRequested;
import org.communitypoints.contracts.events.HoldRequested;
import org.communitypoints.contracts.events.PointsCaptureRejected;
import org.communitypoints.contracts.events.PointsHoldRejected;
import org.communitypoints.points.service.HoldService;
import org.communitypoints.testsupport.KafkaTestClient;
import org.communitypoints.testsupport.Tokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;

/** The subsidy pool: funded by approved staff transfers within a monthly budget, never below zero, reserved by holds. */
@QuarkusTest
class SubsidyPoolTest {

    private static final String PARTNER = "canteen";
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static KafkaTestClient kafka;

    @Inject
    LedgerChecks ledger;
    @Inject
    HoldService holds;

    /** A community of its own per test: the pool and the month's budget are the community's. */
    private final String community = "pool-" + UUID.randomUUID();
    private final String maker = "staff-" + UUID.randomUUID();
    private final String checker = "staff-" + UUID.randomUUID();

    @BeforeAll
    static void connect() {
        kafka = KafkaTestClient.forTests();
    }

    @AfterAll
    static void disconnect() {
        kafka.close();
    }

    @AfterEach
    void invariantsHold() {
        ledger.assertInvariants();
    }

    private ValidatableResponse fund(String staffId, long points) {
        return given().auth().oauth2(Tokens.staff(staffId, community)).header("Idempotency-Key", "fund-" + UUID.randomUUID())
                .contentType("application/json").body(Map.of("points", points, "reason", "十二月助老餐补贴"))
                .when().post("/api/points/subsidy-pool/fundings").then();
    }

    private ValidatableResponse approve(String staffId, String id) {
        return given().auth().oauth2(Tokens.staff(staffId, community))
                .when().post("/api/points/subsidy-pool/fundings/" + id + "/approve").then();
    }

    private ValidatableResponse pool() {
        return given().auth().oauth2(Tokens.staff(checker, community)).when().get("/api/points/subsidy-pool").then()
                .statusCode(200);
    }

    private EventEnvelope request(ContractEvent event) {
        return EventEnvelope.wrap(UUID.randomUUID(), community, Instant.now(), event);
    }

    private static HoldRequested hold(UUID redemption, String member, long points, long subsidy) {
        return LedgerChecks.withReceipt(
                new HoldRequested(redemption, member, PARTNER, "助老午餐", points, subsidy, Instant.now().plusSeconds(3600)));
    }

    /** A resident of a 低保 household with the points: the registry's copy confirms the discounts asked for them. */
    private String residentWith(long points) {
        String member = LedgerChecks.subsidisedResident(community);
        ledger.credit(community, member, points, "助老陪伴");
        return member;
    }

    @Test
    void aFundingWaitsForASecondStaffMemberAndThenMovesIssuancePointsIntoThePoolOnce() {
        given().auth().oauth2(Tokens.staff(maker, community)).contentType("application/json")
                .body(Map.of("points", 300, "reason", "补贴")).when().post("/api/points/subsidy-pool/fundings")
                .then().statusCode(400).body("code", equalTo("IDEMPOTENCY_KEY_REQUIRED"));
        String location = fund(maker, 300).statusCode(202).body("status", equalTo("PENDING")).extract().header("Location");
        String id = location.substring(location.lastIndexOf('/') + 1);
        pool().body("balance", equalTo(0)).body("pending", equalTo(300)).body("remainingBudget", equalTo(4700));

        approve(maker, id).statusCode(403).body("code", equalTo("SECOND_PERSON_REQUIRED"));
        approve(checker, id).statusCode(200).body("status", equalTo("BOOKED")).body("approvedBy", equalTo(checker));
        approve("staff-" + UUID.randomUUID(), id).statusCode(409).body("code", equalTo("ALREADY_DECIDED"));

        pool().body("balance", equalTo(300)).body("available", equalTo(300)).body("funded", equalTo(300))
                .body("pending", equalTo(0)).body("budget", equalTo(5000)).body("remainingBudget", equalTo(4700));
        assertEquals(1, ledger.count("""
                select count(*) from journal_transaction where id = ?::uuid and kind = 'POOL_FUNDING'
                  and actor = ? and approved_by = ?""", id, maker, checker));
        given().auth().oauth2(Tokens.staff(maker, community)).when().get(location).then().statusCode(200)
                .body("history.action", equalTo(List.of("REQUESTED", "APPROVED")));
        given().auth().oauth2(Tokens.staff(maker, "elsewhere")).when().get(location).then().statusCode(404)
                .body("code", equalTo("FUNDING_NOT_FOUND"));
        given().auth().oauth2(Tokens.resident("resident-x", community)).when().get("/api/points/subsidy-pool").then()
                .statusCode(403);
    }

    @Test
    void aFundingOverTheRemainingMonthlyBudgetIsRefusedAndAudited() {
        String first = fund(maker, 3000).statusCode(202).extract().path("id");
        fund(maker, 2500).statusCode(409).body("code", equalTo("SUBSIDY_BUDGET_EXCEEDED"))
                .body("detail", containsString("2,000"));
        assertEquals(1, ledger.count("""
                select count(*) from control_audit where community_id = ? and action = 'REFUSED'
                  and code = 'SUBSIDY_BUDGET_EXCEEDED' and points = 2500""", community));
        // a rejected funding gives its share of the budget back
        given().auth().oauth2(Tokens.staff(checker, community)).contentType("application/json")
                .body(Map.of("reason", "数额不对")).when().post("/api/points/subsidy-pool/fundings/" + first + "/reject")
                .then().statusCode(200).body("status", equalTo("REJECTED"));
        fund(maker, 2500).statusCode(202);
    }

    @Test
    void aCommunityWithABudgetOfItsOwnIsHeldToIt() {
        given().auth().oauth2(Tokens.staff(maker, "small-town")).when().get("/api/points/subsidy-pool").then()
                .statusCode(200).body("budget", equalTo(100));
    }

    @Test
    void fundingsAskedForAtTheSameTimeCannotPassTheBudgetTogether() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Integer>> racing = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                racing.add(threads.submit(() -> {
                    start.await();
                    return fund(maker, 2000).extract().statusCode();
                }));
            }
            start.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> f : racing) {
                statuses.add(f.get());
            }
            statuses.sort(Integer::compare);
            assertEquals(List.of(202, 202, 409, 409), statuses);
        } finally {
            threads.shutdownNow();
        }
        pool().body("pending", equalTo(4000)).body("remainingBudget", equalTo(1000));
    }

    @Test
    void aHoldWhoseSubsidyThePoolCannotCoverIsRejectedWithSubsidyPoolExhausted() {
        String member = residentWith(50);
        UUID redemption = UUID.randomUUID();
        kafka.publish(request(hold(redemption, member, 10, 15)));
        PointsHoldRejected rejected = EventCodec.payload(kafka.awaitEvent(Topics.HOLDS,
                e -> e.payload().path("redemptionId").asText().equals(redemption.toString()), WAIT),
                PointsHoldRejected.class);
        assertEquals("SUBSIDY_POOL_EXHAUSTED", rejected.code());
        assertTrue(rejected.detail().contains("补贴池"), rejected.detail());
        assertArrayEquals(new long[] { 50, 0 }, ledger.residentBalance(community, member));

        UUID free = UUID.randomUUID();
        kafka.publish(request(LedgerChecks.withReceipt(new HoldCaptureRequested(free, member, PARTNER, "canteen-cook",
                Instant.now(), 0, 15, "助老午餐"))));
        PointsCaptureRejected refused = EventCodec.payload(kafka.awaitEvent(Topics.HOLDS,
                e -> e.payload().path("redemptionId").asText().equals(free.toString()), WAIT),
                PointsCaptureRejected.class);
        assertEquals("SUBSIDY_POOL_EXHAUSTED", refused.code());
        assertArrayEquals(new long[] { 0, 0 }, ledger.poolBalance(community));
    }

    @Test
    void ofTwoHoldsRacingForTheLastSubsidyExactlyOneReservesIt() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 5; round++) {
                ledger.fundPool(community, 20);
                long[] before = ledger.poolBalance(community);
                long available = before[0] + before[1];
                List<UUID> redemptions = List.of(UUID.randomUUID(), UUID.randomUUID());
                CountDownLatch start = new CountDownLatch(1);
                List<Future<?>> racing = new ArrayList<>();
                for (UUID redemption : redemptions) {
                    String member = residentWith(10);
                    Callable<Void> place = () -> {
                        start.await();
                        HoldRequested request = hold(redemption, member, 0, available * 3 / 4);
                        holds.handle(request(request), request);
                        return null;
                    };
                    racing.add(threads.submit(place));
                }
                start.countDown();
                for (Future<?> f : racing) {
                    f.get();
                }
                assertEquals(List.of("PLACED", "REJECTED:SUBSIDY_POOL_EXHAUSTED"), ledger.ids("""
                        select status || coalesce(':' || reason, '') from hold where redemption_id in (?, ?) order by status""",
                        redemptions.get(0), redemptions.get(1)));
                long[] after = ledger.poolBalance(community);
                assertEquals(before[0], after[0]);
                assertEquals(before[1] - available * 3 / 4, after[1]);
            }
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void aReleasedHoldGivesItsSubsidyBackAndACapturedOneSpendsIt() {
        ledger.fundPool(community, 100);
        String member = residentWith(50);
        UUID released = UUID.randomUUID();
        UUID captured = UUID.randomUUID();
        kafka.publish(request(hold(released, member, 5, 30)));
        kafka.publish(request(hold(captured, member, 5, 40)));
        awaitAnswer(released, "PointsHeld");
        awaitAnswer(captured, "PointsHeld");
        assertArrayEquals(new long[] { 100, -70 }, ledger.poolBalance(community));
        pool().body("reserved", equalTo(70)).body("available", equalTo(30));

        kafka.publish(request(new HoldReleaseRequested(released, member, "CANCELLED")));
        kafka.publish(request(new HoldCaptureRequested(captured, member, PARTNER, "canteen-cook", Instant.now())));
        awaitAnswer(released, "PointsReleased");
        awaitAnswer(captured, "PointsCaptured");
        assertArrayEquals(new long[] { 60, 0 }, ledger.poolBalance(community));
        pool().body("balance", equalTo(60)).body("reserved", equalTo(0)).body("spent", equalTo(40));
        assertArrayEquals(new long[] { 45, 0 }, ledger.residentBalance(community, member));
    }

    @Test
    void theDatabaseRefusesToTakeThePoolBelowZero() throws SQLException {
        ledger.fundPool(community, 5);
        // As the service's own database role, a balanced journal transaction that pays 6 out of a pool of 5: the
        // posting trigger applies it to the balance, and the pool's check refuses the result.
        try (Connection connection = ledger.dataSource().getConnection(); Statement statement = connection.createStatement()) {
            connection.setAutoCommit(false);
            SQLException refused = assertThrows(SQLException.class, () -> {
                UUID transaction = UUID.randomUUID();
                statement.executeUpdate("""
                        insert into journal_transaction (id, community_id, kind, cause_type, cause_id, description, actor,
                                                         posted_at)
                        values ('%s', '%s', 'ADJUSTMENT', 'ADJUSTMENT', 'insider', '越权转出', 'insider', now())"""
                        .formatted(transaction, community));
                statement.executeUpdate("""
                        insert into posting (transaction_id, account_id, amount, posted_at)
                        select '%s', id, case type when 'SUBSIDY_POOL' then -6 else 6 end, now() from account
                        where community_id = '%s' and type in ('SUBSIDY_POOL', 'ISSUANCE')"""
                        .formatted(transaction, community));
            });
            connection.rollback();
            assertTrue(refused.getMessage().contains("subsidy_pool_available_never_negative"), refused.getMessage());
        }
        assertArrayEquals(new long[] { 5, 0 }, ledger.poolBalance(community));
    }

    @Test
    void aStaffMemberSeesThePendingFundingsOfTheirCommunity() {
        String id = fund(maker, 10).statusCode(202).extract().path("id");
        given().auth().oauth2(Tokens.staff(checker, community)).queryParam("status", "PENDING")
                .when().get("/api/points/subsidy-pool/fundings").then().statusCode(200).body("id", hasItem(id));
        given().auth().oauth2(Tokens.staff(checker, community)).queryParam("status", "MAYBE")
                .when().get("/api/points/subsidy-pool/fundings").then().statusCode(400)
                .body("code", equalTo("INVALID_PARAMETER"));
    }

    private void awaitAnswer(UUID redemption, String type) {
        LedgerChecks.holdAnswer(kafka, redemption, type);
    }
}
