package org.communitypoints.activity;

import static org.communitypoints.activity.Fixtures.as;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/** The invariants hold in the database itself: under concurrent requests and against direct SQL. */
@QuarkusTest
class ShiftInvariantsTest {

    private static final Instant MORNING = Fixtures.yesterdayMorning();

    @Inject
    AgroalDataSource dataSource;

    private static long count(List<Response> answers, int status, String code) {
        return answers.stream().filter(r -> r.statusCode() == status
                && (code == null || code.equals(r.jsonPath().getString("code")))).count();
    }

    @Test
    void concurrentVerificationsNeverPassTheDailyCap() throws Exception {
        String community = Fixtures.newCommunity();
        String activityId = Fixtures.activity(community, Fixtures.kind(community, 60, "DOWN", 0, 100), MORNING,
                MORNING.plus(10, ChronoUnit.HOURS), 10);
        String member = Fixtures.resident(community, "r");
        List<String> shifts = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            Instant start = MORNING.plus(i * 2L, ChronoUnit.HOURS);
            shifts.add(Fixtures.recordedShift(community, activityId, member, start, start.plus(60, ChronoUnit.MINUTES)));
        }
        List<Response> answers = Fixtures.race(shifts.size(), i -> as(Fixtures.gridWorker(community))
                .when().post("/shifts/{id}/verify", shifts.get(i)));

        assertEquals(1, count(answers, 200, null), "one 60-point shift fits under the cap of 100");
        assertEquals(3, count(answers, 422, "DAILY_CAP_EXCEEDED"));
        as(Fixtures.staff(community)).when().get("/members/{m}/record", member)
                .then().statusCode(200).body("pointsEarned", equalTo(60));
    }

    @Test
    void concurrentVerificationsOfOneShiftVerifyItOnceAndAnswerTheOthersWithAConflict() throws Exception {
        String community = Fixtures.newCommunity();
        String activityId = Fixtures.activity(community, Fixtures.kind(community, 60, "DOWN", 0, 1000), MORNING,
                MORNING.plus(3, ChronoUnit.HOURS), 10);
        String shiftId = Fixtures.recordedShift(community, activityId, Fixtures.resident(community, "r"), MORNING,
                MORNING.plus(60, ChronoUnit.MINUTES));

        List<Response> answers = Fixtures.race(4, i -> as(Fixtures.gridWorker(community))
                .when().post("/shifts/{id}/verify", shiftId));

        assertEquals(1, count(answers, 200, null), "exactly one verification wins");
        assertEquals(3, count(answers, 409, "ALREADY_VERIFIED"), "the others are told, not answered with 500");
        as(Fixtures.staff(community)).when().get("/shifts/{id}", shiftId)
                .then().statusCode(200).body("status", equalTo("VERIFIED")).body("points", equalTo(60));
    }

    @Test
    void aVoidRacingACorrectionOfTheSameShiftNeverLeavesPointsOnTheVoidedShift() throws Exception {
        String community = Fixtures.newCommunity();
        String activityId = Fixtures.activity(community, Fixtures.kind(community, 60, "DOWN", 0, 1000), MORNING,
                MORNING.plus(10, ChronoUnit.HOURS), 10);
        List<String> shifts = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            String shiftId = Fixtures.recordedShift(community, activityId, Fixtures.resident(community, "r"), MORNING,
                    MORNING.plus(90, ChronoUnit.MINUTES));
            as(Fixtures.gridWorker(community)).when().post("/shifts/{id}/verify", shiftId).then().statusCode(200);
            shifts.add(shiftId);
        }

        // Each shift gets a void and a correction to 30 minutes at the same moment.
        List<Response> answers = Fixtures.race(shifts.size() * 2, i -> as(Fixtures.staff(community))
                .body(i % 2 == 0 ? Map.of("void", true, "reason", "did not serve")
                        : Map.of("minutes", 30, "reason", "left early"))
                .when().post("/shifts/{id}/corrections", shifts.get(i / 2)));

        for (int i = 0; i < answers.size(); i++) {
            Response answer = answers.get(i);
            if (i % 2 == 0) {
                assertEquals(201, answer.statusCode(), "a void always applies: " + answer.asString());
            } else {
                assertTrue(answer.statusCode() == 201 || "SHIFT_VOIDED".equals(answer.jsonPath().getString("code")),
                        "a correction either comes before the void or is refused after it: " + answer.asString());
            }
        }
        for (String shiftId : shifts) {
            as(Fixtures.staff(community)).when().get("/shifts/{id}", shiftId)
                    .then().statusCode(200).body("status", equalTo("VOIDED")).body("currentPoints", equalTo(0))
                    .body("corrections[-1].voided", equalTo(true));
        }
    }

    @Test
    void concurrentCheckInsOfOneResidentRecordOneShift() throws Exception {
        String community = Fixtures.newCommunity();
        String kindId = Fixtures.kind(community, 10, "DOWN", 0, 100);
        Instant now = Instant.now();
        List<String> activities = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            activities.add(Fixtures.activity(community, kindId, now.minus(1, ChronoUnit.HOURS),
                    now.plus(1, ChronoUnit.HOURS), 10));
        }
        String member = Fixtures.resident(community, "r");
        List<Response> answers = Fixtures.race(activities.size(), i -> as(Fixtures.gridWorker(community))
                .body(Map.of("memberId", member, "walkIn", true))
                .when().post("/activities/{id}/check-ins", activities.get(i)));

        assertEquals(1, count(answers, 201, null));
        assertEquals(activities.size() - 1, count(answers, 409, "SHIFT_OVERLAP"));
    }

    @Test
    void verifiedShiftCannotBeEditedEvenWithDirectSql() throws Exception {
        String community = Fixtures.newCommunity();
        String activityId = Fixtures.activity(community, Fixtures.kind(community, 10, "DOWN", 0, 100), MORNING,
                MORNING.plus(3, ChronoUnit.HOURS), 10);
        String shiftId = Fixtures.recordedShift(community, activityId, Fixtures.resident(community, "r"), MORNING,
                MORNING.plus(60, ChronoUnit.MINUTES));
        as(Fixtures.gridWorker(community)).when().post("/shifts/{id}/verify", shiftId).then().statusCode(200);

        try (Connection connection = dataSource.getConnection()) {
            SQLException refused = assertThrows(SQLException.class, () -> {
                try (PreparedStatement update = connection.prepareStatement(
                        "update activity.shift set points = 1000 where id = ?::uuid")) {
                    update.setString(1, shiftId);
                    update.executeUpdate();
                }
            });
            assertTrue(refused.getMessage().contains("is history"), refused.getMessage());
            assertThrows(SQLException.class, () -> {
                try (PreparedStatement delete = connection.prepareStatement(
                        "update activity.shift_export_log set points = 1000 where shift_id = ?::uuid")) {
                    delete.setString(1, shiftId);
                    delete.executeUpdate();
                }
            });
        }
        as(Fixtures.staff(community)).when().get("/shifts/{id}", shiftId)
                .then().statusCode(200).body("points", equalTo(10));
    }
}
