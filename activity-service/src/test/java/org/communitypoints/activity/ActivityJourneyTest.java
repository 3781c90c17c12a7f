package org.communitypoints.activity;

import static org.communitypoints.activity.Fixtures.as;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.communitypoints.contracts.DerivedIds;
import org.communitypoints.contracts.EventCodec;
import org.communitypoints.contracts.EventEnvelope;
import org.communitypoints.contracts.Topics;
import org.communitypoints.contracts.events.ShiftVerified;
import org.communitypoints.testsupport.KafkaTestClient;
import org.communitypoints.testsupport.Tokens;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class ActivityJourneyTest {

    @Test
    void verifiedShiftReachesKafkaWithThePointsOfItsRule() {
        String community = Fixtures.newCommunity();
        String resident = Fixtures.resident(community, "resident");
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        // 10 points an hour, rounded half up: 125 minutes are worth 20.83 → 21 points.
        String kindId = Fixtures.kind(community, 10, "HALF_UP", 30, 100);
        String activityId = Fixtures.activity(community, kindId, now.minus(3, ChronoUnit.HOURS),
                now.plus(1, ChronoUnit.HOURS), 10);

        as(Tokens.resident(resident, community)).when().get("/activities")
                .then().statusCode(200).body("id", hasItem(activityId));
        as(Tokens.resident(resident, community)).when().post("/activities/{id}/sign-ups", activityId)
                .then().statusCode(201).body("placesLeft", equalTo(9));
        as(Tokens.resident(resident, community)).when().get("/me/sign-ups?upcoming=true")
                .then().statusCode(200).body("activityId", hasItem(activityId));

        String grid = Fixtures.gridWorker(community);
        String shiftId = as(grid)
                .body(Map.of("memberId", resident, "at", now.minus(125, ChronoUnit.MINUTES).toString()))
                .when().post("/activities/{id}/check-ins", activityId)
                .then().statusCode(201).body("status", equalTo("CHECKED_IN")).body("walkIn", equalTo(false))
                .extract().path("id");
        as(grid).body(Map.of("at", now.toString()))
                .when().post("/shifts/{id}/check-out", shiftId)
                .then().statusCode(200).body("status", equalTo("RECORDED")).body("minutes", equalTo(125));
        // The resident confirms with the code on the grid worker's screen: the second person for the worker's shift.
        String code = as(grid).when().get("/activities/{id}/check-in-code", activityId)
                .then().statusCode(200).extract().path("code");
        as(Tokens.resident(resident, community)).body(Map.of("code", code))
                .when().post("/activities/{id}/attendance", activityId)
                .then().statusCode(201);
        as(grid).when().post("/shifts/{id}/verify", shiftId)
                .then().statusCode(200).body("status", equalTo("VERIFIED")).body("points", equalTo(21))
                .body("ruleVersion", equalTo(1)).body("verificationMethod", equalTo("CHECK_IN_CODE"));

        UUID expectedEventId = DerivedIds.of("ShiftVerified", shiftId);
        try (KafkaTestClient kafka = KafkaTestClient.forTests()) {
            ConsumerRecord<String, String> record = kafka.awaitRecords(Topics.SHIFTS,
                    r -> r.value().contains(expectedEventId.toString()), 1, Duration.ofSeconds(30)).get(0);
            EventEnvelope envelope = EventCodec.decode(record.value());
            ShiftVerified event = EventCodec.payload(envelope, ShiftVerified.class);
            assertEquals("ShiftVerified", envelope.type());
            assertEquals(community, envelope.communityId());
            assertEquals(resident, record.key());
            assertEquals(21, event.points());
            assertEquals(125, event.minutes());
            assertEquals(1, event.ruleVersion());
            assertEquals(UUID.fromString(shiftId), event.shiftId());
            assertEquals("grid-" + community, event.verifiedBy());
            // The record's timestamp is taken when the relay sends it: well under a second after the commit.
            long relayMillis = record.timestamp() - event.verifiedAt().toEpochMilli();
            System.out.println("Outbox relay: ShiftVerified sent " + relayMillis + " ms after verification");
            assertTrue(relayMillis < 2000, "relayed after " + relayMillis + " ms (includes creating the topic)");
        }

        as(Tokens.resident(resident, community)).when().get("/me/record")
                .then().statusCode(200)
                .body("pointsEarned", equalTo(21)).body("minutes", equalTo(125)).body("verifiedShifts", equalTo(1))
                .body("hours", equalTo(2.08f));
        as(Fixtures.staff(community)).when().get("/activities/{id}/roster", activityId)
                .then().statusCode(200)
                .body("signUps.memberId", equalTo(List.of(resident)))
                .body("shifts.id", equalTo(List.of(shiftId)));
    }

    @Test
    void residentWithdrawsAndThePlaceIsFreeAgain() {
        String community = Fixtures.newCommunity();
        String kindId = Fixtures.kind(community, 10, "DOWN", 0, 100);
        Instant start = Instant.now().plus(1, ChronoUnit.DAYS);
        String activityId = Fixtures.activity(community, kindId, start, start.plus(2, ChronoUnit.HOURS), 1);
        String first = Fixtures.resident(community, "resident");
        String second = Fixtures.resident(community, "resident");
        Fixtures.signUp(first, community, activityId);
        as(Tokens.resident(second, community)).when().post("/activities/{id}/sign-ups", activityId)
                .then().statusCode(409).body("code", equalTo("CAPACITY_FULL"));

        as(Tokens.resident(first, community)).when().delete("/activities/{id}/sign-ups/me", activityId)
                .then().statusCode(204);
        as(Tokens.resident(first, community)).when().get("/me/sign-ups?upcoming=true")
                .then().statusCode(200).body("size()", equalTo(0));
        Fixtures.signUp(second, community, activityId);
    }

    @Test
    void signingUpTwiceIsRefused() {
        String community = Fixtures.newCommunity();
        String kindId = Fixtures.kind(community, 10, "DOWN", 0, 100);
        Instant start = Instant.now().plus(1, ChronoUnit.DAYS);
        String activityId = Fixtures.activity(community, kindId, start, start.plus(2, ChronoUnit.HOURS), 5);
        String resident = Fixtures.resident(community, "resident");
        Fixtures.signUp(resident, community, activityId);
        as(Tokens.resident(resident, community)).when().post("/activities/{id}/sign-ups", activityId)
                .then().statusCode(409).contentType("application/problem+json").body("code", equalTo("ALREADY_SIGNED_UP"));
        as(Fixtures.staff(community)).when().get("/activities/{id}", activityId)
                .then().statusCode(200).body("signedUp", equalTo(1));
    }
}
