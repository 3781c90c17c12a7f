package org.communitypoints.catalog;

import static io.restassured.RestAssured.given;
import static org.communitypoints.catalog.CatalogFixture.API;
import static org.communitypoints.catalog.CatalogFixture.awaitState;
import static org.communitypoints.catalog.CatalogFixture.redemption;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.UUID;

import org.communitypoints.contracts.EventCodec;
import org.communitypoints.contracts.Topics;
import org.communitypoints.contracts.events.HoldCaptureRequested;
import org.communitypoints.contracts.events.PointsCaptured;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/**
 * A reward discounted 100% for the household: the resident pays 0, so there is nothing to hold. The redemption
 * is confirmed at once, and at the counter only the subsidy leg is captured.
 */
@QuarkusTest
class FullySubsidisedRedemptionTest {

    static final String COMMUNITY = "subsidised";
    static final PointsSide points = new PointsSide();
    final CatalogFixture catalog = new CatalogFixture(COMMUNITY);

    @AfterAll
    static void close() {
        points.close();
    }

    @Test
    void aFullySubsidisedRedemptionIsConfirmedWithoutAHoldAndCapturesOnlyTheSubsidyLeg() {
        String centre = catalog.partner("CHILDCARE", "四点半课堂");
        UUID care = catalog.goods(centre, "托管一小时", 12, 3, "{\"percent\":100,\"categories\":[\"LEFT_BEHIND_CHILDREN\"]}");
        String memberId = CatalogFixture.unique("left-behind");
        String resident = catalog.resident(memberId);
        given().auth().oauth2(catalog.staffToken).when()
                .put(API + "/households/" + memberId + "/eligibility/LEFT_BEHIND_CHILDREN").then().statusCode(200);

        UUID id = UUID.fromString(CatalogFixture.redeem(resident, "{\"rewardId\":\"" + care + "\"}")
                .then().statusCode(202)
                .body("state", equalTo("CONFIRMED"))
                .body("points", equalTo(0))
                .body("subsidyPoints", equalTo(12))
                .body("subsidyCategory", equalTo("LEFT_BEHIND_CHILDREN"))
                .body("voucher.state", equalTo("ACTIVE"))
                .extract().path("id"));
        assertThat("stock is reserved as usual", catalog.stockLeft(resident, care), equalTo(2));
        String code = redemption(resident, id).then()
                .body("voucher.code", matchesPattern("[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{10}"))
                .extract().path("voucher.code");

        given().auth().oauth2(catalog.partnerToken(centre)).when().post(API + "/vouchers/" + code + "/fulfil")
                .then().statusCode(200).body("state", equalTo("FULFILLED"));
        HoldCaptureRequested capture = EventCodec.payload(points.awaitRequest("HoldCaptureRequested", id),
                HoldCaptureRequested.class);
        assertThat(capture.points(), equalTo(0L));
        assertThat(capture.subsidyPoints(), equalTo(12L));
        assertThat(capture.partnerId(), equalTo(centre));
        assertThat(capture.rewardTitle(), equalTo("托管一小时"));
        assertThat("no points hold was ever asked for", points.kafka.readFor(Topics.REDEMPTIONS,
                e -> e.type().equals("HoldRequested") && id.toString().equals(e.payload().path("redemptionId").asText()),
                Duration.ofSeconds(1)), hasSize(0));

        points.answer(COMMUNITY, SagaRecoveryTest.answerId(id, "PointsCaptured"),
                new PointsCaptured(id, memberId, centre, 0, 12));
        awaitState(resident, id, "CAPTURED");
        String today = LocalDate.now(ZoneId.of("Asia/Shanghai")).toString();
        given().auth().oauth2(catalog.partnerToken(centre)).when()
                .get(API + "/partners/" + centre + "/settlement?from=" + today + "&to=" + today)
                .then().statusCode(200)
                .body("vouchersFulfilled", equalTo(1))
                .body("pointsCaptured", equalTo(0))
                .body("subsidyCaptured", equalTo(12));
    }

    @Test
    void cancellingAFullySubsidisedRedemptionGivesTheSeatBackAndAsksNoRelease() {
        String centre = catalog.partner("CHILDCARE", "托管中心");
        UUID care = catalog.goods(centre, "托管两小时", 20, 1, "{\"percent\":100}");
        String memberId = CatalogFixture.unique("disability");
        String resident = catalog.resident(memberId);
        given().auth().oauth2(catalog.staffToken).when()
                .put(API + "/households/" + memberId + "/eligibility/DISABILITY").then().statusCode(200);
        UUID id = CatalogFixture.redeemGoods(resident, care);
        assertThat(catalog.stockLeft(resident, care), equalTo(0));

        given().auth().oauth2(resident).when().post(API + "/redemptions/" + id + "/cancel")
                .then().statusCode(200).body("state", equalTo("CANCELLED"));

        assertThat(catalog.stockLeft(resident, care), equalTo(1));
        // Longer than the saga's release age in tests (4 s): not even a re-send asks for a release.
        assertThat(points.kafka.readFor(Topics.REDEMPTIONS, e -> id.toString().equals(e.payload().path("redemptionId")
                .asText()), Duration.ofSeconds(6)), hasSize(0));
    }
}
