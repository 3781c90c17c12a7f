package org.communitypoints.activity;

import static org.communitypoints.activity.Fixtures.as;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import org.communitypoints.testsupport.Tokens;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/**
 * Points issued by activity kind (GET /reports/points-by-kind): what the community's verified shifts of each kind earned,
 * after corrections, so that the kinds of a month add up to the monthly report's pointsAwarded.
 */
@QuarkusTest
class PointsByKindReportTest {

    private static final Instant MORNING = Fixtures.yesterdayMorning();
    private static final YearMonth MONTH = YearMonth.from(MORNING.atZone(ZoneId.of("Asia/Shanghai")));

    @Test
    void staffSeeEachKindsPointsAfterCorrectionsAndVoidsAddingUpToTheMonthsPointsAwarded() {
        String community = Fixtures.newCommunity();
        String canteen = kind(community, "canteen", "食堂秩序维护", 10);
        String patrol = kind(community, "patrol", "社区巡逻", 20);
        String unserved = kind(community, "publicity", "宣传引导", 5);
        String canteenActivity = activity(community, canteen);
        String patrolActivity = activity(community, patrol);
        String a = Fixtures.resident(community, "r");
        String b = Fixtures.resident(community, "r");
        String c = Fixtures.resident(community, "r");
        // canteen: a 60 min (10 points); b 120 min (20) corrected to 30 min (5) -> 2 shifts, 90 min, 15 points
        verify(community, Fixtures.recordedShift(community, canteenActivity, a, MORNING, at(60)));
        String corrected = Fixtures.recordedShift(community, canteenActivity, b, MORNING, at(120));
        verify(community, corrected);
        as(Fixtures.staff(community)).body(Map.of("minutes", 30, "reason", "早退")).when()
                .post("/shifts/{id}/corrections", corrected).then().statusCode(201);
        // patrol: a 60 min later (20 points); c 60 min (20) voided; b recorded, never verified -> 1 shift, 20 points
        verify(community, Fixtures.recordedShift(community, patrolActivity, a, at(120), at(180)));
        String voided = Fixtures.recordedShift(community, patrolActivity, c, MORNING, at(60));
        verify(community, voided);
        as(Fixtures.staff(community)).body(Map.of("void", true, "reason", "重复登记")).when()
                .post("/shifts/{id}/corrections", voided).then().statusCode(201);
        Fixtures.recordedShift(community, patrolActivity, b, at(180), at(240));

        as(Fixtures.staff(community)).queryParam("from", MONTH.toString()).when().get("/reports/points-by-kind")
                .then().statusCode(200)
                .body("communityId", equalTo(community))
                .body("from", equalTo(MONTH.toString()))
                .body("to", equalTo(MONTH.toString()))
                .body("totalPoints", equalTo(35))
                .body("kinds.code", equalTo(List.of("patrol", "canteen", "publicity")))
                .body("kinds[0].kindId", equalTo(patrol))
                .body("kinds[0].name", equalTo("社区巡逻"))
                .body("kinds[0].shifts", equalTo(1))
                .body("kinds[0].minutes", equalTo(60))
                .body("kinds[0].points", equalTo(20))
                .body("kinds[1].kindId", equalTo(canteen))
                .body("kinds[1].shifts", equalTo(2))
                .body("kinds[1].minutes", equalTo(90))
                .body("kinds[1].hours", equalTo(1.5f))
                .body("kinds[1].points", equalTo(15))
                .body("kinds[2].kindId", equalTo(unserved))
                .body("kinds[2].shifts", equalTo(0))
                .body("kinds[2].points", equalTo(0));
        as(Fixtures.staff(community)).queryParam("month", MONTH.toString()).when().get("/reports/monthly")
                .then().statusCode(200).body("pointsAwarded", equalTo(35));
    }

    @Test
    void aRangeOfMonthsCountsTheShiftsServedInItsMonthsOnly() {
        String community = Fixtures.newCommunity();
        String canteen = kind(community, "canteen", "食堂秩序维护", 10);
        verify(community, Fixtures.recordedShift(community, activity(community, canteen),
                Fixtures.resident(community, "r"), MORNING, at(60)));

        as(Fixtures.staff(community)).queryParam("from", MONTH.minusMonths(5).toString())
                .queryParam("to", MONTH.toString()).when().get("/reports/points-by-kind")
                .then().statusCode(200)
                .body("from", equalTo(MONTH.minusMonths(5).toString()))
                .body("totalPoints", equalTo(10))
                .body("kinds[0].points", equalTo(10));
        as(Fixtures.staff(community)).queryParam("from", MONTH.minusMonths(5).toString())
                .queryParam("to", MONTH.minusMonths(1).toString()).when().get("/reports/points-by-kind")
                .then().statusCode(200)
                .body("totalPoints", equalTo(0))
                .body("kinds[0].kindId", equalTo(canteen))
                .body("kinds[0].points", equalTo(0));
        as(Fixtures.staff(community)).queryParam("from", MONTH.plusMonths(1).toString()).when()
                .get("/reports/points-by-kind")
                .then().statusCode(200).body("totalPoints", equalTo(0));
    }

    @Test
    void monthsThatAreNotYearAndMonthOrThatRunBackwardsAreRefusedWithStableCodes() {
        String staff = Fixtures.staff(Fixtures.newCommunity());
        as(staff).queryParam("from", "November").when().get("/reports/points-by-kind")
                .then().statusCode(400).contentType("application/problem+json")
                .body("code", equalTo("INVALID_PARAMETER")).body("errors[0].field", equalTo("from"));
        as(staff).queryParam("from", "2026-11").queryParam("to", "2026-13").when().get("/reports/points-by-kind")
                .then().statusCode(400).body("code", equalTo("INVALID_PARAMETER")).body("errors[0].field", equalTo("to"));
        // A month the converter reads but no database date holds is refused as well, not answered with an error.
        as(staff).queryParam("from", "+99999999-01").when().get("/reports/points-by-kind")
                .then().statusCode(400).body("code", equalTo("INVALID_PARAMETER")).body("errors[0].field", equalTo("from"));
        as(staff).queryParam("month", "+99999999-01").when().get("/reports/monthly")
                .then().statusCode(400).body("code", equalTo("INVALID_PARAMETER")).body("errors[0].field", equalTo("month"));
        as(staff).queryParam("to", "2026-11").when().get("/reports/points-by-kind")
                .then().statusCode(400).body("code", equalTo("INVALID_PARAMETER")).body("errors[0].field", equalTo("from"));
        as(staff).queryParam("from", "2026-11").queryParam("to", "2026-10").when().get("/reports/points-by-kind")
                .then().statusCode(400).contentType("application/problem+json")
                .body("code", equalTo("INVALID_MONTH_RANGE")).body("errors[0].field", equalTo("to"))
                .body("detail", equalTo("结束月份（2026-10）不能早于开始月份（2026-11），请重新选择月份。"));
        as(staff).header("Accept-Language", "en").queryParam("from", "2026-11").queryParam("to", "2026-10").when()
                .get("/reports/points-by-kind")
                .then().statusCode(400).body("code", equalTo("INVALID_MONTH_RANGE"))
                .body("detail", startsWith("The last month (2026-10) cannot be before the first month (2026-11)"));
    }

    @Test
    void onlyStaffReadItAndOnlyTheirOwnCommunitysKinds() {
        String community = Fixtures.newCommunity();
        String canteen = kind(community, "canteen", "食堂秩序维护", 10);
        verify(community, Fixtures.recordedShift(community, activity(community, canteen),
                Fixtures.resident(community, "r"), MORNING, at(60)));

        as(Fixtures.gridWorker(community)).queryParam("from", MONTH.toString()).when().get("/reports/points-by-kind")
                .then().statusCode(403).body("code", equalTo("FORBIDDEN"));
        as(Tokens.resident(Fixtures.newId("r"), community)).queryParam("from", MONTH.toString()).when()
                .get("/reports/points-by-kind").then().statusCode(403);
        as(Tokens.reconciler()).queryParam("from", MONTH.toString()).when().get("/reports/points-by-kind")
                .then().statusCode(403);
        // Another community's staff read their own community: the first one's kinds and points are not in it.
        String other = Fixtures.newCommunity();
        kind(other, "canteen", "食堂秩序维护", 10);
        as(Fixtures.staff(other)).queryParam("from", MONTH.toString()).when().get("/reports/points-by-kind")
                .then().statusCode(200)
                .body("communityId", equalTo(other))
                .body("kinds", not(empty()))
                .body("kinds.kindId", not(hasItem(canteen)))
                .body("totalPoints", equalTo(0));
    }

    private static String kind(String community, String code, String name, int pointsPerHour) {
        return as(Fixtures.staff(community))
                .body(Map.of("code", code, "name", name,
                        "pointsPerHour", pointsPerHour, "rounding", "DOWN", "minimumMinutes", 0, "dailyCapPoints", 100))
                .when().post("/kinds").then().statusCode(201).extract().path("id");
    }

    private static String activity(String community, String kindId) {
        return Fixtures.activity(community, kindId, MORNING, MORNING.plus(5, ChronoUnit.HOURS), 10);
    }

    private static Instant at(int minutesAfterNine) {
        return MORNING.plus(minutesAfterNine, ChronoUnit.MINUTES);
    }

    private static void verify(String community, String shiftId) {
        as(Fixtures.gridWorker(community)).when().post("/shifts/{id}/verify", shiftId).then().statusCode(200);
    }
}
