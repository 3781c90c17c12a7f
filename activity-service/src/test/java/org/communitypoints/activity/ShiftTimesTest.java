package org.communitypoints.activity;

import static org.communitypoints.activity.Fixtures.as;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/** A shift lies within its activity's time (30 minutes either side), and only staff record one older than 48 hours. */
@QuarkusTest
class ShiftTimesTest {

    private static Response bulk(String token, String activityId, String memberId, Instant start, Instant end) {
        return as(token).body(Map.of("verify", false, "entries", List.of(Map.of("memberId", memberId, "walkIn", true,
                "startedAt", start.toString(), "endedAt", end.toString()))))
                .when().post("/activities/{id}/shifts/bulk", activityId);
    }

    private static Response checkIn(String token, String activityId, String memberId, Instant at) {
        return as(token).body(Map.of("memberId", memberId, "walkIn", true, "at", at.toString()))
                .when().post("/activities/{id}/check-ins", activityId);
    }

    @Test
    void shiftsWithinThirtyMinutesOfTheActivityAreRecordedAndFurtherOutsideAreRefused() {
        String community = Fixtures.newCommunity();
        Instant start = Fixtures.yesterdayMorning();
        Instant end = start.plus(3, ChronoUnit.HOURS);
        String activityId = Fixtures.activity(community, Fixtures.kind(community, 10, "DOWN", 0, 100), start, end, 10);
        String worker = Fixtures.gridWorker(community);

        checkIn(worker, activityId, Fixtures.resident(community, "r"), start.minus(40, ChronoUnit.MINUTES))
                .then().statusCode(422).contentType("application/problem+json")
                .body("code", equalTo("SHIFT_OUTSIDE_ACTIVITY_WINDOW"))
                .body("detail", startsWith("服务时间必须在活动时间之内（08:30 至 12:30）"));
        checkIn(worker, activityId, Fixtures.resident(community, "r"), start.minus(20, ChronoUnit.MINUTES))
                .then().statusCode(201);

        String member = Fixtures.resident(community, "r");
        bulk(worker, activityId, member, start, end.plus(45, ChronoUnit.MINUTES))
                .then().statusCode(422).body("code", equalTo("SHIFT_OUTSIDE_ACTIVITY_WINDOW"))
                .body("detail", startsWith("第 1 条（" + member + "）"));
        bulk(worker, activityId, member, start, end.plus(25, ChronoUnit.MINUTES)).then().statusCode(201);

        String open = checkIn(worker, activityId, Fixtures.resident(community, "r"), start).then().statusCode(201).extract()
                .path("id");
        as(worker).body(Map.of("at", end.plus(31, ChronoUnit.MINUTES).toString()))
                .when().post("/shifts/{id}/check-out", open)
                .then().statusCode(422).body("code", equalTo("SHIFT_OUTSIDE_ACTIVITY_WINDOW"));
        as(worker).body(Map.of("at", end.plus(29, ChronoUnit.MINUTES).toString()))
                .when().post("/shifts/{id}/check-out", open)
                .then().statusCode(200).body("status", equalTo("RECORDED"));
    }

    @Test
    void aShiftThatStartedMoreThan48HoursAgoIsRecordedByStaffOnly() {
        String community = Fixtures.newCommunity();
        Instant start = Instant.now().minus(3, ChronoUnit.DAYS).truncatedTo(ChronoUnit.MINUTES);
        String activityId = Fixtures.activity(community, Fixtures.kind(community, 10, "DOWN", 0, 100), start,
                start.plus(2, ChronoUnit.HOURS), 10);
        String member = Fixtures.resident(community, "r");

        bulk(Fixtures.gridWorker(community), activityId, member, start, start.plus(1, ChronoUnit.HOURS))
                .then().statusCode(403).contentType("application/problem+json")
                .body("code", equalTo("BACKDATING_NOT_ALLOWED"))
                .body("detail", startsWith("第 1 条（" + member + "）"));
        checkIn(Fixtures.gridWorker(community), activityId, member, start)
                .then().statusCode(403).body("code", equalTo("BACKDATING_NOT_ALLOWED"));
        as(Fixtures.staff(community)).when().get("/activities/{id}/roster", activityId)
                .then().statusCode(200).body("shifts.size()", equalTo(0));

        bulk(Fixtures.staff(community), activityId, member, start, start.plus(1, ChronoUnit.HOURS))
                .then().statusCode(201).body("shifts[0].recordedBy", equalTo("staff-" + community));
    }

    @Test
    void nobodyRecordsAShiftOlderThanSevenDaysOrInTheFuture() {
        String community = Fixtures.newCommunity();
        Instant start = Instant.now().minus(8, ChronoUnit.DAYS);
        String old = Fixtures.activity(community, Fixtures.kind(community, 10, "DOWN", 0, 100), start,
                start.plus(2, ChronoUnit.HOURS), 10);
        bulk(Fixtures.staff(community), old, Fixtures.resident(community, "r"), start, start.plus(1, ChronoUnit.HOURS))
                .then().statusCode(422).body("code", equalTo("TIME_TOO_OLD"));

        Instant now = Instant.now();
        String running = Fixtures.activity(community, Fixtures.kind(community, 10, "DOWN", 0, 100),
                now.minus(1, ChronoUnit.HOURS), now.plus(2, ChronoUnit.HOURS), 10);
        bulk(Fixtures.staff(community), running, Fixtures.resident(community, "r"), now.minus(1, ChronoUnit.HOURS),
                now.plus(1, ChronoUnit.HOURS))
                .then().statusCode(422).body("code", equalTo("TIME_IN_FUTURE"));
    }
}
