package org.communitypoints.catalog;

import static io.restassured.RestAssured.given;
import static org.communitypoints.catalog.CatalogFixture.API;
import static org.communitypoints.catalog.CatalogFixture.awaitState;
import static org.communitypoints.catalog.CatalogFixture.redemption;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.hamcrest.Matchers.matchesPattern;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.communitypoints.contracts.EventCodec;
import org.communitypoints.contracts.events.HoldReleaseRequested;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

@QuarkusTest
class VoucherTest {

    static final String COMMUNITY = "wenyuan";
    final CatalogFixture catalog = new CatalogFixture(COMMUNITY);
    static final PointsSide points = new PointsSide();

    @AfterAll
    static void close() {
        points.close();
    }

    /** A confirmed voucher for a housekeeping hour of the given partner; returns {redemption id, code}. */
    private String[] confirmedVoucher(String resident, UUID reward) {
        return points.confirmedVoucher(COMMUNITY, resident, CatalogFixture.redeemGoods(resident, reward));
    }

    @Test
    void aVoucherWorksOnceAndIsRefusedTheSecondTime() {
        String firm = catalog.partner("HOUSEKEEPING", "家政公司");
        UUID hour = catalog.goods(firm, "家政服务一小时", 15, 5, null);
        String resident = catalog.resident(CatalogFixture.unique("gao"));
        String[] voucher = confirmedVoucher(resident, hour);

        String counter = catalog.partnerToken(firm);
        given().auth().oauth2(counter).when().post(API + "/vouchers/" + voucher[1] + "/fulfil")
                .then().statusCode(200).body("state", equalTo("FULFILLED"));
        given().auth().oauth2(counter).when().post(API + "/vouchers/" + voucher[1] + "/fulfil")
                .then().statusCode(409)
                .contentType("application/problem+json")
                .body("code", equalTo("VOUCHER_ALREADY_USED"));
        given().auth().oauth2(resident).when().post(API + "/redemptions/" + voucher[0] + "/cancel")
                .then().statusCode(409).body("code", equalTo("REDEMPTION_NOT_CANCELLABLE"));
    }

    @Test
    void aResidentsRedemptionsComePageByPageNewestFirst() {
        String firm = catalog.partner("HOUSEKEEPING", "搬家公司");
        UUID hour = catalog.goods(firm, "搬家服务一小时", 5, 10, null);
        String resident = catalog.resident(CatalogFixture.unique("page"));
        List<String> newestFirst = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            newestFirst.add(0, CatalogFixture.redeemGoods(resident, hour).toString());
        }
        String neighboursOwn = CatalogFixture.redeemGoods(catalog.resident(CatalogFixture.unique("page")), hour)
                .toString();

        List<String> walked = new ArrayList<>();
        List<String> page = myRedemptions(resident, "?limit=2").then().statusCode(200).extract().path("id");
        while (!page.isEmpty()) {
            assertThat("pages of 2 past the 5 redemptions", walked.size(), lessThanOrEqualTo(5));
            assertThat(page.size(), lessThanOrEqualTo(2));
            walked.addAll(page);
            page = myRedemptions(resident, "?limit=2&before=" + page.get(page.size() - 1)).then().statusCode(200)
                    .extract().path("id");
        }
        assertThat(walked, equalTo(newestFirst));
        myRedemptions(resident, "").then().statusCode(200).body("id", equalTo(newestFirst));

        // Another resident's redemption and an unknown id are refused alike: the list says nothing about other ids.
        for (String notOwn : List.of(neighboursOwn, UUID.randomUUID().toString())) {
            myRedemptions(resident, "?before=" + notOwn).then().statusCode(400)
                    .contentType("application/problem+json").body("code", equalTo("INVALID_BEFORE"));
        }
        for (String limit : List.of("0", "501")) {
            myRedemptions(resident, "?limit=" + limit).then().statusCode(400).body("code", equalTo("INVALID_LIMIT"));
        }
    }

    private static Response myRedemptions(String resident, String query) {
        return given().auth().oauth2(resident).when().get(API + "/me/redemptions" + query);
    }

    @Test
    void aResidentsVouchersAreListedByState() {
        String firm = catalog.partner("HOUSEKEEPING", "保洁公司");
        UUID hour = catalog.goods(firm, "保洁服务一小时", 5, 10, null);
        String resident = catalog.resident(CatalogFixture.unique("lu"));
        String[] used = confirmedVoucher(resident, hour);
        given().auth().oauth2(catalog.partnerToken(firm)).when().post(API + "/vouchers/" + used[1] + "/fulfil")
                .then().statusCode(200);
        String[] cancelled = confirmedVoucher(resident, hour);
        given().auth().oauth2(resident).when().post(API + "/redemptions/" + cancelled[0] + "/cancel")
                .then().statusCode(200);
        String[] active = confirmedVoucher(resident, hour);

        given().auth().oauth2(resident).when().get(API + "/me/vouchers?state=ACTIVE")
                .then().statusCode(200).body("redemptionId", contains(active[0]));
        given().auth().oauth2(resident).when().get(API + "/me/vouchers?state=USED")
                .then().statusCode(200).body("redemptionId", contains(used[0]));
        given().auth().oauth2(resident).when().get(API + "/me/vouchers?state=CANCELLED")
                .then().statusCode(200).body("redemptionId", contains(cancelled[0]));
        given().auth().oauth2(resident).when().get(API + "/me/vouchers?state=EXPIRED")
                .then().statusCode(200).body("$", hasSize(0));
        given().auth().oauth2(resident).when().get(API + "/me/vouchers")
                .then().statusCode(200).body("redemptionId", containsInAnyOrder(used[0], cancelled[0], active[0]));
    }

    @Test
    void aPartnerListsOnlyItsOwnVouchersAndReadsNoCodeUsedOrNot() {
        String firm = catalog.partner("HOUSEKEEPING", "保洁");
        String other = catalog.partner("HOUSEKEEPING", "另一家");
        UUID hour = catalog.goods(firm, "保洁一小时", 12, 5, null);
        String resident = catalog.resident(CatalogFixture.unique("qian"));
        String[] unused = confirmedVoucher(resident, hour);
        String[] used = confirmedVoucher(resident, hour);
        String counter = catalog.partnerToken(firm);
        given().auth().oauth2(counter).when().post(API + "/vouchers/" + used[1] + "/fulfil").then().statusCode(200);

        given().auth().oauth2(counter).when().get(API + "/partners/" + firm + "/vouchers?state=ACTIVE")
                .then().statusCode(200)
                .body("$", hasSize(1))
                .body("[0].redemptionId", equalTo(unused[0]))
                .body("[0].code", equalTo("****" + unused[1].substring(6)));
        given().auth().oauth2(counter).when().get(API + "/redemptions/" + unused[0])
                .then().statusCode(200).body("voucher.code", equalTo("****" + unused[1].substring(6)));
        given().auth().oauth2(counter).when().get(API + "/partners/" + firm + "/vouchers?state=USED")
                .then().statusCode(200).body("$", hasSize(1)).body("[0].code", equalTo("****" + used[1].substring(6)));
        given().auth().oauth2(catalog.staffToken).when().get(API + "/partners/" + firm + "/vouchers")
                .then().statusCode(200).body("code", everyItem(matchesPattern("\\*{4}[2-9A-Z]{4}")));
        given().auth().oauth2(catalog.partnerToken(other)).when().get(API + "/partners/" + firm + "/vouchers")
                .then().statusCode(403).body("code", equalTo("NOT_YOUR_PARTNER"));
        given().auth().oauth2(catalog.partnerToken(other)).when().get(API + "/redemptions/" + used[0])
                .then().statusCode(404);
    }

    @Test
    void anotherPartnersCodeIsNotFoundAtThisCounter() {
        String parking = catalog.partner("PARKING", "停车场");
        String canteen = catalog.partner("CANTEEN", "食堂");
        UUID ticket = catalog.goods(parking, "免费停车券", 10, 5, null);
        String resident = catalog.resident(CatalogFixture.unique("ma"));
        String[] voucher = confirmedVoucher(resident, ticket);

        given().auth().oauth2(catalog.partnerToken(canteen)).when().post(API + "/vouchers/" + voucher[1] + "/fulfil")
                .then().statusCode(404).body("code", equalTo("VOUCHER_NOT_FOUND"));
        // The same partner id in another community's token does not open it either.
        given().auth().oauth2(new CatalogFixture("ximalu").partnerToken(parking))
                .when().post(API + "/vouchers/" + voucher[1] + "/fulfil")
                .then().statusCode(404).body("code", equalTo("VOUCHER_NOT_FOUND"));
        given().auth().oauth2(catalog.partnerToken(parking)).when().post(API + "/vouchers/" + "ABCDEFGHJK" + "/fulfil")
                .then().statusCode(404).body("code", equalTo("VOUCHER_NOT_FOUND"));
        redemption(resident, UUID.fromString(voucher[0])).then().body("state", equalTo("CONFIRMED"));
    }

    @Test
    void cancellingReleasesTheHoldAndReturnsTheStock() {
        String centre = catalog.partner("CHILDCARE", "文源托管中心");
        UUID care = catalog.reward("{\"partnerId\":\"" + centre + "\",\"kind\":\"CHILDCARE_CREDIT\",\"title\":\"课后托管\","
                + "\"points\":40,\"stock\":3,\"hours\":10}");
        String resident = catalog.resident(CatalogFixture.unique("he"));
        String[] voucher = confirmedVoucher(resident, care);
        UUID id = UUID.fromString(voucher[0]);
        assertThat(catalog.stockLeft(resident, care), equalTo(2));

        given().auth().oauth2(resident).when().post(API + "/redemptions/" + id + "/cancel")
                .then().statusCode(200)
                .body("state", equalTo("CANCELLED"))
                .body("voucher.state", equalTo("CANCELLED"));
        HoldReleaseRequested release = EventCodec.payload(points.awaitRequest("HoldReleaseRequested", id),
                HoldReleaseRequested.class);
        assertThat(release.reason(), equalTo("CANCELLED"));
        assertThat(catalog.stockLeft(resident, care), equalTo(3));

        // Cancelling again changes nothing; the counter can no longer take the code.
        given().auth().oauth2(resident).when().post(API + "/redemptions/" + id + "/cancel")
                .then().statusCode(200).body("state", equalTo("CANCELLED"));
        assertThat(catalog.stockLeft(resident, care), equalTo(3));
        given().auth().oauth2(catalog.partnerToken(centre)).when().post(API + "/vouchers/" + voucher[1] + "/fulfil")
                .then().statusCode(409).body("code", equalTo("VOUCHER_CANCELLED"));

        points.release(COMMUNITY, id, "CANCELLED");
        org.awaitility.Awaitility.await().atMost(PointsSide.WAIT)
                .until(() -> redemption(resident, id).then().extract().path("releasedAt") != null);
        redemption(resident, id).then().body("state", equalTo("CANCELLED"));
    }

    @Test
    void anUnusedVoucherExpiresReleasingTheHoldAndTheSeat() {
        String school = catalog.partner("NIGHT_SCHOOL", "夜校");
        UUID vocal = catalog.classSeat(school, "流行声乐", 12);
        UUID session = catalog.session(vocal, Instant.now().plus(Duration.ofSeconds(4)), 1);
        String resident = catalog.resident(CatalogFixture.unique("luo"));
        UUID id = CatalogFixture.redeemSeat(resident, vocal, session);
        points.hold(COMMUNITY, id);
        awaitState(resident, id, "CONFIRMED");
        String code = redemption(resident, id).then().extract().path("voucher.code");

        awaitState(resident, id, "EXPIRED");
        redemption(resident, id).then()
                .body("reasonCode", equalTo("VOUCHER_EXPIRED"))
                .body("voucher.state", equalTo("EXPIRED"));
        HoldReleaseRequested release = EventCodec.payload(points.awaitRequest("HoldReleaseRequested", id),
                HoldReleaseRequested.class);
        assertThat(release.reason(), equalTo("EXPIRED"));
        given().auth().oauth2(catalog.partnerToken(school)).when().post(API + "/vouchers/" + code + "/fulfil")
                .then().statusCode(409).body("code", equalTo("VOUCHER_EXPIRED"));
        given().auth().oauth2(resident).when().get(API + "/me/vouchers?state=ACTIVE")
                .then().statusCode(200).body("$", hasSize(0));
    }

    @Test
    void aHoldThatLapsedAtPointsServiceEndsTheRedemptionAndReturnsTheStock() {
        String shop = catalog.partner("SHOP", "便民店");
        UUID gift = catalog.goods(shop, "荣誉证书", 3, 1, null);
        String resident = catalog.resident(CatalogFixture.unique("tang"));
        String[] voucher = confirmedVoucher(resident, gift);
        UUID id = UUID.fromString(voucher[0]);
        assertThat(catalog.stockLeft(resident, gift), equalTo(0));

        points.release(COMMUNITY, id, "EXPIRED");
        awaitState(resident, id, "EXPIRED");
        redemption(resident, id).then().body("reasonCode", equalTo("HOLD_EXPIRED"));
        assertThat(catalog.stockLeft(resident, gift), equalTo(1));
    }

    @Test
    void aCanteenHandsOutNoMoreMealsThanItsDailyQuota() {
        String canteen = catalog.partner("CANTEEN", "社区食堂");
        UUID lunch = catalog.reward("{\"partnerId\":\"" + canteen + "\",\"kind\":\"MEAL\",\"title\":\"午餐\",\"points\":8,"
                + "\"dailyQuota\":2}");
        String body = "{\"rewardId\":\"" + lunch + "\"}";
        CatalogFixture.redeem(catalog.resident(CatalogFixture.unique("a")), body).then().statusCode(202);
        CatalogFixture.redeem(catalog.resident(CatalogFixture.unique("b")), body).then().statusCode(202);
        CatalogFixture.redeem(catalog.resident(CatalogFixture.unique("c")), body)
                .then().statusCode(409).contentType("application/problem+json").body("code", equalTo("SOLD_OUT"));
        // Tomorrow has its own quota.
        CatalogFixture.redeem(catalog.resident(CatalogFixture.unique("c")),
                "{\"rewardId\":\"" + lunch + "\",\"date\":\""
                        + java.time.LocalDate.now(java.time.ZoneId.of("Asia/Shanghai")).plusDays(1) + "\"}")
                .then().statusCode(202).body("mealDay", org.hamcrest.Matchers.notNullValue());
    }
}
