package org.communitypoints.catalog;

import static io.restassured.RestAssured.given;
import static org.communitypoints.catalog.CatalogFixture.API;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.communitypoints.catalog.domain.ResidentNames;
import org.communitypoints.testsupport.Tokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/** {@code GET /vouchers/{code}}: the counter reads what a code is for before taking it. */
@QuarkusTest
class VoucherLookupTest {

    static final String COMMUNITY = "wenyuan";
    final CatalogFixture catalog = new CatalogFixture(COMMUNITY);
    static final PointsSide points = new PointsSide();

    @AfterAll
    static void close() {
        points.close();
    }

    @Test
    void theVouchersPartnerReadsWhatItIsForWithTheCodeAndTheResidentsNameMasked() {
        String firm = catalog.partner("HOUSEKEEPING", "家政");
        UUID hour = catalog.goods(firm, "家政服务一小时", 15, 5, null);
        String member = CatalogFixture.unique("lookup");
        String resident = catalog.resident(member);
        String[] voucher = points.confirmedVoucher(COMMUNITY, resident, CatalogFixture.redeemGoods(resident, hour));
        String typed = voucher[1].substring(0, 5).toLowerCase() + "-" + voucher[1].substring(5).toLowerCase();

        Map<String, Object> body = given().auth().oauth2(catalog.partnerToken(firm)).when().get(API + "/vouchers/" + typed)
                .then().statusCode(200)
                .body("code", equalTo("****" + voucher[1].substring(6)))
                .body("state", equalTo("ACTIVE"))
                .body("rewardId", equalTo(hour.toString()))
                .body("rewardTitle", equalTo("家政服务一小时"))
                .body("partnerId", equalTo(firm))
                .body("validUntil", notNullValue())
                .body("session", nullValue())
                .body("residentName", equalTo(ResidentNames.mask("居民 " + member)))
                .body("residentName", matchesPattern("居\\*+" + member.charAt(member.length() - 1)))
                .extract().as(Map.class);
        // The counter's shape: no price split, no household category, no member id.
        assertThat(body, not(hasKey("points")));
        assertThat(body, not(hasKey("subsidyCategory")));
        assertThat(body, not(hasKey("memberId")));
    }

    @Test
    void aClassSeatVoucherShowsItsSession() {
        String school = catalog.partner("NIGHT_SCHOOL", "夜校");
        UUID course = catalog.classSeat(school, "书法课", 10);
        Instant ends = Instant.now().plus(Duration.ofDays(2)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        UUID session = catalog.session(course, ends, 5);
        String resident = catalog.resident(CatalogFixture.unique("seat"));
        String[] voucher = points.confirmedVoucher(COMMUNITY, resident, CatalogFixture.redeemSeat(resident, course, session));

        given().auth().oauth2(catalog.partnerToken(school)).when().get(API + "/vouchers/" + voucher[1])
                .then().statusCode(200)
                .body("rewardKind", equalTo("CLASS_SEAT"))
                .body("session.id", equalTo(session.toString()))
                .body("session.endsAt", equalTo(ends.toString()));
    }

    @Test
    void anotherPartnersCodeIsNotFoundExactlyLikeACodeThatDoesNotExist() {
        String parking = catalog.partner("PARKING", "停车场");
        String canteen = catalog.partner("CANTEEN", "食堂");
        UUID ticket = catalog.goods(parking, "免费停车券", 10, 5, null);
        String resident = catalog.resident(CatalogFixture.unique("other"));
        String[] voucher = points.confirmedVoucher(COMMUNITY, resident, CatalogFixture.redeemGoods(resident, ticket));
        String counter = catalog.partnerToken(canteen);

        String elsewhere = given().auth().oauth2(counter).when().get(API + "/vouchers/" + voucher[1])
                .then().statusCode(404).contentType("application/problem+json").body("code", equalTo("VOUCHER_NOT_FOUND"))
                .extract().path("detail");
        String nowhere = given().auth().oauth2(counter).when().get(API + "/vouchers/ABCDEFGHJK")
                .then().statusCode(404).body("code", equalTo("VOUCHER_NOT_FOUND")).extract().path("detail");
        assertThat(elsewhere, equalTo(nowhere));
        given().auth().oauth2(counter).when().get(API + "/vouchers/not-a-code")
                .then().statusCode(404).body("code", equalTo("VOUCHER_NOT_FOUND"));
        // The same partner id in another community's token finds nothing either.
        given().auth().oauth2(new CatalogFixture("ximalu").partnerToken(parking)).when().get(API + "/vouchers/" + voucher[1])
                .then().statusCode(404).body("code", equalTo("VOUCHER_NOT_FOUND"));
    }

    @Test
    void communityStaffReadAnyVoucherOfTheirCommunityAndNoOther() {
        String shop = catalog.partner("SHOP", "便民店");
        UUID gift = catalog.goods(shop, "洗衣液", 6, 5, null);
        String resident = catalog.resident(CatalogFixture.unique("staffsee"));
        String[] voucher = points.confirmedVoucher(COMMUNITY, resident, CatalogFixture.redeemGoods(resident, gift));

        given().auth().oauth2(catalog.staffToken).when().get(API + "/vouchers/" + voucher[1])
                .then().statusCode(200).body("partnerId", equalTo(shop)).body("state", equalTo("ACTIVE"));
        given().auth().oauth2(Tokens.staff("staff-other", "ximalu")).when().get(API + "/vouchers/" + voucher[1])
                .then().statusCode(404).body("code", equalTo("VOUCHER_NOT_FOUND"));
    }

    @Test
    void aResidentCannotLookUpACode() {
        String resident = catalog.resident(CatalogFixture.unique("nosy"));
        given().auth().oauth2(resident).when().get(API + "/vouchers/ABCDEFGHJK").then().statusCode(403);
    }

    @Test
    void aUsedVoucherReadsUsedWithWhenItWasTaken() {
        String firm = catalog.partner("HOUSEKEEPING", "保洁");
        UUID hour = catalog.goods(firm, "保洁一小时", 12, 5, null);
        String resident = catalog.resident(CatalogFixture.unique("used"));
        String[] voucher = points.confirmedVoucher(COMMUNITY, resident, CatalogFixture.redeemGoods(resident, hour));
        String counter = catalog.partnerToken(firm);
        given().auth().oauth2(counter).when().post(API + "/vouchers/" + voucher[1] + "/fulfil").then().statusCode(200);

        given().auth().oauth2(counter).when().get(API + "/vouchers/" + voucher[1])
                .then().statusCode(200).body("state", equalTo("USED")).body("fulfilledAt", notNullValue());
    }
}
