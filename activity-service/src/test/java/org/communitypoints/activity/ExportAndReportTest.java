package org.communitypoints.activity;

import static org.communitypoints.activity.Fixtures.as;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.communitypoints.testsupport.Tokens;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

@QuarkusTest
class ExportAndReportTest {

    private static final Instant MORNING = Fixtures.yesterdayMorning();

    @Test
    void exportPagesThroughVerificationsAndCorrectionsWithoutRepeats() {
        String community = Fixtures.newCommunity();
        String activityId = Fixtures.activity(community, Fixtures.kind(community, 10, "DOWN", 0, 100), MORNING,
                MORNING.plus(5, ChronoUnit.HOURS), 10);
        String a = Fixtures.resident(community, "r");
        String b = Fixtures.resident(community, "r");
        String shiftA = Fixtures.recordedShift(community, activityId, a, MORNING, MORNING.plus(60, ChronoUnit.MINUTES));
        String shiftB = Fixtures.recordedShift(community, activityId, b, MORNING, MORNING.plus(120, ChronoUnit.MINUTES));
        as(Fixtures.gridWorker(community)).when().post("/shifts/{id}/verify", shiftA).then().statusCode(200);
        as(Fixtures.gridWorker(community)).when().post("/shifts/{id}/verify", shiftB).then().statusCode(200);
        String correctionId = as(Fixtures.staff(community)).body(Map.of("minutes", 30, "reason", "早退"))
                .when().post("/shifts/{id}/corrections", shiftB).then().statusCode(201).extract().path("correctionId");

        List<Map<String, Object>> mine = new ArrayList<>();
        Set<String> eventIds = new HashSet<>();
        String cursor = null;
        for (int page = 0; page < 10_000; page++) {
            var request = as(Tokens.reconciler()).queryParam("limit", 2);
            if (cursor != null) {
                request.queryParam("after", cursor);
            }
            JsonPath body = request.when().get("/exports/shifts").then().statusCode(200).extract().jsonPath();
            List<Map<String, Object>> items = body.getList("items");
            for (Map<String, Object> item : items) {
                assertTrue(eventIds.add((String) item.get("eventId")), "no item is exported twice");
                if (community.equals(item.get("communityId"))) {
                    mine.add(item);
                }
            }
            String next = body.getString("nextCursor");
            if (items.isEmpty()) {
                assertEquals(cursor == null ? "0-0" : cursor, next, "an empty page keeps the cursor");
                break;
            }
            cursor = next;
        }
        assertEquals(3, mine.size(), "two verifications and one correction: " + mine);
        assertEquals("SHIFT_VERIFIED", mine.get(0).get("type"));
        assertEquals(shiftA, mine.get(0).get("shiftId"));
        assertEquals(10, mine.get(0).get("points"));
        assertEquals(shiftB, mine.get(1).get("shiftId"));
        assertEquals(20, mine.get(1).get("points"));
        assertEquals("SHIFT_CORRECTED", mine.get(2).get("type"));
        assertEquals(correctionId, mine.get(2).get("correctionId"));
        assertEquals(20, mine.get(2).get("previousPoints"));
        assertEquals(5, mine.get(2).get("correctedPoints"));
        assertEquals(b, mine.get(2).get("memberId"));
    }

    @Test
    void badCursorIsRefused() {
        as(Tokens.reconciler()).queryParam("after", "yesterday").when().get("/exports/shifts")
                .then().statusCode(400).body("code", equalTo("INVALID_CURSOR"));
    }

    @Test
    void staffSeeTheMonthlyParticipationOfTheirCommunity() {
        String community = Fixtures.newCommunity();
        String activityId = Fixtures.activity(community, Fixtures.kind(community, 10, "DOWN", 0, 100), MORNING,
                MORNING.plus(5, ChronoUnit.HOURS), 10);
        String a = Fixtures.resident(community, "r");
        String b = Fixtures.resident(community, "r");
        List<String> shifts = List.of(
                Fixtures.recordedShift(community, activityId, a, MORNING, MORNING.plus(60, ChronoUnit.MINUTES)),
                Fixtures.recordedShift(community, activityId, a, MORNING.plus(2, ChronoUnit.HOURS),
                        MORNING.plus(3, ChronoUnit.HOURS)),
                Fixtures.recordedShift(community, activityId, b, MORNING, MORNING.plus(90, ChronoUnit.MINUTES)));
        Fixtures.recordedShift(community, activityId, Fixtures.resident(community, "unverified"), MORNING,
                MORNING.plus(60, ChronoUnit.MINUTES));
        for (String shift : shifts) {
            as(Fixtures.gridWorker(community)).when().post("/shifts/{id}/verify", shift).then().statusCode(200);
        }
        String month = YearMonth.from(MORNING.atZone(ZoneId.of("Asia/Shanghai"))).toString();

        as(Fixtures.staff(community)).queryParam("month", month).when().get("/reports/monthly")
                .then().statusCode(200)
                .body("communityId", equalTo(community))
                .body("activeVolunteers", equalTo(2))
                .body("shifts", equalTo(3))
                .body("minutes", equalTo(210))
                .body("hours", equalTo(3.5f))
                .body("pointsAwarded", equalTo(35));
        as(Fixtures.staff(community)).queryParam("month", "November").when().get("/reports/monthly")
                .then().statusCode(400).body("code", equalTo("INVALID_PARAMETER"))
                .body("errors[0].field", equalTo("month"));
        as(Fixtures.staff(community)).when().get("/reports/monthly")
                .then().statusCode(400).body("code", equalTo("INVALID_PARAMETER"))
                .body("errors[0].field", equalTo("month"));
    }
}
