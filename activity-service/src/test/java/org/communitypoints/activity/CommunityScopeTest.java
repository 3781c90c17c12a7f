package org.communitypoints.activity;

import static org.communitypoints.activity.Fixtures.as;
import static org.hamcrest.Matchers.equalTo;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;

import org.communitypoints.testsupport.Tokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/**
 * Role first (403), then the community of every id in the path (404, as for an id that does not exist), and only
 * then the body (400): another community's caller never learns from a validation message that an id is real.
 */
@QuarkusTest
class CommunityScopeTest {

    private String community;
    private String other;
    private String activityId;
    private String shiftId;
    private String kindId;

    @BeforeEach
    void recordedShiftInOneCommunity() {
        community = Fixtures.newCommunity();
        other = Fixtures.newCommunity();
        Instant now = Instant.now();
        kindId = Fixtures.kind(community, 10, "DOWN", 0, 100);
        activityId = Fixtures.activity(community, kindId, now.minus(2, ChronoUnit.HOURS), now.plus(1, ChronoUnit.HOURS), 10);
        shiftId = Fixtures.recordedShift(community, activityId, Fixtures.resident(community, "r"),
                now.minus(90, ChronoUnit.MINUTES),
                now.minus(30, ChronoUnit.MINUTES));
    }

    @Test
    void anotherCommunitysIdsAnswer404BeforeTheBodyIsValidated() {
        String otherStaff = Fixtures.staff(other);
        as(otherStaff).body(Map.of()).when().post("/shifts/{id}/reject", shiftId)
                .then().statusCode(404).contentType("application/problem+json").body("code", equalTo("SHIFT_NOT_FOUND"));
        as(otherStaff).body("{\"minutes\": \"ninety\"}").when().post("/shifts/{id}/corrections", shiftId)
                .then().statusCode(404).body("code", equalTo("SHIFT_NOT_FOUND"));
        as(otherStaff).body("{\"entries\": 5}").when().post("/activities/{id}/shifts/bulk", activityId)
                .then().statusCode(404).body("code", equalTo("ACTIVITY_NOT_FOUND"));
        as(otherStaff).body("{not json").when().post("/activities/{id}/check-ins", activityId)
                .then().statusCode(404).body("code", equalTo("ACTIVITY_NOT_FOUND"));
        as(otherStaff).body(Map.of("pointsPerHour", -1)).when().post("/kinds/{id}/rules", kindId)
                .then().statusCode(404).body("code", equalTo("KIND_NOT_FOUND"));
        as(Tokens.resident(Fixtures.newId("r"), other)).body(Map.of()).when().post("/activities/{id}/attendance", activityId)
                .then().statusCode(404).body("code", equalTo("ACTIVITY_NOT_FOUND"));
        as(Fixtures.gridWorker(other)).when().get("/activities/{id}/check-in-code", activityId)
                .then().statusCode(404).body("code", equalTo("ACTIVITY_NOT_FOUND"));
        as(otherStaff).when().get("/shifts/{id}/audit", shiftId)
                .then().statusCode(404).body("code", equalTo("SHIFT_NOT_FOUND"));
        as(Fixtures.gridWorker(other)).when().post("/shifts/{id}/verify", shiftId)
                .then().statusCode(404).body("code", equalTo("SHIFT_NOT_FOUND"));
    }

    @Test
    void inTheirOwnCommunityTheSameBodiesAnswer400() {
        as(Fixtures.staff(community)).body(Map.of()).when().post("/shifts/{id}/reject", shiftId)
                .then().statusCode(400);
        as(Fixtures.staff(community)).body("{\"entries\": 5}").when().post("/activities/{id}/shifts/bulk", activityId)
                .then().statusCode(400);
    }

    @Test
    void aCallerWithoutTheRoleGets403BeforeTenancyOrBody() {
        as(Tokens.resident(Fixtures.newId("r"), other)).body("{not json").when().post("/shifts/{id}/reject", shiftId)
                .then().statusCode(403);
        as(Fixtures.gridWorker(community)).when().get("/shifts/{id}/audit", shiftId)
                .then().statusCode(403);
        as(Fixtures.gridWorker(community)).body(Map.of("code", "123456"))
                .when().post("/activities/{id}/attendance", activityId)
                .then().statusCode(403);
        as(Tokens.resident(Fixtures.newId("r"), community)).when().get("/activities/{id}/check-in-code", activityId)
                .then().statusCode(403);
    }
}
