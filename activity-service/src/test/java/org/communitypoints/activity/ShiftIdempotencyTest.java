package org.communitypoints.activity;

import static org.communitypoints.activity.Fixtures.as;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

@QuarkusTest
class ShiftIdempotencyTest {

    private static Map<String, Object> bulkOf(List<String> members, boolean verify) {
        return Map.of("verify", verify, "entries", members.stream()
                .map(m -> Map.of("memberId", m, "walkIn", true)).toList());
    }

    @Test
    void sameBulkSentTwiceWithOneKeyRecordsOneSetOfShifts() {
        String community = Fixtures.newCommunity();
        String kindId = Fixtures.kind(community, 12, "DOWN", 0, 100);
        Instant end = Instant.now().minus(1, ChronoUnit.HOURS);
        String activityId = Fixtures.activity(community, kindId, end.minus(2, ChronoUnit.HOURS), end, 10);
        List<String> members = List.of(Fixtures.resident(community, "r"), Fixtures.resident(community, "r"),
                Fixtures.resident(community, "r"));
        String key = "bulk-" + Fixtures.newId("key");

        Response first = as(Fixtures.gridWorker(community)).header("Idempotency-Key", key)
                .body(bulkOf(members, true))
                .when().post("/activities/{id}/shifts/bulk", activityId);
        // A lone grid worker: recorded, waiting for a second person (ShiftMakerCheckerTest covers the rest).
        first.then().statusCode(201).body("shifts", hasSize(3)).body("awaitingConfirmation", equalTo(3))
                .body("shifts[0].status", equalTo("RECORDED")).body("shifts[0].awaitingConfirmation", equalTo(true));
        Response retry = as(Fixtures.gridWorker(community)).header("Idempotency-Key", key)
                .body(bulkOf(members, true))
                .when().post("/activities/{id}/shifts/bulk", activityId);
        retry.then().statusCode(201).header("Idempotent-Replayed", "true");

        assertEquals(first.jsonPath().getList("shifts.id"), retry.jsonPath().getList("shifts.id"));
        as(Fixtures.staff(community)).when().get("/activities/{id}/roster", activityId)
                .then().statusCode(200).body("shifts", hasSize(3));
    }

    @Test
    void sameKeyWithAnotherBodyIsRefusedAndWritesNothing() {
        String community = Fixtures.newCommunity();
        String kindId = Fixtures.kind(community, 12, "DOWN", 0, 100);
        Instant end = Instant.now().minus(1, ChronoUnit.HOURS);
        String activityId = Fixtures.activity(community, kindId, end.minus(2, ChronoUnit.HOURS), end, 10);
        String key = "bulk-" + Fixtures.newId("key");
        as(Fixtures.gridWorker(community)).header("Idempotency-Key", key)
                .body(bulkOf(List.of(Fixtures.resident(community, "r")), false))
                .when().post("/activities/{id}/shifts/bulk", activityId).then().statusCode(201);

        as(Fixtures.gridWorker(community)).header("Idempotency-Key", key)
                .body(bulkOf(List.of(Fixtures.resident(community, "r"), Fixtures.resident(community, "r")), false))
                .when().post("/activities/{id}/shifts/bulk", activityId)
                .then().statusCode(422).contentType("application/problem+json")
                .body("code", equalTo("IDEMPOTENCY_KEY_REUSED"));
        as(Fixtures.staff(community)).when().get("/activities/{id}/roster", activityId)
                .then().statusCode(200).body("shifts", hasSize(1));
    }

    @Test
    void retriedCheckInReturnsTheFirstShift() {
        String community = Fixtures.newCommunity();
        String kindId = Fixtures.kind(community, 12, "DOWN", 0, 100);
        Instant now = Instant.now();
        String activityId = Fixtures.activity(community, kindId, now.minus(1, ChronoUnit.HOURS),
                now.plus(1, ChronoUnit.HOURS), 10);
        String member = Fixtures.resident(community, "r");
        Map<String, Object> body = Map.of("memberId", member, "walkIn", true);
        String first = as(Fixtures.gridWorker(community)).header("Idempotency-Key", "check-in-" + member)
                .body(body).when().post("/activities/{id}/check-ins", activityId)
                .then().statusCode(201).extract().path("id");
        String again = as(Fixtures.gridWorker(community)).header("Idempotency-Key", "check-in-" + member)
                .body(body).when().post("/activities/{id}/check-ins", activityId)
                .then().statusCode(201).header("Idempotent-Replayed", "true").extract().path("id");
        assertEquals(first, again);
        // Without the key, a second check-in of someone still checked in is an overlap, never a second shift.
        as(Fixtures.gridWorker(community)).body(body).when().post("/activities/{id}/check-ins", activityId)
                .then().statusCode(409).body("code", equalTo("SHIFT_OVERLAP"));
    }

    @Test
    void oneRefusedEntryRefusesTheWholeBulk() {
        String community = Fixtures.newCommunity();
        String kindId = Fixtures.kind(community, 12, "DOWN", 0, 100);
        Instant end = Instant.now().minus(1, ChronoUnit.HOURS);
        String activityId = Fixtures.activity(community, kindId, end.minus(2, ChronoUnit.HOURS), end, 10);
        String twice = Fixtures.resident(community, "r");
        as(Fixtures.gridWorker(community))
                .body(Map.of("verify", false, "entries", List.of(
                        Map.of("memberId", Fixtures.resident(community, "r"), "walkIn", true),
                        Map.of("memberId", twice, "walkIn", true),
                        Map.of("memberId", twice, "walkIn", true))))
                .when().post("/activities/{id}/shifts/bulk", activityId)
                .then().statusCode(409).body("code", equalTo("SHIFT_OVERLAP"))
                .body("detail", org.hamcrest.Matchers.startsWith("第 3 条（" + twice + "）"));
        as(Fixtures.staff(community)).when().get("/activities/{id}/roster", activityId)
                .then().statusCode(200).body("shifts", hasSize(0));
    }
}
