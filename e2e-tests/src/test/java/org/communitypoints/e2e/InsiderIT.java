package org.communitypoints.e2e;

import static org.awaitility.Awaitility.await;
import static org.communitypoints.e2e.Community.CANTEEN_STAFF;
import static org.communitypoints.e2e.Community.GRID_WORKER;
import static org.communitypoints.e2e.Community.SECOND_STAFF;
import static org.communitypoints.e2e.Community.STAFF;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import org.communitypoints.contracts.ContractEvent;
import org.communitypoints.contracts.EventCodec;
import org.communitypoints.contracts.EventEnvelope;
import org.communitypoints.contracts.Topics;
import org.communitypoints.contracts.events.HoldCaptureRequested;
import org.communitypoints.contracts.events.HoldRequested;
import org.communitypoints.localstack.seed.DemoData;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.restassured.path.json.JsonPath;

/**
 * One insider acting alone, or a staff member and a partner acting together, try to create or move points
 * through the gateway, and are stopped: a shift needs a second person, an adjustment is bounded and above a
 * threshold waits for a second staff member, nobody credits or tags themselves, and the subsidy pool pays no
 * more than it was funded with, within its budget. Each refusal is checked, and then the honest path (the
 * second person) is shown to work exactly once, so the refusals are not just a broken pipeline.
 */
@ExtendWith(StackDiagnostics.class)
class InsiderIT {

    /** chen-jing's subject (keycloak/mock-oauth2-server.json): a member id she might try to credit. */
    private static final String STAFF_SUBJECT = "00000000-0000-4000-a000-000000000301";

    private static Suite suite;
    private static Community community;

    @BeforeAll
    static void startSuite() throws Exception {
        suite = Suite.get();
        community = new Community(new Api(suite));
    }

    @Test
    void aLoneGridWorkerRecordsAndVerifiesButNothingIsCreditedUntilASecondPersonConfirms() {
        Suite.Resident resident = suite.newResident();
        JsonPath activity = community.publishRunningActivity("event-help", "内部控制：网格员独自核验 E2E");
        String activityId = activity.getString("id");
        Instant startsAt = Instant.parse(activity.getString("startsAt"));
        community.signUp(resident, activityId);

        // Recorded and "verified" in one bulk request by the grid worker alone: the shift waits.
        List<Map<String, Object>> shifts = community.api().as(GRID_WORKER).header("Idempotency-Key", key())
                .body(Map.of("entries", List.of(Map.of("memberId", resident.memberId(), "startedAt", startsAt.toString(),
                        "endedAt", startsAt.plus(Duration.ofMinutes(120)).toString(), "walkIn", false)), "verify", true))
                .post("/api/activity/activities/" + activityId + "/shifts/bulk")
                .then().statusCode(201).extract().jsonPath().getList("shifts");
        assertEquals("RECORDED", shifts.get(0).get("status"), "a lone grid worker's shift waits: " + shifts);
        String shiftId = (String) shifts.get(0).get("id");

        // Verifying it again alone is refused, with the reason.
        community.api().as(GRID_WORKER).header("Idempotency-Key", key())
                .post("/api/activity/shifts/" + shiftId + "/verify")
                .then().statusCode(409).body("code", equalTo("SECOND_PERSON_REQUIRED"));

        // A shift outside the activity's hours, or backdated beyond 48 hours, is refused outright.
        Instant threeDaysAgo = Instant.now().minus(Duration.ofDays(3));
        community.api().as(GRID_WORKER).header("Idempotency-Key", key())
                .body(Map.of("entries", List.of(Map.of("memberId", resident.memberId(), "startedAt",
                        threeDaysAgo.toString(), "endedAt", threeDaysAgo.plus(Duration.ofHours(1)).toString(),
                        "walkIn", true)), "verify", true))
                .post("/api/activity/activities/" + activityId + "/shifts/bulk")
                .then().statusCode(anyOf(is(403), is(422)))
                .body("code", anyOf(equalTo("BACKDATING_NOT_ALLOWED"), equalTo("SHIFT_OUTSIDE_ACTIVITY_WINDOW")));

        // The second person — staff — verifies: the shift is credited, once.
        long points = community.api().as(STAFF).header("Idempotency-Key", key())
                .post("/api/activity/shifts/" + shiftId + "/verify")
                .then().statusCode(200).body("status", equalTo("VERIFIED")).extract().jsonPath().getLong("points");
        community.awaitBalance(resident, points, 0);
        List<Map<String, Object>> lines = community.passbook(resident);
        assertEquals(1, lines.size(), "one credit, from the second person's verification: " + lines);

        // The audit trail names both people.
        community.api().as(STAFF).get("/api/activity/shifts/" + shiftId + "/audit").then().statusCode(200);
    }

    @Test
    void aLoneStaffMemberCannotCreditThemselvesExceedTheBoundsOrApproveTheirOwnAdjustment() {
        Suite.Resident resident = suite.newResident();

        // Never for oneself.
        adjust(STAFF, STAFF_SUBJECT, 10).then().statusCode(403).body("code", equalTo("SELF_ADJUSTMENT_FORBIDDEN"));
        // A retried request must not post twice: the key is required.
        community.api().as(STAFF).body(Map.of("memberId", resident.memberId(), "points", 10, "reason", "无幂等键"))
                .post("/api/points/adjustments").then().statusCode(400).body("code", equalTo("IDEMPOTENCY_KEY_REQUIRED"));
        // Bounded: beyond 32 bits, and beyond the per-adjustment maximum.
        community.api().as(STAFF).header("Idempotency-Key", key())
                .body("{\"memberId\":\"" + resident.memberId() + "\",\"points\":2147483648,\"reason\":\"溢出\"}")
                .post("/api/points/adjustments").then().statusCode(400).body("code", not(nullValue()));
        adjust(STAFF, resident.memberId(), 100_000).then().statusCode(400);

        // Above the approval threshold: pending, and the maker cannot approve it.
        String adjustmentId = adjust(STAFF, resident.memberId(), 150).then().statusCode(202)
                .body("status", equalTo("PENDING")).extract().path("id");
        community.api().as(STAFF).post("/api/points/adjustments/" + adjustmentId + "/approve")
                .then().statusCode(403).body("code", equalTo("SECOND_PERSON_REQUIRED"));
        community.api().as(resident).get("/api/points/me/balance").then().statusCode(200).body("posted", equalTo(0));

        // Means-tested categories are tagged only in the registry (where nobody tags their own household, see
        // community-service's tests): catalog-service has no tagging route left to go round it.
        community.api().as(STAFF).put("/api/catalog/households/" + STAFF_SUBJECT + "/eligibility/LOW_INCOME")
                .then().statusCode(anyOf(is(404), is(405)));

        // The second staff member approves: booked once, with both names on it.
        community.api().as(SECOND_STAFF).post("/api/points/adjustments/" + adjustmentId + "/approve")
                .then().statusCode(200);
        community.api().as(SECOND_STAFF).post("/api/points/adjustments/" + adjustmentId + "/approve")
                .then().statusCode(409).body("code", equalTo("ALREADY_DECIDED"));
        community.awaitBalance(resident, 150, 0);
        community.api().as(STAFF).get("/api/points/audit").then().statusCode(200);
    }

    @Test
    void aStaffMemberAndAPartnerTogetherCannotPayTheCounterFromAnUnfundedPool() {
        Suite.Resident crony = suite.newResident();

        // Staff price a "gift" at the counter of a partner at 100,000 points, wholly discounted for low-income
        // households, and tag a resident low-income: the pool would pay the partner everything.
        String rewardId = community.api().as(STAFF).header("Idempotency-Key", key())
                .body(Map.of("partnerId", "wutong-canteen", "kind", "GOODS", "title", "内部控制：全额补贴礼品 " + crony.username(),
                        "points", 100_000, "stock", 5,
                        "discount", Map.of("percent", 100, "categories", List.of("LOW_INCOME"))))
                .post("/api/catalog/rewards").then().statusCode(201).extract().path("id");
        community.api().as(STAFF).contentType("application/json")
                .body(Map.of("validFrom", java.time.LocalDate.now(Community.ZONE).withDayOfYear(1).toString(),
                        "evidenceNote", "内部控制测试：低保证"))
                .put("/api/community/households/" + suite.householdOf(crony) + "/categories/DIBAO")
                .then().statusCode(200);
        await("catalog-service's copy of the registry prices the crony's household as low-income").atMost(Community.ASYNC)
                .until(() -> community.api().as(STAFF).get("/api/catalog/households/" + crony.memberId() + "/eligibility")
                        .jsonPath().getList("categories").contains("LOW_INCOME"));

        // The pool pays only what it was funded with: the redemption is refused with a reason the resident reads.
        String redemptionId = community.redeem(crony, rewardId, null).getString("id");
        JsonPath rejected = community.awaitRedemption(crony, redemptionId, "REJECTED");
        assertEquals("SUBSIDY_POOL_EXHAUSTED", rejected.getString("reasonCode"));

        // Funding the pool past the month's budget is refused, and a funding within it waits for a second person.
        community.api().as(STAFF).header("Idempotency-Key", key())
                .body(Map.of("points", 1_000_000, "reason", "内部控制：超预算注资"))
                .post("/api/points/subsidy-pool/fundings").then().statusCode(anyOf(is(400), is(409)));
        String fundingId = community.api().as(STAFF).header("Idempotency-Key", key())
                .body(Map.of("points", 10, "reason", "内部控制：待复核注资"))
                .post("/api/points/subsidy-pool/fundings").then().statusCode(202).extract().path("id");
        community.api().as(STAFF).post("/api/points/subsidy-pool/fundings/" + fundingId + "/approve")
                .then().statusCode(403).body("code", equalTo("SECOND_PERSON_REQUIRED"));
        community.api().as(SECOND_STAFF).header("Content-Type", "application/json").body(Map.of("reason", "不需要"))
                .post("/api/points/subsidy-pool/fundings/" + fundingId + "/reject").then().statusCode(200);

        // The partner's counter: no voucher to take, and no household category in its view of the redemption.
        community.api().as(CANTEEN_STAFF).get("/api/catalog/redemptions/" + redemptionId).then().statusCode(200)
                .body("subsidyCategory", nullValue());
        community.api().as(CANTEEN_STAFF).post("/api/catalog/vouchers/ABCDEFGHJK/fulfil").then().statusCode(404);
    }

    @Test
    void anInsiderWithTheCatalogsDatabasePasswordCannotSpendAResidentsPointsThroughAGrantForgedIntoItsCopy()
            throws Exception {
        Suite.Resident resident = suite.newResident();
        Suite.Resident insider = suite.newResident();
        adjust(STAFF, resident.memberId(), 50).then().statusCode(201);
        community.awaitBalance(resident, 50, 0);

        // catalog-service's runtime role keeps its copy of the registry: the insider writes a REDEEM grant into it that
        // community-service never gave
        try (Connection catalog = suite.asRuntimeRole("catalog");
                PreparedStatement forge = catalog.prepareStatement("""
                        insert into catalog.proxy_grant_copy (grant_id, community_id, member_id, proxy_id, proxy_name,
                            relation, scopes, valid_until, version)
                        values (?, ?, ?, ?, '内部控制：伪造的代办', 'FAMILY', array['REDEEM'], now() + interval '30 days', 1)
                        """)) {
            forge.setObject(1, UUID.randomUUID());
            forge.setString(2, DemoData.COMMUNITY);
            forge.setString(3, resident.memberId());
            forge.setString(4, insider.memberId());
            assertEquals(1, forge.executeUpdate());
        }

        // catalog-service takes its copy's word and asks for the hold...
        String lunch = community.reward(DemoData.LUNCH).getString("id");
        String redemptionId = community.api().as(insider).header("On-Behalf-Of", resident.memberId())
                .header("Idempotency-Key", key()).body(Map.of("rewardId", lunch))
                .post("/api/catalog/redemptions").then().statusCode(202).extract().path("id");

        // ...and points-service, checking its own copy, refuses it: the resident reads why, and keeps every point
        JsonPath rejected = community.awaitRedemption(resident, redemptionId, "REJECTED");
        assertEquals("PROXY_NOT_CONFIRMED", rejected.getString("reasonCode"));
        community.awaitBalance(resident, 50, 0);
        assertEquals(List.of(), community.passbook(resident).stream().filter(l -> "HOLD".equals(l.get("kind"))).toList(),
                "nothing was held of the resident's points");

        // The reconciler reports the attempt, for staff to find the forged row (and keeps reporting it: the other
        // tests' balanced books allow this one finding)
        suite.plantFinding("REGISTRY_CLAIM_NOT_CONFIRMED", redemptionId);
        ReconcilerRun run = ReconcilerRun.full(suite);
        assertEquals(1, run.discrepancies().stream()
                .filter(d -> d.path("type").asText().equals("REGISTRY_CLAIM_NOT_CONFIRMED")
                        && d.path("ids").path("redemptionId").asText().equals(redemptionId))
                .count(), run::explain);
    }

    @Test
    void anInsiderWithTheCatalogsDatabasePasswordCannotWriteAHoldRequestTheResidentNeverMade() throws Exception {
        Suite.Resident resident = suite.newResident();
        adjust(STAFF, resident.memberId(), 50).then().statusCode(201);
        community.awaitBalance(resident, 50, 0);
        // a reward of the test's own, so that no other test's redemptions use up its stock
        String lunch = community.api().as(STAFF).header("Idempotency-Key", key())
                .body(Map.of("partnerId", "wutong-canteen", "kind", "GOODS", "title", "内部控制：饭票 " + resident.username(),
                        "points", 10, "stock", 5))
                .post("/api/catalog/rewards").then().statusCode(201).extract().path("id");

        // An honest redemption first: catalog-service keeps the gateway's receipt of it, which an insider can read
        String honest = community.redeem(resident, lunch, null).getString("id");
        long price = community.awaitRedemption(resident, honest, "CONFIRMED").getLong("points");
        String honestReceipt;
        try (Connection catalog = suite.asRuntimeRole("catalog");
                PreparedStatement read = catalog.prepareStatement("select receipt from catalog.redemption where id = ?")) {
            read.setObject(1, UUID.fromString(honest));
            try (ResultSet row = read.executeQuery()) {
                assertTrue(row.next(), "the honest redemption is in the catalog");
                honestReceipt = row.getString(1);
            }
        }
        assertNotNull(honestReceipt, "catalog-service kept the gateway's receipt of the honest redemption");

        // The insider writes hold requests and their captures straight into catalog-service's outbox, which relays
        // them to points-service: one with no receipt, one with the honest redemption's receipt copied onto another
        // redemption, and a fully subsidised capture with no hold and no receipt
        UUID unreceipted = UUID.randomUUID();
        UUID copied = UUID.randomUUID();
        UUID freeMeal = UUID.randomUUID();
        Instant now = Instant.now();
        try (Connection catalog = suite.asRuntimeRole("catalog")) {
            for (UUID forged : List.of(unreceipted, copied)) {
                HoldRequested hold = new HoldRequested(forged, resident.memberId(), "wutong-canteen", "内部控制：伪造的兑换",
                        20, 0, now.plus(Duration.ofHours(6)), null, null, now);
                writeIntoCatalogOutbox(catalog, forged == copied ? hold.withReceipt(honestReceipt) : hold);
                writeIntoCatalogOutbox(catalog, new HoldCaptureRequested(forged, resident.memberId(), "wutong-canteen",
                        "内部控制：伪造的柜台", now));
            }
            writeIntoCatalogOutbox(catalog, new HoldCaptureRequested(freeMeal, resident.memberId(), "wutong-canteen",
                    "内部控制：伪造的柜台", now, 0, 20, "内部控制：伪造的全额补贴", null, "DIBAO", now));
        }

        // A later honest redemption of the same resident is relayed after them on the resident's partition: once it
        // is confirmed, points-service has handled every forged request
        String after = community.redeem(resident, lunch, null).getString("id");
        community.awaitRedemption(resident, after, "CONFIRMED");

        // Only the two honest redemptions hold the resident's points; the forged ones took nothing
        community.awaitBalance(resident, 50, 2 * price);
        List<Map<String, Object>> holds = community.passbook(resident).stream()
                .filter(l -> "HOLD".equals(l.get("kind"))).toList();
        assertEquals(2, holds.size(), "the two honest holds and nothing else: " + holds);
        try (Connection points = suite.asRuntimeRole("points");
                PreparedStatement read = points.prepareStatement(
                        "select redemption_id, status, reason from points.hold where redemption_id = any (?)")) {
            read.setArray(1, points.createArrayOf("uuid", new Object[] { unreceipted, copied, freeMeal }));
            Map<UUID, String> refused = new java.util.HashMap<>();
            try (ResultSet rows = read.executeQuery()) {
                while (rows.next()) {
                    refused.put(rows.getObject(1, UUID.class), rows.getString(2) + " " + rows.getString(3));
                }
            }
            assertEquals(Map.of(unreceipted, "REJECTED REQUEST_NOT_CONFIRMED", copied, "REJECTED REQUEST_NOT_CONFIRMED",
                    freeMeal, "REJECTED REQUEST_NOT_CONFIRMED"), refused, "points-service refused and kept each forgery");
        }

        // The catalog's books have none of these redemptions, yet the reconciler reports each attempt, from
        // points-service's export of refused requests (and keeps reporting them: the other tests' balanced books
        // allow these findings)
        List<String> forgeries = Stream.of(unreceipted, copied, freeMeal).map(UUID::toString).toList();
        forgeries.forEach(id -> suite.plantFinding("REQUEST_WITHOUT_REDEMPTION", id));
        ReconcilerRun run = ReconcilerRun.full(suite);
        assertEquals(forgeries.stream().sorted().toList(), run.discrepancies().stream()
                .filter(d -> d.path("type").asText().equals("REQUEST_WITHOUT_REDEMPTION")
                        && forgeries.contains(d.path("ids").path("redemptionId").asText()))
                .map(d -> d.path("ids").path("redemptionId").asText()).sorted().toList(), run::explain);
    }

    /** What catalog-service's outbox relay publishes: the event's envelope, keyed by the resident, on its topic. */
    private static void writeIntoCatalogOutbox(Connection catalog, ContractEvent event) throws SQLException {
        try (PreparedStatement write = catalog.prepareStatement(
                "insert into catalog.outbox_event (event_id, topic, event_key, payload) values (?, ?, ?, ?)")) {
            EventEnvelope envelope = EventEnvelope.wrap(UUID.randomUUID(), DemoData.COMMUNITY, Instant.now(), event);
            write.setObject(1, envelope.eventId());
            write.setString(2, Topics.REDEMPTIONS);
            write.setString(3, envelope.key());
            write.setString(4, EventCodec.encode(envelope));
            assertEquals(1, write.executeUpdate());
        }
    }

    private io.restassured.response.Response adjust(String staff, String memberId, long points) {
        return community.api().as(staff).header("Idempotency-Key", key())
                .body(Map.of("memberId", memberId, "points", points, "reason", "内部控制测试"))
                .post("/api/points/adjustments");
    }

    private static String key() {
        return "e2e-" + UUID.randomUUID();
    }
}
