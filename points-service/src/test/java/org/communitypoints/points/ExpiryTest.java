package org.communitypoints.points;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
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

import org.communitypoints.contracts.EventCodec;
import org.communitypoints.contracts.Topics;
import org.communitypoints.contracts.events.MemberChanged;
import org.communitypoints.contracts.events.PointsExpiring;
import org.communitypoints.points.config.PointsConfig;
import org.communitypoints.points.domain.AccountKey;
import org.communitypoints.points.domain.ExpiryPolicy;
import org.communitypoints.points.domain.JournalTransaction;
import org.communitypoints.points.domain.Posting;
import org.communitypoints.points.domain.TransactionKind;
import org.communitypoints.points.repository.AccountRepository;
import org.communitypoints.points.repository.ExpiryRepository;
import org.communitypoints.points.repository.JournalRepository;
import org.communitypoints.points.service.ExpiryService;
import org.communitypoints.points.service.SealService;
import org.communitypoints.testsupport.KafkaTestClient;
import org.communitypoints.testsupport.Registry;
import org.communitypoints.testsupport.Tokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;

/** Points expiry by lot: FIFO over the journal, holds protected, once per resident and day, warned and donatable. */
@QuarkusTest
class ExpiryTest {

    private static final DateTimeFormatter CHINESE_MONTH = DateTimeFormatter.ofPattern("yyyy年MM月");
    private static KafkaTestClient kafka;

    @Inject
    LedgerChecks ledger;
    @Inject
    ExpiryService expiry;
    @Inject
    ExpiryRepository policies;
    @Inject
    JournalRepository journal;
    @Inject
    AccountRepository accounts;
    @Inject
    SealService seals;
    @Inject
    PointsConfig config;

    /** A community of its own per test: its rule, its expiry account and its seals. */
    private final String community = "expiry-" + UUID.randomUUID();
    private final String member = "resident-" + UUID.randomUUID();

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

    private ZoneId zone() {
        return config.zone();
    }

    private LocalDate today() {
        return LocalDate.now(zone());
    }

    private Instant monthsAgo(int months) {
        return today().minusMonths(months).atTime(10, 0).atZone(zone()).toInstant();
    }

    /** Switches the community's rule on from yesterday, as an approved change would (PolicyChangeTest below). */
    private void enable(int months, int warnDays) {
        ExpiryRules.inForce(policies, community, true, months, warnDays, today().minusDays(1));
    }

    private void book(TransactionKind kind, Instant at, Posting... postings) {
        QuarkusTransaction.requiringNew().run(() -> {
            UUID id = UUID.randomUUID();
            journal.append(List.of(new JournalTransaction(id, community, kind, kind.name(), id.toString(),
                    kind == TransactionKind.SHIFT_CREDIT ? "志愿服务：社区巡逻" : "测试", "test", null, List.of(postings))),
                    accounts.openAndLock(List.of(postings).stream().map(Posting::account).toList()), at);
        });
    }

    private void earn(String who, long points, Instant at) {
        book(TransactionKind.SHIFT_CREDIT, at, Posting.posted(AccountKey.resident(community, who), points),
                Posting.posted(AccountKey.issuance(community), -points));
    }

    private void spend(String who, long points) {
        book(TransactionKind.ADJUSTMENT, Instant.now(), Posting.posted(AccountKey.resident(community, who), -points),
                Posting.posted(AccountKey.issuance(community), points));
    }

    private void hold(String who, long points) {
        book(TransactionKind.HOLD, Instant.now(), Posting.pending(AccountKey.resident(community, who), -points),
                Posting.pending(AccountKey.redemption(community, "canteen"), points));
    }

    private long expiredOf(String who) {
        return ledger.count("""
                select coalesce(-sum(p.amount), 0) from posting p
                join journal_transaction t on t.id = p.transaction_id
                join account a on a.id = p.account_id
                where t.kind = 'EXPIRY' and a.community_id = ? and a.type = 'RESIDENT' and a.owner_id = ?""",
                community, who);
    }

    private long expiryTransactions() {
        return ledger.count("select count(*) from journal_transaction where community_id = ? and kind = 'EXPIRY'",
                community);
    }

    @Test
    void debitsConsumeTheOldestLotsFirstAndOnlyWhatIsLeftOfLotsOlderThanThePeriodLapses() {
        earn(member, 30, monthsAgo(27));
        earn(member, 20, monthsAgo(25));
        earn(member, 50, monthsAgo(1));
        spend(member, 40); // all of the first lot and 10 of the second
        enable(24, 30);

        ExpiryService.RunResult run = expiry.expire(community, today());

        assertEquals(1, run.residents());
        assertEquals(10, expiredOf(member));
        assertArrayEquals(new long[] { 50, 0 }, ledger.residentBalance(community, member));
        assertEquals(1, ledger.count("""
                select count(*) from account where community_id = ? and type = 'EXPIRY' and posted = 10""", community));
    }

    @Test
    void pointsAHoldReservesNeverLapseAndAHoldReservesTheOldestPointsFirst() {
        earn(member, 30, monthsAgo(26));
        earn(member, 50, monthsAgo(2));
        hold(member, 20);
        enable(24, 30);

        expiry.expire(community, today());

        assertEquals(10, expiredOf(member), "the hold reserved 20 of the 30 old points");
        String other = "resident-" + UUID.randomUUID();
        earn(other, 30, monthsAgo(26));
        earn(other, 50, monthsAgo(2));
        hold(other, 40);
        expiry.expire(community, today());
        assertEquals(0, expiredOf(other), "every old point is held");
    }

    @Test
    void runningTheSameDayAgainBooksNothingMore() {
        earn(member, 30, monthsAgo(26));
        enable(24, 30);

        expiry.expire(community, today());
        ExpiryService.RunResult again = expiry.expire(community, today());

        assertEquals(0, again.residents());
        assertEquals(1, expiryTransactions());
        assertEquals(30, expiredOf(member));
    }

    @Test
    void twoInstancesRunningTheSameDayAtOnceExpireEachResidentOnce() throws Exception {
        List<String> residents = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            String r = "resident-" + UUID.randomUUID();
            earn(r, 10 + i, monthsAgo(30));
            earn(r, 5, monthsAgo(3));
            residents.add(r);
        }
        enable(24, 30);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            CountDownLatch start = new CountDownLatch(1);
            Callable<ExpiryService.RunResult> instance = () -> {
                start.await();
                return expiry.expire(community, today());
            };
            List<Future<ExpiryService.RunResult>> both = List.of(threads.submit(instance), threads.submit(instance));
            start.countDown();
            long booked = 0;
            for (Future<ExpiryService.RunResult> f : both) {
                booked += f.get().points();
            }
            assertEquals(12 * 10 + 66, booked, "between them the two instances booked each resident's points once");
        } finally {
            threads.shutdownNow();
        }
        assertEquals(12, expiryTransactions());
        for (int i = 0; i < residents.size(); i++) {
            assertEquals(10 + i, expiredOf(residents.get(i)));
        }
    }

    @Test
    void withTheRuleOffOrNotYetInForceNothingLapses() {
        earn(member, 30, monthsAgo(30));

        assertEquals(0, expiry.expire(community, today()).points(), "no rule: off");
        ExpiryRules.inForce(policies, community, false, 24, 30, today().minusDays(1));
        assertEquals(0, expiry.expire(community, today()).points(), "switched off");
        given().auth().oauth2(Tokens.staff("staff-a", community)).queryParam("month", YearMonth.now(zone()).toString())
                .when().get("/api/points/expiring").then().statusCode(200).body("items", empty());
        ExpiryRules.inForce(policies, community, true, 24, 30, today().plusDays(1));
        assertEquals(0, expiry.expire(community, today()).points(), "in force from tomorrow");
        assertEquals(0, expiryTransactions());
        // the staff list forecasts: under the rule in force from tomorrow, the 30 points lapse this month
        given().auth().oauth2(Tokens.staff("staff-a", community)).queryParam("month", YearMonth.now(zone()).toString())
                .when().get("/api/points/expiring").then().statusCode(200).body("items[0].points", equalTo(30));
    }

    @Test
    void anApprovedChangeTakesEffectAfterItsWarningDaysAndNeverExpiresThePastAgain() {
        earn(member, 30, monthsAgo(26));
        enable(24, 30);
        expiry.expire(community, today());
        assertEquals(30, expiredOf(member));

        String location = given().auth().oauth2(Tokens.staff("staff-maker", community)).contentType("application/json")
                .body(Map.of("enabled", true, "expiresAfterMonths", 12, "warnDaysAhead", 14, "reason", "居民议事会决定"))
                .when().post("/api/points/expiry-policy/changes").then().statusCode(202)
                .body("status", equalTo("PENDING")).extract().header("Location");
        String id = location.substring(location.lastIndexOf('/') + 1);
        given().auth().oauth2(Tokens.staff("staff-maker", community))
                .when().post("/api/points/expiry-policy/changes/" + id + "/approve").then().statusCode(403)
                .body("code", equalTo("SECOND_PERSON_REQUIRED"));
        given().auth().oauth2(Tokens.staff("staff-checker", "elsewhere"))
                .when().post("/api/points/expiry-policy/changes/" + id + "/approve").then().statusCode(404)
                .body("code", equalTo("EXPIRY_POLICY_CHANGE_NOT_FOUND"));
        given().auth().oauth2(Tokens.staff("staff-checker", community))
                .when().post("/api/points/expiry-policy/changes/" + id + "/approve").then().statusCode(200)
                .body("status", equalTo("APPLIED")).body("decidedBy", equalTo("staff-checker"));
        given().auth().oauth2(Tokens.staff("staff-checker", community)).when().get("/api/points/expiry-policy").then()
                .statusCode(200).body("enabled", equalTo(true)).body("expiresAfterMonths", equalTo(12))
                .body("expiresFrom", equalTo(today().plusDays(14).toString()));
        assertEquals(2, ledger.count("""
                select count(*) from control_audit where community_id = ? and kind = 'EXPIRY_POLICY'
                  and transfer_id = ?::uuid and action in ('REQUESTED', 'APPROVED')""", community, id));

        earn(member, 20, monthsAgo(13)); // old enough under the new rule, but it is not in force yet
        expiry.expire(community, today());
        assertEquals(30, expiredOf(member), "the day already run is not run again, and the new rule waits");
        assertEquals(1, expiryTransactions());
        given().auth().oauth2(Tokens.resident(member, community)).when().get("/api/points/expiry-policy").then()
                .statusCode(403);
    }

    @Test
    void aResidentDonatesPointsAboutToLapseToThePoolButNoMoreThanThoseAndOnlyOnce() {
        enable(24, 30);
        earn(member, 40, today().minusMonths(24).plusDays(20).atTime(10, 0).atZone(zone()).toInstant());
        earn(member, 50, monthsAgo(1));
        given().auth().oauth2(Tokens.resident(member, community)).when().get("/api/points/me/expiring").then()
                .statusCode(200).body("points", equalTo(40));

        donate(member, "donate-1", 50).statusCode(409).body("code", equalTo("DONATION_EXCEEDS_EXPIRING"));
        donate(member, "donate-2", 25).statusCode(201).body("points", equalTo(25)).body("stillExpiring", equalTo(15));
        donate(member, "donate-2", 25).statusCode(201).header("Idempotent-Replayed", "true");

        assertArrayEquals(new long[] { 25, 0 }, ledger.poolBalance(community));
        assertArrayEquals(new long[] { 65, 0 }, ledger.residentBalance(community, member));
        given().auth().oauth2(Tokens.resident(member, community)).when().get("/api/points/me/expiring").then()
                .body("points", equalTo(15));
        donate(member, "donate-3", 16).statusCode(409);
    }

    private ValidatableResponse donate(String who, String key, long points) {
        return given().auth().oauth2(Tokens.resident(who, community)).header("Idempotency-Key", key)
                .contentType("application/json").body(Map.of("points", points))
                .when().post("/api/points/me/expiring/donations").then();
    }

    @Test
    void anExpiryLandsOnTheRunDayAndTheDatabaseRefusesOneDatedIntoASealedMonth() {
        earn(member, 30, monthsAgo(26));
        enable(24, 30);
        YearMonth lastMonth = YearMonth.now(zone()).minusMonths(1);
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30))
                .until(() -> seals.seal(community, lastMonth, Instant.now()).isPresent());

        expiry.expire(community, today());

        assertEquals(30, expiredOf(member));
        Instant inSealedMonth = lastMonth.atDay(15).atTime(10, 0).atZone(zone()).toInstant();
        RuntimeException refused = assertThrows(RuntimeException.class,
                () -> book(TransactionKind.EXPIRY, inSealedMonth,
                        Posting.posted(AccountKey.resident(community, member), -1),
                        Posting.posted(AccountKey.expiry(community), 1)));
        assertTrue(String.valueOf(rootMessage(refused)).contains("sealed month"), rootMessage(refused));
    }

    private static String rootMessage(Throwable t) {
        Throwable cause = t;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause.getMessage();
    }

    @Test
    void thePassbookSaysPlainlyThatPointsExpiredAndWhenTheyWereEarned() {
        Instant earned = monthsAgo(26);
        earn(member, 30, earned);
        enable(24, 30);
        expiry.expire(community, today());
        YearMonth month = YearMonth.from(earned.atZone(zone()));

        given().auth().oauth2(Tokens.resident(member, community)).when().get("/api/points/me/passbook").then()
                .statusCode(200).body("lines[0].kind", equalTo("EXPIRY")).body("lines[0].amount", equalTo(-30))
                .body("lines[0].description", equalTo("积分过期：" + CHINESE_MONTH.format(month) + "获得"));
        given().auth().oauth2(Tokens.resident(member, community)).header("Accept-Language", "en")
                .when().get("/api/points/me/passbook").then().statusCode(200)
                .body("lines[0].description", equalTo("Points expired: earned " + month));
        String csv = new String(given().auth().oauth2(Tokens.resident(member, community))
                .when().get("/api/points/me/passbook.csv").then().statusCode(200).extract().asByteArray(),
                StandardCharsets.UTF_8);
        assertTrue(csv.lines().anyMatch(l -> l.contains(",积分过期：" + CHINESE_MONTH.format(month) + "获得,-30,0,0,0,0,EXPIRY,")),
                csv);
    }

    @Test
    void staffOfTheCommunityListWhoLosesHowMuchNextMonthWithTheElderlyFlagAndNobodyElseSeesIt() {
        LedgerChecks.registry().publishMember(community, new MemberChanged(member, "王秀英", null,
                MemberChanged.MembershipStatus.ACTIVE, true, MemberChanged.VolunteerState.REGISTERED,
                Registry.nextVersion(), "staff-registry", Instant.now()));
        enable(24, 30);
        YearMonth next = YearMonth.now(zone()).plusMonths(1);
        earn(member, 25, next.atDay(10).minusMonths(24).atTime(10, 0).atZone(zone()).toInstant());
        earn(member, 50, monthsAgo(1));

        given().auth().oauth2(Tokens.staff("staff-a", community)).queryParam("month", next.toString())
                .when().get("/api/points/expiring").then().statusCode(200).body("residents", equalTo(1))
                .body("items.memberId", contains(member)).body("items[0].points", equalTo(25))
                .body("items[0].elderly", equalTo(true)).body("items[0].displayName", equalTo("王秀英"));
        String csv = new String(given().auth().oauth2(Tokens.staff("staff-a", community))
                .queryParam("month", next.toString()).when().get("/api/points/expiring.csv").then().statusCode(200)
                .extract().asByteArray(), StandardCharsets.UTF_8);
        assertTrue(csv.contains(member + ",王秀英,是,25,"), csv);

        given().auth().oauth2(Tokens.staff("staff-b", "elsewhere")).queryParam("month", next.toString())
                .when().get("/api/points/expiring").then().statusCode(200).body("items", empty());
        given().auth().oauth2(Tokens.resident(member, community)).queryParam("month", next.toString())
                .when().get("/api/points/expiring").then().statusCode(403);
        given().auth().oauth2(Tokens.gridWorker("grid-wang", community)).queryParam("month", next.toString())
                .when().get("/api/points/expiring").then().statusCode(403);
        given().auth().oauth2(Tokens.resident(member, community)).queryParam("month", next.toString())
                .when().get("/api/points/expiring.csv").then().statusCode(403);
        given().auth().oauth2(Tokens.staff("staff-a", community)).when().get("/api/points/expiring").then()
                .statusCode(400).body("code", equalTo("MONTH_REQUIRED"));
    }

    @Test
    void eachResidentIsWarnedOnceForAMonthWhenItsWarningWindowOpens() {
        enable(24, 40);
        YearMonth next = YearMonth.now(zone()).plusMonths(1);
        earn(member, 25, next.atDay(10).minusMonths(24).atTime(10, 0).atZone(zone()).toInstant());
        ExpiryPolicy policy = policies.policy(community).orElseThrow();

        assertEquals(1, expiry.warn(policy, today()));
        assertEquals(0, expiry.warn(policy, today()), "warned already");

        PointsExpiring warning = EventCodec.payload(kafka.awaitEvent(Topics.NOTICES,
                e -> e.payload().path("memberId").asText().equals(member), Duration.ofSeconds(30)),
                PointsExpiring.class);
        assertEquals(25, warning.points());
        assertEquals(next.atDay(1), warning.expiryMonth());
        assertEquals(1, ledger.count("select count(*) from expiry_warning where community_id = ? and member_id = ?",
                community, member));
    }
}
