package org.communitypoints.catalog;

import static io.restassured.RestAssured.given;
import static org.communitypoints.catalog.CatalogFixture.API;
import static org.communitypoints.catalog.CatalogFixture.awaitState;
import static org.communitypoints.catalog.CatalogFixture.redemption;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.communitypoints.contracts.EventCodec;
import org.communitypoints.contracts.EventEnvelope;
import org.communitypoints.contracts.Topics;
import org.communitypoints.contracts.events.HoldCaptureRequested;
import org.communitypoints.contracts.events.HoldRequested;
import org.communitypoints.contracts.events.PointsHeld;
import org.communitypoints.contracts.events.PointsHoldRejected;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
class RedemptionSagaTest {

    static final String COMMUNITY = "wutong";
    final CatalogFixture catalog = new CatalogFixture(COMMUNITY);
    static final PointsSide points = new PointsSide();

    @AfterAll
    static void close() {
        points.close();
    }

    @Test
    void aConfirmedRedemptionBecomesAVoucherThatIsFulfilledAndCaptured() {
        String school = catalog.partner("NIGHT_SCHOOL", "市民艺术夜校");
        UUID jazz = catalog.classSeat(school, "爵士舞", 20);
        UUID session = catalog.session(jazz, 12);
        String resident = catalog.resident(CatalogFixture.unique("li-mei"));

        String location = CatalogFixture.redeem(resident, "{\"rewardId\":\"" + jazz + "\",\"sessionId\":\"" + session + "\"}")
                .then().statusCode(202)
                .body("state", equalTo("PENDING"))
                .body("points", equalTo(20))
                .extract().header("Location");
        UUID id = UUID.fromString(location.substring(location.lastIndexOf('/') + 1));
        assertThat(location, endsWith(API + "/redemptions/" + id));

        HoldRequested hold = points.awaitHoldRequested(id);
        assertThat(hold.partnerId(), equalTo(school));
        assertThat(hold.rewardTitle(), equalTo("爵士舞"));
        assertThat(hold.points(), equalTo(20L));
        assertThat(hold.subsidyPoints(), equalTo(0L));
        assertThat(hold.expiresAt(), greaterThan(java.time.Instant.now().plus(Duration.ofDays(1))));

        points.hold(COMMUNITY, id);
        awaitState(resident, id, "CONFIRMED");
        String code = redemption(resident, id).then()
                .body("voucher.state", equalTo("ACTIVE"))
                .body("voucher.code", matchesPattern("[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{10}"))
                .extract().path("voucher.code");

        given().auth().oauth2(resident).when().get(API + "/me/vouchers?state=ACTIVE")
                .then().statusCode(200)
                .body("$", hasSize(1))
                .body("[0].redemptionId", equalTo(id.toString()))
                .body("[0].code", equalTo(code))
                .body("[0].rewardTitle", equalTo("爵士舞"))
                .body("[0].partnerName", equalTo("市民艺术夜校"))
                .body("[0].validUntil", notNullValue())
                .body("[0].state", equalTo("ACTIVE"));

        given().auth().oauth2(catalog.partnerToken(school)).when().post(API + "/vouchers/" + code.toLowerCase() + "/fulfil")
                .then().statusCode(200)
                .body("state", equalTo("FULFILLED"));
        HoldCaptureRequested capture = EventCodec.payload(points.awaitRequest("HoldCaptureRequested", id),
                HoldCaptureRequested.class);
        assertThat(capture.partnerId(), equalTo(school));
        assertThat(capture.fulfilledBy(), equalTo("counter-" + school));

        points.capture(COMMUNITY, id);
        awaitState(resident, id, "CAPTURED");
        given().auth().oauth2(resident).when().get(API + "/me/vouchers?state=ACTIVE")
                .then().statusCode(200).body("$", hasSize(0));
    }

    @Test
    void insufficientPointsRejectsTheRedemptionAndReturnsTheSeat() {
        String school = catalog.partner("NIGHT_SCHOOL", "夜校");
        UUID makeUp = catalog.classSeat(school, "化妆", 30);
        UUID session = catalog.session(makeUp, 1);
        String poor = catalog.resident(CatalogFixture.unique("wang"));

        UUID id = CatalogFixture.redeemSeat(poor, makeUp, session);
        assertThat(catalog.seatsLeft(poor, makeUp, session), equalTo(0));

        points.rejectHold(COMMUNITY, id, 5);
        awaitState(poor, id, "REJECTED");
        redemption(poor, id).then()
                .body("reasonCode", equalTo("INSUFFICIENT_POINTS"))
                .body("reasonDetail", equalTo("需要 30 积分，可用 5 积分"))
                .body("voucher", equalTo(null));
        assertThat(catalog.seatsLeft(poor, makeUp, session), equalTo(1));

        // The returned seat really is free again: another resident gets it.
        CatalogFixture.redeemSeat(catalog.resident(CatalogFixture.unique("zhao")), makeUp, session);
    }

    @Test
    void redeliveredAndLateEventsNeverMoveARedemptionTwiceOrBackwards() {
        String school = catalog.partner("NIGHT_SCHOOL", "夜校");
        UUID tea = catalog.classSeat(school, "茶艺", 10);
        UUID session = catalog.session(tea, 5);
        String resident = catalog.resident(CatalogFixture.unique("chen"));
        UUID id = CatalogFixture.redeemSeat(resident, tea, session);

        EventEnvelope held = points.hold(COMMUNITY, id);
        awaitState(resident, id, "CONFIRMED");
        String code = redemption(resident, id).then().extract().path("voucher.code");

        points.kafka.publish(held); // the same event again
        HoldRequested request = points.awaitHoldRequested(id);
        EventEnvelope lateRejection = points.answer(COMMUNITY, new PointsHoldRejected(id, request.memberId(),
                "INSUFFICIENT_POINTS", "late", 0));
        // Wait until the consumer has passed the late rejection (a later event of the same key is applied after it).
        UUID other = CatalogFixture.redeemSeat(resident, tea, session);
        points.hold(COMMUNITY, other);
        awaitState(resident, other, "CONFIRMED");

        redemption(resident, id).then()
                .body("state", equalTo("CONFIRMED"))
                .body("voucher.code", equalTo(code));
        assertThat(catalog.seatsLeft(resident, tea, session), equalTo(3));
        assertThat(lateRejection.eventId(), not(equalTo(held.eventId())));
    }

    @Test
    void answersArrivingTogetherAreEachAppliedOnceWhateverTheirOrderAndRepeats() {
        String shop = catalog.partner("SHOP", "杂货铺");
        UUID cup = catalog.goods(shop, "保温杯", 4, 5, null);
        String resident = catalog.resident(CatalogFixture.unique("together"));
        List<UUID> ids = IntStream.range(0, 4).mapToObj(i -> CatalogFixture.redeemGoods(resident, cup)).toList();
        List<HoldRequested> requests = ids.stream().map(points::awaitHoldRequested).toList();

        // One resident's answers share a partition: sent back to back they reach the consumer in one poll (or a few),
        // newest redemption first, each hold twice, then a rejection of the oldest.
        List<EventEnvelope> answers = new ArrayList<>();
        for (int i = ids.size() - 1; i >= 1; i--) {
            HoldRequested request = requests.get(i);
            EventEnvelope held = EventEnvelope.wrap(UUID.randomUUID(), COMMUNITY, Instant.now(), new PointsHeld(
                    ids.get(i), request.memberId(), request.points(), request.subsidyPoints(), 100, request.expiresAt()));
            answers.add(held);
            answers.add(held);
        }
        answers.add(EventEnvelope.wrap(UUID.randomUUID(), COMMUNITY, Instant.now(),
                new PointsHoldRejected(ids.get(0), requests.get(0).memberId(), "INSUFFICIENT_POINTS", "short", 0)));
        answers.forEach(points.kafka::publish);

        awaitState(resident, ids.get(0), "REJECTED");
        Set<String> codes = new HashSet<>();
        for (UUID id : ids.subList(1, ids.size())) {
            awaitState(resident, id, "CONFIRMED");
            codes.add(redemption(resident, id).then().extract().path("voucher.code"));
        }
        assertThat(codes, hasSize(3));
        assertThat(catalog.stockLeft(resident, cup), equalTo(2)); // 5, four taken, the rejected one's given back once
    }

    @Test
    void aRetriedRequestWithTheSameIdempotencyKeyMakesOneRedemption() {
        String shop = catalog.partner("SHOP", "小卖部");
        UUID gift = catalog.goods(shop, "纪念品", 5, 10, null);
        String resident = catalog.resident(CatalogFixture.unique("sun"));
        String key = UUID.randomUUID().toString();
        String body = "{\"rewardId\":\"" + gift + "\"}";

        String first = given().auth().oauth2(resident).contentType(ContentType.JSON).header("Idempotency-Key", key).body(body)
                .when().post(API + "/redemptions").then().statusCode(202)
                .header("Idempotent-Replayed", org.hamcrest.Matchers.nullValue()).extract().path("id");
        given().auth().oauth2(resident).contentType(ContentType.JSON).header("Idempotency-Key", key).body(body)
                .when().post(API + "/redemptions")
                .then().statusCode(202)
                .header("Idempotent-Replayed", equalTo("true"))
                .header("Location", endsWith("/redemptions/" + first))
                .body("id", equalTo(first));

        assertThat(catalog.stockLeft(resident, gift), equalTo(9));
        List<EventEnvelope> requests = points.kafka.readFor(Topics.REDEMPTIONS,
                e -> e.type().equals("HoldRequested") && first.equals(e.payload().path("redemptionId").asText()),
                Duration.ofSeconds(2));
        assertThat(requests, hasSize(1));
    }

    @Test
    void anEligibleHouseholdPaysLessAndTheSubsidyPoolPaysTheRest() {
        String canteen = catalog.partner("CANTEEN", "社区食堂");
        UUID meal = catalog.reward("{\"partnerId\":\"" + canteen + "\",\"kind\":\"MEAL\",\"title\":\"午餐\",\"points\":8,"
                + "\"dailyQuota\":50,\"discount\":{\"percent\":25,\"categories\":[\"LOW_INCOME\",\"DISABILITY\"]}}");
        String memberId = CatalogFixture.unique("liu");
        String resident = catalog.eligibleResident(memberId, "DIBAO");
        given().auth().oauth2(catalog.staffToken).when().get(API + "/households/" + memberId + "/eligibility")
                .then().statusCode(200).body("categories", equalTo(List.of("LOW_INCOME")));
        given().auth().oauth2(resident).when().get(API + "/rewards/" + meal)
                .then().statusCode(200).body("points", equalTo(8)).body("priceForYou", equalTo(6));

        UUID id = CatalogFixture.redeemGoods(resident, meal);
        redemption(resident, id).then()
                .body("points", equalTo(6))
                .body("subsidyPoints", equalTo(2))
                .body("subsidyCategory", equalTo("LOW_INCOME"));
        HoldRequested hold = points.awaitHoldRequested(id);
        assertThat(hold.points(), equalTo(6L));
        assertThat(hold.subsidyPoints(), equalTo(2L));

        // A neighbour without the tag pays the full price, with no subsidy leg.
        String neighbour = catalog.resident(CatalogFixture.unique("zhou"));
        UUID full = CatalogFixture.redeemGoods(neighbour, meal);
        HoldRequested fullHold = points.awaitHoldRequested(full);
        assertThat(fullHold.points(), equalTo(8L));
        assertThat(fullHold.subsidyPoints(), equalTo(0L));
    }

    @Test
    void aRecordNoOneCanReadGoesToTheDeadLetterTopicWithItsReason() {
        String marker = CatalogFixture.unique("garbage");
        points.kafka.publishRaw(Topics.HOLDS, "resident-x", "{not an envelope " + marker);
        List<ConsumerRecord<String, String>> dead = points.kafka.awaitRecords(Topics.deadLetterOf(Topics.HOLDS),
                r -> r.value() != null && r.value().contains(marker), 1, PointsSide.WAIT);
        assertThat(new String(dead.get(0).headers().lastHeader("dead-letter-reason").value()),
                containsString("not an event envelope"));
    }

    @Test
    void anEventWhosePayloadDoesNotFitGoesToTheDeadLetterTopic() {
        String memberId = CatalogFixture.unique("bad-payload");
        EventEnvelope bad = new EventEnvelope(UUID.randomUUID(), "PointsHeld", 1, java.time.Instant.now(), COMMUNITY,
                memberId, com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode()
                        .put("redemptionId", "not-a-uuid").put("memberId", memberId));
        points.kafka.publish(bad);
        List<ConsumerRecord<String, String>> dead = points.kafka.awaitRecords(Topics.deadLetterOf(Topics.HOLDS),
                r -> r.value() != null && r.value().contains(bad.eventId().toString()), 1, PointsSide.WAIT);
        assertThat(new String(dead.get(0).headers().lastHeader("dead-letter-reason").value()),
                containsString("is invalid"));
    }

    @Test
    void aRefusedCaptureLeavesTheRedemptionForStaffToReview() {
        String firm = catalog.partner("HOUSEKEEPING", "家政");
        UUID hour = catalog.goods(firm, "家政一小时", 15, 3, null);
        String resident = catalog.resident(CatalogFixture.unique("xu"));
        UUID id = CatalogFixture.redeemGoods(resident, hour);
        points.hold(COMMUNITY, id);
        awaitState(resident, id, "CONFIRMED");
        String code = redemption(resident, id).then().extract().path("voucher.code");
        given().auth().oauth2(catalog.partnerToken(firm)).when().post(API + "/vouchers/" + code + "/fulfil")
                .then().statusCode(200);
        points.awaitRequest("HoldCaptureRequested", id);
        points.answer(COMMUNITY, new org.communitypoints.contracts.events.PointsCaptureRejected(id,
                points.awaitHoldRequested(id).memberId(), "HOLD_NOT_ACTIVE", "The hold was released."));

        awaitState(resident, id, "CAPTURE_FAILED");
        given().auth().oauth2(catalog.staffToken).when().get(API + "/redemptions?state=CAPTURE_FAILED")
                .then().statusCode(200)
                .body("find { it.id == '" + id + "' }.reasonCode", equalTo("HOLD_NOT_ACTIVE"));
        given().auth().oauth2(resident).when().get(API + "/redemptions?state=CAPTURE_FAILED").then().statusCode(403);
    }

    @Test
    void anEventOfAnUnknownTypeIsSkippedNotDeadLettered() {
        String key = CatalogFixture.unique("newer-producer");
        EventEnvelope unknown = new EventEnvelope(UUID.randomUUID(), "PointsBonusGranted", 1, java.time.Instant.now(),
                COMMUNITY, key, com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode().put("memberId", key));
        points.kafka.publishRaw(Topics.HOLDS, key, EventCodec.encode(unknown));
        // Same key, same partition, consumed in order: once this garbage is dead-lettered, the unknown event was handled.
        String marker = CatalogFixture.unique("after-unknown");
        points.kafka.publishRaw(Topics.HOLDS, key, "garbage " + marker);
        points.kafka.awaitRecords(Topics.deadLetterOf(Topics.HOLDS), r -> r.value() != null && r.value().contains(marker), 1,
                PointsSide.WAIT);
        assertThat(points.kafka.readFor(Topics.deadLetterOf(Topics.HOLDS),
                e -> e.eventId().equals(unknown.eventId()), Duration.ofSeconds(1)), hasSize(0));
    }

    @Test
    void aHoldPlacedAfterTheResidentCancelledDoesNotReviveTheRedemption() {
        String shop = catalog.partner("SHOP", "小店");
        UUID gift = catalog.goods(shop, "台历", 4, 2, null);
        String resident = catalog.resident(CatalogFixture.unique("early-cancel"));
        UUID id = CatalogFixture.redeemGoods(resident, gift);
        given().auth().oauth2(resident).when().post(API + "/redemptions/" + id + "/cancel")
                .then().statusCode(200).body("state", equalTo("CANCELLED"));

        points.hold(COMMUNITY, id);
        points.release(COMMUNITY, id, "CANCELLED");
        org.awaitility.Awaitility.await().atMost(PointsSide.WAIT)
                .until(() -> redemption(resident, id).then().extract().path("releasedAt") != null);
        redemption(resident, id).then().body("state", equalTo("CANCELLED")).body("voucher", equalTo(null));
        assertThat(catalog.stockLeft(resident, gift), equalTo(2));
    }

    @Test
    void aHoldThatLapsesEndsTheVoucherAndGivesItsStockBackOnce() {
        String shop = catalog.partner("SHOP", "小店");
        UUID gift = catalog.goods(shop, "围巾", 4, 2, null);
        String resident = catalog.resident(CatalogFixture.unique("lapsed"));
        UUID id = CatalogFixture.redeemGoods(resident, gift);
        points.hold(COMMUNITY, id);
        awaitState(resident, id, "CONFIRMED");
        assertThat(catalog.stockLeft(resident, gift), equalTo(1));

        EventEnvelope lapsed = points.release(COMMUNITY, id, "EXPIRED");
        awaitState(resident, id, "EXPIRED");
        redemption(resident, id).then()
                .body("reasonCode", equalTo("HOLD_EXPIRED"))
                .body("releasedAt", notNullValue())
                .body("voucher.state", equalTo("EXPIRED"));
        assertThat(catalog.stockLeft(resident, gift), equalTo(2));

        // The same release again, then a late hold: neither gives the unit back twice nor revives the voucher. Wait
        // until the consumer has passed them (a later event of the same key is applied after them).
        points.kafka.publish(lapsed);
        points.hold(COMMUNITY, id);
        UUID other = CatalogFixture.redeemGoods(resident, gift);
        points.hold(COMMUNITY, other);
        awaitState(resident, other, "CONFIRMED");
        redemption(resident, id).then().body("state", equalTo("EXPIRED")).body("reasonCode", equalTo("HOLD_EXPIRED"));
        assertThat(catalog.stockLeft(resident, gift), equalTo(1));
    }
}
