package org.communitypoints.activity;

import static org.communitypoints.activity.Fixtures.as;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.communitypoints.contracts.DerivedIds;
import org.communitypoints.contracts.EventCodec;
import org.communitypoints.contracts.EventEnvelope;
import org.communitypoints.contracts.Topics;
import org.communitypoints.contracts.events.ShiftVerified;
import org.communitypoints.testsupport.KafkaTestClient;
import org.communitypoints.testsupport.TestDatabase;
import org.communitypoints.testsupport.Tokens;
import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * Maker-checker: a shift's points are credited only when a second person confirms it, the volunteer with the
 * activity's check-in code or someone other than the recorder; small communities may let a recorder verify a few
 * points a day alone.
 */
@QuarkusTest
class ShiftMakerCheckerTest {

    /** Configured with a self-verification allowance of 30 points a day (application.properties, test profile). */
    static final String SMALL_COMMUNITY = "small-community";

    @Inject
    AgroalDataSource dataSource;

    /** An activity that started two hours ago and ends in an hour, so residents can check in now. */
    private static String runningActivity(String community, int pointsPerHour) {
        Instant now = Instant.now();
        return Fixtures.activity(community, Fixtures.kind(community, pointsPerHour, "DOWN", 0, 1000),
                now.minus(2, ChronoUnit.HOURS), now.plus(1, ChronoUnit.HOURS), 50);
    }

    private static Map<String, Object> entry(String memberId, Instant start, Instant end) {
        return Map.of("memberId", memberId, "walkIn", true, "startedAt", start.toString(), "endedAt", end.toString());
    }

    private static Response bulk(String token, String activityId, boolean verify, List<Map<String, Object>> entries) {
        return as(token).body(Map.of("entries", entries, "verify", verify))
                .when().post("/activities/{id}/shifts/bulk", activityId);
    }

    private static String currentCode(String community, String activityId) {
        return as(Fixtures.gridWorker(community)).when().get("/activities/{id}/check-in-code", activityId)
                .then().statusCode(200).extract().path("code");
    }

    private long exportLogRows(String shiftId) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement count = connection
                        .prepareStatement("select count(*) from activity.shift_export_log where shift_id = ?::uuid")) {
            count.setString(1, shiftId);
            try (ResultSet row = count.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }

    @Test
    void loneGridWorkersBulkRecordAndVerifyCreditsNothingUntilTheResidentChecksInWithTheCode() throws Exception {
        String community = Fixtures.newCommunity();
        String activityId = runningActivity(community, 10);
        String member = Fixtures.resident(community, "r");
        Instant now = Instant.now();
        String worker = Fixtures.gridWorker(community);

        String shiftId = bulk(worker, activityId, true,
                List.of(entry(member, now.minus(90, ChronoUnit.MINUTES), now.minus(30, ChronoUnit.MINUTES))))
                .then().statusCode(201).body("verified", equalTo(0)).body("awaitingConfirmation", equalTo(1))
                .body("shifts[0].status", equalTo("RECORDED")).body("shifts[0].awaitingConfirmation", equalTo(true))
                .body("shifts[0].points", nullValue())
                .extract().path("shifts[0].id");
        as(worker).when().get("/members/{m}/record", member)
                .then().statusCode(200).body("pointsEarned", equalTo(0)).body("verifiedShifts", equalTo(0));
        assertEquals(0, exportLogRows(shiftId), "nothing credited yet");

        String resident = Tokens.resident(member, community);
        as(resident).body(Map.of("code", currentCode(community, activityId)))
                .when().post("/activities/{id}/attendance", activityId)
                .then().statusCode(201).body("firstConfirmation", equalTo(true))
                .body("verifiedShifts", hasSize(1)).body("verifiedShifts[0].id", equalTo(shiftId))
                .body("verifiedShifts[0].status", equalTo("VERIFIED")).body("verifiedShifts[0].points", equalTo(10))
                .body("verifiedShifts[0].verifiedBy", equalTo("grid-" + community))
                .body("verifiedShifts[0].verificationMethod", equalTo("CHECK_IN_CODE"));
        // A second scan is answered, and changes nothing.
        as(resident).body(Map.of("code", currentCode(community, activityId)))
                .when().post("/activities/{id}/attendance", activityId)
                .then().statusCode(200).body("firstConfirmation", equalTo(false)).body("verifiedShifts", hasSize(0));

        UUID eventId = DerivedIds.of("ShiftVerified", shiftId);
        try (KafkaTestClient kafka = KafkaTestClient.forTests()) {
            ShiftVerified event = EventCodec.payload(
                    kafka.awaitEvent(Topics.SHIFTS, e -> e.eventId().equals(eventId), Duration.ofSeconds(30)),
                    ShiftVerified.class);
            assertEquals("grid-" + community, event.verifiedBy());
            assertEquals(10, event.points());
        }
        assertEquals(1, exportLogRows(shiftId), "credited exactly once");
        as(Fixtures.staff(community)).when().get("/shifts/{id}/audit", shiftId)
                .then().statusCode(200)
                .body("action", equalTo(List.of("RECORDED", "VERIFICATION_REQUESTED", "CONFIRMED_BY_CHECK_IN", "VERIFIED")))
                .body("actor", equalTo(List.of("grid-" + community, "grid-" + community, member, "grid-" + community)))
                .body("[3].method", equalTo("CHECK_IN_CODE")).body("[3].points", equalTo(10));
    }

    @Test
    void residentWhoCheckedInBeforehandLetsTheRecorderVerifyAtOnce() {
        String community = Fixtures.newCommunity();
        String activityId = runningActivity(community, 10);
        String member = Fixtures.resident(community, "r");
        as(Tokens.resident(member, community)).body(Map.of("code", currentCode(community, activityId)))
                .when().post("/activities/{id}/attendance", activityId)
                .then().statusCode(201).body("verifiedShifts", hasSize(0));
        Instant now = Instant.now();

        bulk(Fixtures.gridWorker(community), activityId, true,
                List.of(entry(member, now.minus(60, ChronoUnit.MINUTES), now.minus(1, ChronoUnit.MINUTES)),
                        entry(Fixtures.resident(community, "absent"), now.minus(60, ChronoUnit.MINUTES), now)))
                .then().statusCode(201).body("verified", equalTo(1)).body("awaitingConfirmation", equalTo(1))
                .body("shifts[0].status", equalTo("VERIFIED")).body("shifts[0].verificationMethod", equalTo("CHECK_IN_CODE"))
                .body("shifts[1].status", equalTo("RECORDED")).body("shifts[1].awaitingConfirmation", equalTo(true));
    }

    @Test
    void recorderCannotVerifyTheirOwnRecordingButAnotherGridWorkerOrStaffCan() {
        String community = Fixtures.newCommunity();
        String activityId = runningActivity(community, 10);
        Instant now = Instant.now();
        String member = Fixtures.resident(community, "r");
        String first = Fixtures.recordedShift(community, activityId, member, now.minus(120, ChronoUnit.MINUTES),
                now.minus(60, ChronoUnit.MINUTES));
        String second = Fixtures.recordedShift(community, activityId, member, now.minus(50, ChronoUnit.MINUTES),
                now.minus(10, ChronoUnit.MINUTES));

        as(Fixtures.recorder(community)).when().post("/shifts/{id}/verify", first)
                .then().statusCode(409).contentType("application/problem+json")
                .body("code", equalTo("SECOND_PERSON_REQUIRED"))
                .body("detail", containsString("另一位网格员或社区工作人员")).body("detail", containsString(member));
        as(Fixtures.recorder(community)).header("Accept-Language", "en").when().post("/shifts/{id}/verify", first)
                .then().statusCode(409).body("code", equalTo("SECOND_PERSON_REQUIRED"))
                .body("detail", containsString("Another grid worker or staff member must verify it"));
        as(Fixtures.staff(community)).when().get("/shifts/{id}", first)
                .then().statusCode(200).body("status", equalTo("RECORDED")).body("awaitingConfirmation", equalTo(false));

        as(Fixtures.gridWorker(community)).when().post("/shifts/{id}/verify", first)
                .then().statusCode(200).body("status", equalTo("VERIFIED"))
                .body("verifiedBy", equalTo("grid-" + community)).body("verificationMethod", equalTo("SECOND_PERSON"));
        as(Fixtures.staff(community)).when().post("/shifts/{id}/verify", second)
                .then().statusCode(200).body("verificationMethod", equalTo("SECOND_PERSON"));
        as(Fixtures.staff(community)).when().get("/shifts/{id}/audit", first)
                .then().statusCode(200)
                .body("action", equalTo(List.of("RECORDED", "CHECKED_OUT", "VERIFIED")))
                .body("actor", equalTo(List.of("recorder-" + community, "recorder-" + community, "grid-" + community)))
                .body("[2].method", equalTo("SECOND_PERSON"));
    }

    @Test
    void aWrongCodeAndAnExpiredCodeAreRefusedAndTheCodeBeforeTheCurrentOneIsStillAccepted() throws Exception {
        String community = Fixtures.newCommunity();
        String activityId = runningActivity(community, 10);
        String resident = Tokens.resident(Fixtures.resident(community, "r"), community);
        String current = currentCode(community, activityId);
        String wrong = String.format("%06d", (Integer.parseInt(current) + 1) % 1_000_000);

        CheckInCodesForTests.awayFromAWindowEdge();
        String expired = CheckInCodesForTests.codeOfWindowsAgo(dataSource, activityId, 5);
        String previous = CheckInCodesForTests.codeOfWindowsAgo(dataSource, activityId, 1);
        // A six-digit code may, rarely, repeat between windows; then the test cannot tell them apart.
        org.junit.jupiter.api.Assumptions.assumeTrue(!expired.equals(previous) && !wrong.equals(previous)
                && !expired.equals(currentCode(community, activityId)));

        as(resident).body(Map.of("code", wrong)).when().post("/activities/{id}/attendance", activityId)
                .then().statusCode(400).contentType("application/problem+json").body("code", equalTo("CHECK_IN_CODE_INVALID"));
        as(resident).body(Map.of("code", expired)).when().post("/activities/{id}/attendance", activityId)
                .then().statusCode(409).body("code", equalTo("CHECK_IN_CODE_EXPIRED"))
                .body("detail", equalTo("这个签到码已经过期了，请重新扫描现场屏幕上的签到码。"));
        as(resident).body(Map.of("code", previous)).when().post("/activities/{id}/attendance", activityId)
                .then().statusCode(201);
    }

    @Test
    void checkingInWithTheCodeIsPossibleOnlyWhileTheActivityIsOn() {
        String community = Fixtures.newCommunity();
        Instant tomorrow = Instant.now().plus(1, ChronoUnit.DAYS);
        String activityId = Fixtures.activity(community, Fixtures.kind(community, 10, "DOWN", 0, 100), tomorrow,
                tomorrow.plus(2, ChronoUnit.HOURS), 10);
        as(Tokens.resident(Fixtures.resident(community, "r"), community))
                .body(Map.of("code", currentCode(community, activityId)))
                .when().post("/activities/{id}/attendance", activityId)
                .then().statusCode(409).body("code", equalTo("CHECK_IN_CLOSED"));
    }

    @Test
    void selfVerificationAllowanceOfASmallCommunityIsHonouredAndThenExhausted() {
        String activityId = runningActivity(SMALL_COMMUNITY, 10);
        String recorder = Tokens.gridWorker(Fixtures.newId("lone-worker"), SMALL_COMMUNITY);
        Instant now = Instant.now();
        String member = Fixtures.resident(SMALL_COMMUNITY, "r");
        // Allowance 30 points a day: 20 + 10 fit, the next 10 do not.
        List<String> shifts = bulk(recorder, activityId, false, List.of(
                entry(member, now.minus(120, ChronoUnit.MINUTES), now.minus(60, ChronoUnit.MINUTES)),
                entry(Fixtures.resident(SMALL_COMMUNITY, "r"), now.minus(120, ChronoUnit.MINUTES),
                        now.minus(60, ChronoUnit.MINUTES)),
                entry(Fixtures.resident(SMALL_COMMUNITY, "r"), now.minus(120, ChronoUnit.MINUTES), now)))
                .then().statusCode(201).extract().path("shifts.id");

        as(recorder).when().post("/shifts/{id}/verify", shifts.get(2))
                .then().statusCode(200).body("points", equalTo(20)).body("verificationMethod", equalTo("SELF_WITHIN_POLICY"));
        as(recorder).when().post("/shifts/{id}/verify", shifts.get(0))
                .then().statusCode(200).body("points", equalTo(10)).body("verificationMethod", equalTo("SELF_WITHIN_POLICY"));
        as(recorder).when().post("/shifts/{id}/verify", shifts.get(1))
                .then().statusCode(409).body("code", equalTo("SECOND_PERSON_REQUIRED"))
                .body("detail", containsString("您今天还可以自己确认 0 分（每天最多 30 分）"));

        // The same rule in a bulk recording: what no longer fits waits for a second person.
        String other = Fixtures.resident(SMALL_COMMUNITY, "r");
        bulk(recorder, activityId, true,
                List.of(entry(other, now.minus(100, ChronoUnit.MINUTES), now.minus(40, ChronoUnit.MINUTES))))
                .then().statusCode(201).body("verified", equalTo(0)).body("awaitingConfirmation", equalTo(1))
                .body("shifts[0].awaitingConfirmation", equalTo(true));
        // Another worker's allowance is their own.
        String colleague = Tokens.gridWorker(Fixtures.newId("colleague"), SMALL_COMMUNITY);
        bulk(colleague, activityId, true,
                List.of(entry(Fixtures.resident(SMALL_COMMUNITY, "r"), now.minus(100, ChronoUnit.MINUTES),
                        now.minus(40, ChronoUnit.MINUTES))))
                .then().statusCode(201).body("verified", equalTo(1))
                .body("shifts[0].verificationMethod", equalTo("SELF_WITHIN_POLICY"));
    }

    @Test
    void aCommunityWithoutAPolicyAllowsNoSelfVerification() {
        String community = Fixtures.newCommunity();
        String activityId = runningActivity(community, 1);
        Instant now = Instant.now();
        String shiftId = bulk(Fixtures.gridWorker(community), activityId, false,
                List.of(entry(Fixtures.resident(community, "r"), now.minus(60, ChronoUnit.MINUTES), now)))
                .then().statusCode(201).extract().path("shifts[0].id");
        as(Fixtures.gridWorker(community)).when().post("/shifts/{id}/verify", shiftId)
                .then().statusCode(409).body("code", equalTo("SECOND_PERSON_REQUIRED"));
    }

    @Test
    void concurrentConfirmationsOfOneShiftCreditItOnce() throws Exception {
        String community = Fixtures.newCommunity();
        String activityId = runningActivity(community, 10);
        String member = Fixtures.resident(community, "r");
        Instant now = Instant.now();
        String shiftId = bulk(Fixtures.recorder(community), activityId, true,
                List.of(entry(member, now.minus(90, ChronoUnit.MINUTES), now.minus(30, ChronoUnit.MINUTES))))
                .then().statusCode(201).body("awaitingConfirmation", equalTo(1)).extract().path("shifts[0].id");
        String code = currentCode(community, activityId);

        // Four scans by the resident and four verifications by other grid workers, all at once.
        List<Response> answers = Fixtures.race(8, i -> i % 2 == 0
                ? as(Tokens.resident(member, community)).body(Map.of("code", code))
                        .when().post("/activities/{id}/attendance", activityId)
                : as(Tokens.gridWorker("other-" + i + "-" + community, community))
                        .when().post("/shifts/{id}/verify", shiftId));

        long verifiedByScan = answers.stream().filter(r -> r.statusCode() < 300 && r.jsonPath().get("verifiedShifts") != null)
                .mapToLong(r -> r.jsonPath().getList("verifiedShifts").size()).sum();
        long verifiedByWorker = answers.stream()
                .filter(r -> r.statusCode() == 200 && r.jsonPath().get("verifiedShifts") == null)
                .count();
        long alreadyVerified = answers.stream().filter(r -> "ALREADY_VERIFIED".equals(r.jsonPath().getString("code"))).count();
        assertEquals(1, verifiedByScan + verifiedByWorker, "exactly one confirmation verifies: " + answers.stream()
                .map(Response::asString).toList());
        assertEquals(4 - verifiedByWorker, alreadyVerified, "the other verifications are told, never a 500");
        assertTrue(answers.stream().allMatch(r -> r.statusCode() < 500));
        assertEquals(1, exportLogRows(shiftId));
        try (KafkaTestClient kafka = KafkaTestClient.forTests()) {
            UUID eventId = DerivedIds.of("ShiftVerified", shiftId);
            kafka.awaitEvent(Topics.SHIFTS, e -> e.eventId().equals(eventId), Duration.ofSeconds(30));
            List<EventEnvelope> events = kafka.readFor(Topics.SHIFTS, e -> e.eventId().equals(eventId), Duration.ofSeconds(3));
            assertEquals(1, events.size(), "one ShiftVerified");
        }
    }

    @Test
    void theDatabaseRefusesAVerificationWithoutASecondPersonAndKeepsTheAuditTrail() throws Exception {
        String community = Fixtures.newCommunity();
        String activityId = runningActivity(community, 10);
        Instant now = Instant.now();
        String shiftId = Fixtures.recordedShift(community, activityId, Fixtures.resident(community, "r"),
                now.minus(60, ChronoUnit.MINUTES),
                now.minus(5, ChronoUnit.MINUTES));
        try (Connection connection = dataSource.getConnection()) {
            SQLException noCheckIn = assertThrows(SQLException.class, () -> execute(connection, """
                    update activity.shift set status = 'VERIFIED', points = 10, rule_version = 1, verified_by = recorded_by,
                           verified_at = now(), verification_method = 'CHECK_IN_CODE' where id = ?::uuid""", shiftId));
            assertTrue(noCheckIn.getMessage().contains("no check-in"), noCheckIn.getMessage());
            assertThrows(SQLException.class, () -> execute(connection, """
                    update activity.shift set status = 'VERIFIED', points = 10, rule_version = 1, verified_by = recorded_by,
                           verified_at = now(), verification_method = 'SECOND_PERSON' where id = ?::uuid""", shiftId));
        }
        // The audit trail: the runtime role may not even try (RuntimeRoleTest); the trigger stops the schema's owner too.
        try (Connection owner = TestDatabase.asOwner()) {
            SQLException rewrite = assertThrows(SQLException.class, () -> execute(owner,
                    "update activity.shift_audit set actor = 'someone-else' where shift_id = ?::uuid", shiftId));
            assertTrue(rewrite.getMessage().contains("append-only"), rewrite.getMessage());
            SQLException delete = assertThrows(SQLException.class,
                    () -> execute(owner, "delete from activity.shift_audit where shift_id = ?::uuid", shiftId));
            assertTrue(delete.getMessage().contains("append-only"), delete.getMessage());
        }
        as(Fixtures.staff(community)).when().get("/shifts/{id}/audit", shiftId)
                .then().statusCode(200).body("action", equalTo(List.of("RECORDED", "CHECKED_OUT")));
    }

    private static void execute(Connection connection, String sql, String id) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, id);
            statement.executeUpdate();
        }
    }

}
