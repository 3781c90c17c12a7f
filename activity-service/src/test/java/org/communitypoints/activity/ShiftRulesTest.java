package org.communitypoints.activity;

import static org.communitypoints.activity.Fixtures.as;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;

import org.communitypoints.contracts.DerivedIds;
import org.communitypoints.contracts.EventCodec;
import org.communitypoints.contracts.EventEnvelope;
import org.communitypoints.contracts.Topics;
import org.communitypoints.contracts.events.ShiftCorrected;
import org.communitypoints.testsupport.KafkaTestClient;
import org.communitypoints.testsupport.Tokens;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class ShiftRulesTest {

    private static final Instant MORNING = Fixtures.yesterdayMorning();

    private static String pastActivity(String community, String kindId) {
        return Fixtures.activity(community, kindId, MORNING, MORNING.plus(10, ChronoUnit.HOURS), 20);
    }

    private static Instant at(int minutesAfterMorning) {
        return MORNING.plus(minutesAfterMorning, ChronoUnit.MINUTES);
    }

    @Test
    void volunteerCannotVerifyTheirOwnShift() {
        String community = Fixtures.newCommunity();
        String activityId = pastActivity(community, Fixtures.kind(community, 10, "DOWN", 0, 100));
        String gridWorkerAsVolunteer = "grid-" + community;
        Fixtures.register(community, gridWorkerAsVolunteer);
        String shiftId = Fixtures.recordedShift(community, activityId, gridWorkerAsVolunteer, at(0), at(60));

        as(Fixtures.gridWorker(community)).when().post("/shifts/{id}/verify", shiftId)
                .then().statusCode(403).contentType("application/problem+json").body("code", equalTo("SELF_VERIFICATION"));
        as(Fixtures.staff(community)).when().get("/shifts/{id}", shiftId)
                .then().statusCode(200).body("status", equalTo("RECORDED"));
        as(Fixtures.staff(community)).when().post("/shifts/{id}/verify", shiftId)
                .then().statusCode(200).body("status", equalTo("VERIFIED")).body("verifiedBy", equalTo("staff-" + community));
    }

    @Test
    void overlappingShiftOfTheSameResidentIsRefused() {
        String community = Fixtures.newCommunity();
        String kindId = Fixtures.kind(community, 10, "DOWN", 0, 100);
        String first = pastActivity(community, kindId);
        String second = pastActivity(community, kindId);
        String member = Fixtures.resident(community, "r");
        Fixtures.recordedShift(community, first, member, at(0), at(120));

        as(Fixtures.gridWorker(community))
                .body(Map.of("entries", java.util.List.of(Map.of("memberId", member, "walkIn", true,
                        "startedAt", at(90).toString(), "endedAt", at(180).toString()))))
                .when().post("/activities/{id}/shifts/bulk", second)
                .then().statusCode(409).body("code", equalTo("SHIFT_OVERLAP"));
        // Back to back is not an overlap.
        as(Fixtures.gridWorker(community))
                .body(Map.of("entries", java.util.List.of(Map.of("memberId", member, "walkIn", true,
                        "startedAt", at(120).toString(), "endedAt", at(180).toString()))))
                .when().post("/activities/{id}/shifts/bulk", second)
                .then().statusCode(201);
    }

    @Test
    void shiftPastTheDailyCapIsRefusedAndStaysUnverified() {
        String community = Fixtures.newCommunity();
        String activityId = pastActivity(community, Fixtures.kind(community, 60, "DOWN", 0, 100));
        String member = Fixtures.resident(community, "r");
        String morning = Fixtures.recordedShift(community, activityId, member, at(0), at(60));
        String afternoon = Fixtures.recordedShift(community, activityId, member, at(300), at(360));
        as(Fixtures.gridWorker(community)).when().post("/shifts/{id}/verify", morning)
                .then().statusCode(200).body("points", equalTo(60));

        as(Fixtures.gridWorker(community)).when().post("/shifts/{id}/verify", afternoon)
                .then().statusCode(422).contentType("application/problem+json")
                .body("code", equalTo("DAILY_CAP_EXCEEDED"));
        as(Fixtures.gridWorker(community)).when().get("/shifts/{id}", afternoon)
                .then().statusCode(200).body("status", equalTo("RECORDED")).body("points", equalTo(null));
        as(Fixtures.gridWorker(community)).when().get("/members/{m}/record", member)
                .then().statusCode(200).body("pointsEarned", equalTo(60)).body("verifiedShifts", equalTo(1));
    }

    @Test
    void shiftBelowTheMinimumIsNotVerifiedButCanBeRejectedWithAReason() {
        String community = Fixtures.newCommunity();
        String activityId = pastActivity(community, Fixtures.kind(community, 10, "DOWN", 30, 100));
        String shiftId = Fixtures.recordedShift(community, activityId, Fixtures.resident(community, "r"), at(0), at(20));
        as(Fixtures.gridWorker(community)).when().post("/shifts/{id}/verify", shiftId)
                .then().statusCode(422).body("code", equalTo("BELOW_MINIMUM_MINUTES"));

        as(Fixtures.gridWorker(community)).body(Map.of("reason", "只来了二十分钟"))
                .when().post("/shifts/{id}/reject", shiftId)
                .then().statusCode(200).body("status", equalTo("REJECTED")).body("rejectionReason", equalTo("只来了二十分钟"));
        as(Fixtures.staff(community)).when().post("/shifts/{id}/verify", shiftId)
                .then().statusCode(409).body("code", equalTo("SHIFT_REJECTED"));
    }

    @Test
    void correctionAddsARecordAndAnEventAndKeepsTheVerifiedShiftAsItWas() {
        String community = Fixtures.newCommunity();
        String activityId = pastActivity(community, Fixtures.kind(community, 10, "DOWN", 0, 100));
        String member = Fixtures.resident(community, "r");
        String shiftId = Fixtures.recordedShift(community, activityId, member, at(0), at(120));
        as(Fixtures.gridWorker(community)).when().post("/shifts/{id}/verify", shiftId)
                .then().statusCode(200).body("points", equalTo(20));

        String correctionId = as(Fixtures.staff(community)).body(Map.of("minutes", 90, "reason", "签退时间记错"))
                .when().post("/shifts/{id}/corrections", shiftId)
                .then().statusCode(201).body("previousPoints", equalTo(20)).body("correctedPoints", equalTo(15))
                .extract().path("correctionId");
        as(Fixtures.staff(community)).when().get("/shifts/{id}", shiftId)
                .then().statusCode(200).body("status", equalTo("VERIFIED"))
                .body("minutes", equalTo(120)).body("points", equalTo(20))
                .body("currentMinutes", equalTo(90)).body("currentPoints", equalTo(15)).body("corrections", hasSize(1));

        UUID eventId = DerivedIds.of("ShiftCorrected", correctionId);
        try (KafkaTestClient kafka = KafkaTestClient.forTests()) {
            EventEnvelope envelope = kafka.awaitEvent(Topics.SHIFTS, e -> e.eventId().equals(eventId), Duration.ofSeconds(30));
            ShiftCorrected event = EventCodec.payload(envelope, ShiftCorrected.class);
            assertEquals(20, event.previousPoints());
            assertEquals(15, event.correctedPoints());
            assertEquals(member, envelope.key());
        }

        as(Fixtures.staff(community)).body(Map.of("void", true, "reason", "没有到场"))
                .when().post("/shifts/{id}/corrections", shiftId)
                .then().statusCode(201).body("previousPoints", equalTo(15)).body("correctedPoints", equalTo(0));
        as(Fixtures.staff(community)).body(Map.of("minutes", 60, "reason", "again"))
                .when().post("/shifts/{id}/corrections", shiftId)
                .then().statusCode(409).body("code", equalTo("SHIFT_VOIDED"));
        as(Tokens.resident(member, community)).when().get("/me/record")
                .then().statusCode(200).body("pointsEarned", equalTo(0)).body("shifts[0].status", equalTo("VOIDED"))
                .body("shifts[0].points", equalTo(20));
    }

    @Test
    void newRuleVersionNeverChangesPointsOfShiftsServedBefore() {
        String community = Fixtures.newCommunity();
        String kindId = Fixtures.kind(community, 10, "DOWN", 0, 100);
        String activityId = pastActivity(community, kindId);
        String earned = Fixtures.recordedShift(community, activityId, Fixtures.resident(community, "r"), at(0), at(120));
        String waiting = Fixtures.recordedShift(community, activityId, Fixtures.resident(community, "r"), at(0), at(120));
        as(Fixtures.gridWorker(community)).when().post("/shifts/{id}/verify", earned)
                .then().statusCode(200).body("points", equalTo(20));

        as(Fixtures.staff(community))
                .body(Map.of("pointsPerHour", 30, "rounding", "UP", "minimumMinutes", 0, "dailyCapPoints", 200))
                .when().post("/kinds/{id}/rules", kindId)
                .then().statusCode(201).body("version", equalTo(2));
        as(Fixtures.staff(community))
                .body(Map.of("pointsPerHour", 30, "rounding", "UP", "minimumMinutes", 0, "dailyCapPoints", 200,
                        "validFrom", MORNING.toString()))
                .when().post("/kinds/{id}/rules", kindId)
                .then().statusCode(422).body("code", equalTo("RULE_BACKDATED"));

        // Served under version 1, verified after version 2 came into force: still valued by version 1.
        as(Fixtures.gridWorker(community)).when().post("/shifts/{id}/verify", waiting)
                .then().statusCode(200).body("points", equalTo(20)).body("ruleVersion", equalTo(1));
        as(Fixtures.gridWorker(community)).when().get("/shifts/{id}", earned)
                .then().statusCode(200).body("points", equalTo(20)).body("ruleVersion", equalTo(1));
        as(Fixtures.staff(community)).when().get("/kinds/{id}/rules", kindId)
                .then().statusCode(200).body("version", equalTo(java.util.List.of(1, 2)));
        as(Fixtures.staff(community)).when().get("/kinds")
                .then().statusCode(200).body("[0].currentRule.version", equalTo(2));
    }

    @Test
    void residentWhoDidNotSignUpIsRecordedOnlyAsAWalkIn() {
        String community = Fixtures.newCommunity();
        String activityId = pastActivity(community, Fixtures.kind(community, 10, "DOWN", 0, 100));
        String member = Fixtures.resident(community, "r");
        as(Fixtures.gridWorker(community)).body(Map.of("memberId", member, "at", at(0).toString()))
                .when().post("/activities/{id}/check-ins", activityId)
                .then().statusCode(409).body("code", equalTo("NOT_SIGNED_UP"));
        as(Fixtures.gridWorker(community)).body(Map.of("memberId", member, "walkIn", true, "at", at(0).toString()))
                .when().post("/activities/{id}/check-ins", activityId)
                .then().statusCode(201).body("walkIn", equalTo(true)).body("status", equalTo("CHECKED_IN"));
    }

    @Test
    void shiftWorthNoPointsIsNotVerified() {
        String community = Fixtures.newCommunity();
        // 1 point an hour, rounded down: 30 minutes are worth nothing.
        String activityId = pastActivity(community, Fixtures.kind(community, 1, "DOWN", 0, 100));
        String shiftId = Fixtures.recordedShift(community, activityId, Fixtures.resident(community, "r"), at(0), at(30));
        as(Fixtures.gridWorker(community)).when().post("/shifts/{id}/verify", shiftId)
                .then().statusCode(422).body("code", equalTo("NO_POINTS_EARNED"));
    }

    @Test
    void residentCannotRecordOrVerify() {
        String community = Fixtures.newCommunity();
        String activityId = pastActivity(community, Fixtures.kind(community, 10, "DOWN", 0, 100));
        String shiftId = Fixtures.recordedShift(community, activityId, Fixtures.resident(community, "r"), at(0), at(60));
        String resident = Tokens.resident(Fixtures.resident(community, "r"), community);
        as(resident).when().post("/shifts/{id}/verify", shiftId)
                .then().statusCode(403).contentType("application/problem+json");
        as(resident).body(Map.of("memberId", "someone", "walkIn", true))
                .when().post("/activities/{id}/check-ins", activityId)
                .then().statusCode(403);
    }
}
