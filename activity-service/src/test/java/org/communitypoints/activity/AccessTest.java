package org.communitypoints.activity;

import static io.restassured.RestAssured.given;
import static org.communitypoints.activity.Fixtures.as;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import org.communitypoints.testsupport.Tokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class AccessTest {

    private String community;
    private String other;
    private String member;
    private String activityId;
    private String shiftId;

    @BeforeEach
    void verifiedShiftInOneCommunity() {
        community = Fixtures.newCommunity();
        other = Fixtures.newCommunity();
        member = Fixtures.resident(community, "r");
        Instant morning = Fixtures.yesterdayMorning();
        activityId = Fixtures.activity(community, Fixtures.kind(community, 10, "DOWN", 0, 100), morning,
                morning.plus(3, ChronoUnit.HOURS), 10);
        shiftId = Fixtures.recordedShift(community, activityId, member, morning, morning.plus(1, ChronoUnit.HOURS));
        as(Fixtures.gridWorker(community)).when().post("/shifts/{id}/verify", shiftId).then().statusCode(200);
    }

    @Test
    void residentCannotReadAnotherResidentsRecord() {
        as(Tokens.resident(Fixtures.newId("neighbour"), community)).when().get("/members/{m}/record", member)
                .then().statusCode(403).contentType("application/problem+json")
                .body("code", equalTo("NOT_YOUR_RECORD"))
                .body(not(containsString(shiftId)));
        as(Tokens.resident(member, community)).when().get("/members/{m}/record", member)
                .then().statusCode(200).body("pointsEarned", equalTo(10));
    }

    @Test
    void staffReadsResidentRecordsOfTheirOwnCommunityOnlyAndAnotherCommunitysResidentIsNotFound() {
        as(Fixtures.staff(community)).when().get("/members/{m}/record", member)
                .then().statusCode(200).body("shifts[0].id", equalTo(shiftId));
        as(Fixtures.staff(other)).when().get("/members/{m}/record", member)
                .then().statusCode(404).contentType("application/problem+json").body("code", equalTo("MEMBER_NOT_FOUND"))
                .body(not(containsString(shiftId)));
    }

    @Test
    void anotherCommunitysActivitiesAndShiftsAreNotFound() {
        as(Tokens.resident(Fixtures.newId("r"), other)).when().get("/activities/{id}", activityId)
                .then().statusCode(404).contentType("application/problem+json").body("code", equalTo("ACTIVITY_NOT_FOUND"));
        as(Tokens.resident(Fixtures.newId("r"), other)).when().post("/activities/{id}/sign-ups", activityId)
                .then().statusCode(404);
        as(Fixtures.staff(other)).when().get("/activities/{id}/roster", activityId)
                .then().statusCode(404);
        as(Fixtures.gridWorker(other)).when().get("/shifts/{id}", shiftId)
                .then().statusCode(404).body("code", equalTo("SHIFT_NOT_FOUND"));
        as(Fixtures.staff(other)).body(java.util.Map.of("void", true, "reason", "not ours"))
                .when().post("/shifts/{id}/corrections", shiftId)
                .then().statusCode(404);
        as(Tokens.resident(Fixtures.newId("r"), other)).when().get("/activities")
                .then().statusCode(200).body("id", not(org.hamcrest.Matchers.hasItem(activityId)));
    }

    @Test
    void requestsWithoutTokenOrWithTheWrongRoleAreRefused() {
        given().basePath("/api/activity").when().get("/me/record")
                .then().statusCode(401).contentType("application/problem+json");
        as(Tokens.resident(member, community)).when().get("/exports/shifts")
                .then().statusCode(403);
        as(Tokens.resident(member, community)).when().get("/reports/monthly?month=2026-11")
                .then().statusCode(403);
        as(Fixtures.gridWorker(community)).body(java.util.Map.of("code", "x", "name", "x", "pointsPerHour", 1,
                "rounding", "DOWN", "minimumMinutes", 0, "dailyCapPoints", 1))
                .when().post("/kinds").then().statusCode(403);
    }
}
