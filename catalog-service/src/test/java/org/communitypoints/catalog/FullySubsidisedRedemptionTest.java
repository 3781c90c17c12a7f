package org.communitypoints.catalog;

import static io.restassured.RestAssured.given;
import static org.communitypoints.catalog.CatalogFixture.API;
import static org.communitypoints.catalog.CatalogFixture.awaitState;
import static org.communitypoints.catalog.CatalogFixture.redemption;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.UUID;

import org.communitypoints.contracts.EventCodec;
import org.communitypoints.contracts.events.HoldCaptureRequested;
import org.communitypoints.contracts.events.HoldReleaseRequested;
import org.communitypoints.contracts.events.HoldRequested;
import org.communitypoints.contracts.events.PointsCaptured;
import org.communitypoints.contracts.events.PointsHoldRejected;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/**
 * A reward discounted 100% for the household: the resident pays 0, and the community's subsidy pool pays the whole
 * price. The pool has a budget, so the catalog asks points-service for a hold of 0 points and the subsidy (which
 * reserves the pool's part and freezes nothing of the resident's), confirms on PointsHeld, and at the counter the
 * capture books only the subsidy leg. When the pool cannot cover it, the redemption is rejected politely and the
 * place goes back.
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
    void aFullySubsidisedRedemptionAsksTheSubsidyPoolForAHoldAndCapturesOnlyTheSubsidyLeg() {
        String centre = catalog.partner("CHILDCARE", "四点半课堂");
        UUID care = catalog.goods(centre, "托管一小时", 12, 3, "{\"percent\":100,\"categories\":[\"LEFT_BEHIND_CHILDREN\"]}");
        String memberId = CatalogFixture.unique("left-behind");
        String resident = eligibleResident(memberId, "LEFT_BEHIND_CHILD");

        UUID id = UUID.fromString(CatalogFixture.redeem(resident, "{\"rewardId\":\"" + care + "\"}")
                .then().statusCode(202)
                .body("state", equalTo("PENDING"))
                .body("points", equalTo(0))
                .body("subsidyPoints", equalTo(12))
                .body("subsidyCategory", equalTo("LEFT_BEHIND_CHILDREN"))
                .extract().path("id"));
        assertThat("stock is reserved as usual", catalog.stockLeft(resident, care), equalTo(2));
        HoldRequested hold = points.awaitHoldRequested(id);
        assertThat("nothing of the resident's is frozen", hold.points(), equalTo(0L));
        assertThat("the pool's part is asked for", hold.subsidyPoints(), equalTo(12L));

        points.hold(COMMUNITY, id);
        awaitState(resident, id, "CONFIRMED");
        String code = redemption(resident, id).then()
                .body("voucher.state", equalTo("ACTIVE"))
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
    void anExhaustedSubsidyPoolRejectsTheRedemptionWithAPoliteReasonAndGivesThePlaceBack() {
        String centre = catalog.partner("CHILDCARE", "托管中心");
        UUID care = catalog.goods(centre, "托管半天", 30, 1, "{\"percent\":100}");
        String memberId = CatalogFixture.unique("low-income");
        String resident = eligibleResident(memberId, "DIBAO");
        UUID id = CatalogFixture.redeemGoods(resident, care);
        assertThat(catalog.stockLeft(resident, care), equalTo(0));

        HoldRequested request = points.awaitHoldRequested(id);
        points.answer(COMMUNITY, new PointsHoldRejected(id, request.memberId(), "SUBSIDY_POOL_EXHAUSTED",
                "subsidy pool of subsidised has 4 of 30 left", 250));
        awaitState(resident, id, "REJECTED");

        redemption(resident, id).then().statusCode(200)
                .body("reasonCode", equalTo("SUBSIDY_POOL_EXHAUSTED"))
                .body("reasonDetail", startsWith("很抱歉，社区这段时间的补贴额度已经用完了"))
                .body("voucher", nullValue());
        given().auth().oauth2(resident).header("Accept-Language", "en").when().get(API + "/redemptions/" + id)
                .then().statusCode(200)
                .body("reasonDetail", startsWith("We are sorry: the community's subsidy for this period has run out"));
        assertThat("the place is back", catalog.stockLeft(resident, care), equalTo(1));
        // The partner's counter learns that it was refused, not why in the resident's words.
        given().auth().oauth2(catalog.partnerToken(centre)).when().get(API + "/redemptions/" + id)
                .then().statusCode(200)
                .body("state", equalTo("REJECTED"))
                .body("reasonCode", equalTo("SUBSIDY_POOL_EXHAUSTED"))
                .body("$", not(hasKey("reasonDetail")));
    }

    @Test
    void cancellingAFullySubsidisedRedemptionGivesThePlaceBackAndReleasesThePoolsHold() {
        String centre = catalog.partner("CHILDCARE", "托管中心");
        UUID care = catalog.goods(centre, "托管两小时", 20, 1, "{\"percent\":100}");
        String memberId = CatalogFixture.unique("disability");
        String resident = eligibleResident(memberId, "DISABILITY");
        UUID id = CatalogFixture.redeemGoods(resident, care);
        points.hold(COMMUNITY, id);
        awaitState(resident, id, "CONFIRMED");
        assertThat(catalog.stockLeft(resident, care), equalTo(0));

        given().auth().oauth2(resident).when().post(API + "/redemptions/" + id + "/cancel")
                .then().statusCode(200).body("state", equalTo("CANCELLED"));

        assertThat(catalog.stockLeft(resident, care), equalTo(1));
        HoldReleaseRequested release = EventCodec.payload(points.awaitRequest("HoldReleaseRequested", id),
                HoldReleaseRequested.class);
        assertThat(release.reason(), equalTo("CANCELLED"));
    }

    /** @param category the registry's code (DIBAO, DISABILITY, LEFT_BEHIND_CHILD), priced as the catalog's category */
    private String eligibleResident(String memberId, String category) {
        return catalog.eligibleResident(memberId, category);
    }
}
