package org.communitypoints.e2e;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.communitypoints.localstack.seed.DemoData;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.restassured.path.json.JsonPath;

/**
 * The volunteer's whole journey through the packaged suite: staff publish, a resident signs up, the grid
 * worker records and verifies, the passbook shows the credit, the resident redeems a canteen meal and a
 * night-school seat, the partners take the vouchers, the passbook shows the debits and the books balance.
 */
@ExtendWith(StackDiagnostics.class)
class VolunteerJourneyIT {

    private static Suite suite;
    private static Community community;

    @BeforeAll
    static void startSuite() throws Exception {
        suite = Suite.get();
        community = new Community(new Api(suite));
    }

    @Test
    void residentEarnsPointsRedeemsAMealAndASeatAndTheBooksBalance() throws Exception {
        Suite.Resident resident = suite.newResident();
        int perHour = community.pointsPerHour("event-help");

        // Staff publish an activity; the resident signs up; the grid worker records three hours and verifies.
        JsonPath activity = community.publishRunningActivity("event-help", "夜校展演现场协助 E2E");
        String activityId = activity.getString("id");
        community.signUp(resident, activityId);
        community.api().as(resident).get("/api/activity/me/sign-ups?upcoming=true").then().statusCode(200)
                .body("activityId", org.hamcrest.Matchers.hasItem(activityId));
        List<Map<String, Object>> shifts = community.recordAndVerify(activityId,
                Instant.parse(activity.getString("startsAt")), 180, List.of(resident));
        long earned = 3L * perHour;
        assertEquals(earned, ((Number) shifts.get(0).get("points")).longValue(), "points of a three-hour shift");

        // The passbook shows the credit once the event has travelled through Kafka to points-service.
        community.awaitBalance(resident, earned, 0);
        List<Map<String, Object>> lines = community.passbook(resident);
        assertEquals(1, lines.size(), "one passbook line: " + lines);
        assertEquals("SHIFT_CREDIT", lines.get(0).get("kind"));
        assertEquals(earned, ((Number) lines.get(0).get("amount")).longValue());

        // A canteen lunch and a jazz-dance seat.
        JsonPath lunch = community.reward(DemoData.LUNCH);
        JsonPath jazz = community.reward(DemoData.JAZZ_DANCE);
        String sessionId = jazz.getString("sessions[0].id");
        int seatsBefore = jazz.getInt("sessions[0].seatsLeft");
        long lunchPrice = lunch.getLong("points");
        long jazzPrice = jazz.getLong("points");
        assertTrue(lunchPrice + jazzPrice <= earned, "the shift pays for both");

        String lunchId = community.redeem(resident, lunch.getString("id"), null).getString("id");
        String jazzId = community.redeem(resident, jazz.getString("id"), sessionId).getString("id");
        JsonPath lunchVoucher = community.awaitRedemption(resident, lunchId, "CONFIRMED");
        JsonPath jazzVoucher = community.awaitRedemption(resident, jazzId, "CONFIRMED");
        assertEquals(seatsBefore - 1, community.rewardById(Community.STAFF, jazz.getString("id"))
                .getInt("sessions.find { it.id == '" + sessionId + "' }.seatsLeft"), "one seat taken");
        community.awaitBalance(resident, earned, lunchPrice + jazzPrice);
        // "My home" gives each part 2 s; on a loaded machine a part may come back "unavailable" once: ask again.
        await("my home lists both vouchers").atMost(Community.ASYNC)
                .untilAsserted(() -> community.api().as(resident).get("/api/home").then().statusCode(200)
                        .body("activeVouchers.status", is("ok"))
                        .body("activeVouchers.data.size()", is(2)));

        // The partners take the vouchers at their counters.
        community.fulfil(Community.CANTEEN_STAFF, lunchVoucher.getString("voucher.code"));
        community.fulfil(Community.NIGHT_SCHOOL_STAFF, jazzVoucher.getString("voucher.code"));
        community.awaitRedemption(resident, lunchId, "CAPTURED");
        community.awaitRedemption(resident, jazzId, "CAPTURED");

        // The passbook shows both debits; nothing is held any more.
        long left = earned - lunchPrice - jazzPrice;
        community.awaitBalance(resident, left, 0);
        List<Long> captured = community.passbook(resident).stream().filter(l -> "CAPTURE".equals(l.get("kind")))
                .map(l -> ((Number) l.get("amount")).longValue()).sorted().toList();
        assertEquals(List.of(-jazzPrice, -lunchPrice).stream().sorted().toList(), captured, "the two debits");

        // The canteen's settlement counts the meal; the used voucher cannot be taken twice.
        community.api().as(Community.CANTEEN_STAFF)
                .get("/api/catalog/partners/" + DemoData.CANTEEN + "/settlement?from=" + Community.today()
                        + "&to=" + Community.today())
                .then().statusCode(200)
                .body("lines.find { it.redemptionId == '" + lunchId + "' }.points", equalTo((int) lunchPrice));
        community.api().as(Community.CANTEEN_STAFF)
                .post("/api/catalog/vouchers/" + lunchVoucher.getString("voucher.code") + "/fulfil")
                .then().statusCode(409).body("code", is("VOUCHER_ALREADY_USED"));

        assertBooksBalance();
    }

    @Test
    void eligibleHouseholdPaysLessAndTheSubsidyPoolPaysTheRest() throws Exception {
        Suite.Resident resident = suite.newResident();
        long earned = community.serveShift(resident, "event-help", 120);
        community.awaitBalance(resident, earned, 0);
        // Staff tag the household 低保 in the registry; catalog-service prices from its copy once the event arrives.
        community.api().as(Community.STAFF).contentType("application/json")
                .body(Map.of("validFrom", Community.today().withDayOfYear(1).toString(), "evidenceNote", "低保证（端到端测试）"))
                .put("/api/community/households/" + suite.householdOf(resident) + "/categories/DIBAO")
                .then().statusCode(200);
        org.awaitility.Awaitility.await("catalog-service's copy prices the household as low-income")
                .atMost(Community.ASYNC).until(() -> community.api().as(Community.STAFF)
                        .get("/api/catalog/households/" + resident.memberId() + "/eligibility")
                        .jsonPath().getList("categories").contains("LOW_INCOME"));

        JsonPath lunch = community.reward(DemoData.LUNCH);
        long price = lunch.getLong("points");
        long pays = community.rewardById(resident.username(), lunch.getString("id")).getLong("priceForYou");
        long subsidy = price - pays;
        assertTrue(subsidy > 0 && pays < price, "the household pays less: " + pays + " of " + price);
        long poolBefore = accountPosted("SUBSIDY_POOL", "");
        long canteenBefore = accountPosted("REDEMPTION", DemoData.CANTEEN);

        JsonPath requested = community.redeem(resident, lunch.getString("id"), null);
        assertEquals(pays, requested.getLong("points"));
        assertEquals(subsidy, requested.getLong("subsidyPoints"));
        assertEquals("LOW_INCOME", requested.getString("subsidyCategory"));
        String redemptionId = requested.getString("id");
        JsonPath confirmed = community.awaitRedemption(resident, redemptionId, "CONFIRMED");
        community.awaitBalance(resident, earned, pays);

        community.fulfil(Community.CANTEEN_STAFF, confirmed.getString("voucher.code"));
        community.awaitRedemption(resident, redemptionId, "CAPTURED");
        community.awaitBalance(resident, earned - pays, 0);

        // The subsidy is its own leg: out of the community's pool, into the canteen's account with the resident's part.
        await().atMost(Community.ASYNC).untilAsserted(() -> {
            assertEquals(poolBefore - subsidy, accountPosted("SUBSIDY_POOL", ""), "subsidy pool");
            assertEquals(canteenBefore + price, accountPosted("REDEMPTION", DemoData.CANTEEN), "canteen account");
        });
        JsonPath settlement = community.api().as(Community.CANTEEN_STAFF)
                .get("/api/catalog/partners/" + DemoData.CANTEEN + "/settlement?from=" + Community.today()
                        + "&to=" + Community.today())
                .then().statusCode(200).extract().jsonPath();
        String line = "lines.find { it.redemptionId == '" + redemptionId + "' }";
        assertEquals(pays, settlement.getLong(line + ".points"), "resident's part in the settlement");
        assertEquals(subsidy, settlement.getLong(line + ".subsidyPoints"), "subsidy in the settlement");
        assertEquals("CAPTURED", settlement.getString(line + ".state"));
        assertTrue(settlement.getLong("subsidyCaptured") >= subsidy, "settlement total shows the subsidy");

        // The capture's three legs (resident, pool, canteen) against the catalog's price and the settlement.
        assertBooksBalance();
    }

    @Test
    void redemptionBeyondTheBalanceIsRejectedAndTheSeatGoesBack() throws Exception {
        Suite.Resident resident = suite.newResident();
        long earned = community.serveShift(resident, "publicity", 60);
        community.awaitBalance(resident, earned, 0);

        // A tea-art session with a single seat, so its return is plain to see.
        JsonPath tea = community.reward(DemoData.TEA_ART);
        assertTrue(tea.getLong("points") > earned, "the class costs more than the resident has");
        Instant startsAt = Instant.now().plus(Duration.ofDays(2)).truncatedTo(java.time.temporal.ChronoUnit.MINUTES);
        String sessionId = community.api().as(Community.STAFF)
                .body(Map.of("startsAt", startsAt.toString(), "endsAt", startsAt.plus(Duration.ofMinutes(90)).toString(),
                        "capacity", 1))
                .post("/api/catalog/rewards/" + tea.getString("id") + "/sessions")
                .then().statusCode(201).extract().path("id");
        String seatsLeft = "sessions.find { it.id == '" + sessionId + "' }.seatsLeft";

        String redemptionId = community.redeem(resident, tea.getString("id"), sessionId).getString("id");
        JsonPath rejected = community.awaitRedemption(resident, redemptionId, "REJECTED");
        assertEquals("INSUFFICIENT_POINTS", rejected.getString("reasonCode"));
        org.junit.jupiter.api.Assertions.assertNull(rejected.getString("voucher.code"), "no voucher for a rejected redemption");
        await().atMost(Community.ASYNC).untilAsserted(() -> assertEquals(1,
                (int) community.rewardById(Community.STAFF, tea.getString("id")).getInt(seatsLeft), "seat back"));
        community.awaitBalance(resident, earned, 0);
        assertEquals(1, community.passbook(resident).size(), "nothing but the credit in the passbook");

        // The returned seat is a real seat: a neighbour with enough points takes it, and then it is gone.
        Suite.Resident neighbour = suite.newResident();
        long neighbourEarned = community.serveShift(neighbour, "event-help", 120);
        community.awaitBalance(neighbour, neighbourEarned, 0);
        String taken = community.redeem(neighbour, tea.getString("id"), sessionId).getString("id");
        community.awaitRedemption(neighbour, taken, "CONFIRMED");
        assertEquals(0, (int) community.rewardById(Community.STAFF, tea.getString("id")).getInt(seatsLeft), "seat taken");
        community.api().as(resident).header("Idempotency-Key", "e2e-" + java.util.UUID.randomUUID())
                .body(Map.of("rewardId", tea.getString("id"), "sessionId", sessionId))
                .post("/api/catalog/redemptions")
                .then().statusCode(409).body("code", is("SOLD_OUT"));

        // A rejected redemption leaves no hold behind.
        assertBooksBalance();
    }

    @Test
    void demoDataIsSeededOnceAndASecondSeedingCreatesNothing() throws Exception {
        DemoData.Summary again = DemoData.seed(suite.gatewayUrl(), suite.tokens(), line -> {
        });
        assertEquals(0, again.created(), "a second seeding creates nothing");
        assertTrue(again.present() > 20, "it finds everything the first made: " + again);

        JsonPath lunch = community.reward(DemoData.LUNCH);
        assertEquals("MEAL", lunch.getString("kind"));
        assertNotNull(lunch.get("dailyQuota"));
        assertEquals(4, community.reward(DemoData.JAZZ_DANCE).getList("sessions").size(), "four jazz-dance sessions");
        // Every demo kind, once; the fault tests' steady loads add kinds of their own (e2e-load-…), so not "only".
        community.api().as(Community.STAFF).get("/api/activity/kinds").then().statusCode(200)
                .body("findAll { !it.code.startsWith('e2e-load-') }.code", org.hamcrest.Matchers.containsInAnyOrder(
                        DemoData.KINDS.stream().map(DemoData.KindSeed::code).toArray()));
        community.api().as("li-mei").get("/api/activity/activities").then().statusCode(200)
                .body("size()", org.hamcrest.Matchers.greaterThanOrEqualTo(5));
        // The eligible household sees its lower price; the demo residents can redeem at once.
        long wangFangPays = community.rewardById(DemoData.ELIGIBLE_RESIDENT, lunch.getString("id")).getLong("priceForYou");
        assertTrue(wangFangPays < lunch.getLong("points"), "wang-fang pays less");
        await().atMost(Community.ASYNC).untilAsserted(() -> community.api().as("li-mei").get("/api/points/me/balance")
                .then().statusCode(200)
                .body("available", org.hamcrest.Matchers.greaterThanOrEqualTo((int) lunch.getLong("points"))));
    }

    private long accountPosted(String type, String owner) {
        List<Map<String, Object>> accounts = community.api().as(Community.STAFF).get("/api/points/accounts")
                .then().statusCode(200).extract().jsonPath().getList("");
        return accounts.stream().filter(a -> type.equals(a.get("type")) && owner.equals(a.get("ownerId")))
                .mapToLong(a -> ((Number) a.get("posted")).longValue()).sum();
    }

    static void assertBooksBalance() throws Exception {
        Suite current = Suite.get();
        // The exports show a change once it is a couple of seconds old; a real discrepancy never clears.
        ReconcilerRun[] last = new ReconcilerRun[1];
        try {
            await("a clean reconciliation").atMost(Duration.ofSeconds(150)).pollDelay(Duration.ZERO)
                    .pollInterval(Duration.ofSeconds(3)).until(() -> {
                        last[0] = ReconcilerRun.full(current);
                        if (last[0].exitCode() == 2) {
                            throw new AssertionError("the reconciler could not run:\n" + last[0].explain());
                        }
                        return last[0].balancesButFor(current.plantedFindings());
                    });
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError("the books do not balance:\n" + (last[0] == null ? e : last[0].explain()), e);
        }
        assertTrue(last[0].summary().contains(current.plantedFindings().isEmpty() ? "the books balance" : "RESULT:"),
                last[0].explain());
        // A clean verdict over nothing would prove nothing: the job read the ledger, the shifts and the redemptions.
        com.fasterxml.jackson.databind.JsonNode read = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(last[0].reportDir().resolve("report.json").toFile()).path("read");
        assertTrue(read.path("postings").asLong() > 0 && read.path("shiftItems").asLong() > 0
                && read.path("redemptions").asLong() > 0, "the reconciler read the books: " + read);
    }
}
