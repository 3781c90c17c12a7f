package org.communitypoints.catalog;

import static io.restassured.RestAssured.given;
import static org.communitypoints.catalog.CatalogFixture.API;
import static org.communitypoints.catalog.CatalogFixture.awaitState;
import static org.communitypoints.catalog.CatalogFixture.redemption;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/**
 * Partner staff see what the counter needs and no more: no household subsidy category, no resident's balance in a
 * refusal, and no voucher code but the resident's own (masked to its last four everywhere else, staff included).
 */
@QuarkusTest
class PartnerViewTest {

    static final String COMMUNITY = "lanting";
    static final PointsSide points = new PointsSide();
    static final String MASKED = "\\*{4}[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{4}";
    final CatalogFixture catalog = new CatalogFixture(COMMUNITY);

    @AfterAll
    static void close() {
        points.close();
    }

    @Test
    void onlyTheResidentReadsTheVoucherCodeAndTheCounterStillTakesItWhenTyped() {
        String canteen = catalog.partner("CANTEEN", "兰亭食堂");
        UUID meal = catalog.goods(canteen, "爱心午餐", 10, 5, "{\"percent\":50}");
        String memberId = CatalogFixture.unique("elder");
        String resident = catalog.eligibleResident(memberId, "DIBAO");
        UUID id = CatalogFixture.redeemGoods(resident, meal);
        points.hold(COMMUNITY, id);
        awaitState(resident, id, "CONFIRMED");
        String code = redemption(resident, id).then().statusCode(200)
                .body("voucher.code", matchesPattern("[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{10}"))
                .body("subsidyCategory", equalTo("LOW_INCOME"))
                .extract().path("voucher.code");
        String masked = "****" + code.substring(6);
        String counter = catalog.partnerToken(canteen);

        // The counter's shape: the voucher masked, nothing about the household's subsidy or the price split.
        given().auth().oauth2(counter).when().get(API + "/redemptions/" + id).then().statusCode(200)
                .body("state", equalTo("CONFIRMED"))
                .body("voucher.code", equalTo(masked))
                .body("$", not(hasKey("subsidyCategory")))
                .body("$", not(hasKey("subsidyPoints")))
                .body("$", not(hasKey("points")));
        // Community staff: the whole redemption, the code masked.
        given().auth().oauth2(catalog.staffToken).when().get(API + "/redemptions/" + id).then().statusCode(200)
                .body("voucher.code", equalTo(masked))
                .body("subsidyCategory", equalTo("LOW_INCOME"));
        given().auth().oauth2(catalog.staffToken).when().get(API + "/partners/" + canteen + "/vouchers").then()
                .statusCode(200).body("code", everyItem(matchesPattern(MASKED)));

        // The code typed at the counter, in lower case with a space, still works; the answer shows it masked.
        String typed = code.substring(0, 5).toLowerCase() + " " + code.substring(5);
        given().auth().oauth2(counter).when().post(API + "/vouchers/" + typed + "/fulfil").then().statusCode(200)
                .body("state", equalTo("FULFILLED"))
                .body("voucher.code", equalTo(masked))
                .body("$", not(hasKey("subsidyCategory")));
        points.capture(COMMUNITY, id);
        awaitState(resident, id, "CAPTURED");

        String today = LocalDate.now(ZoneId.of("Asia/Shanghai")).toString();
        given().auth().oauth2(counter).when()
                .get(API + "/partners/" + canteen + "/settlement?from=" + today + "&to=" + today).then().statusCode(200)
                .body("lines[0].voucherCode", equalTo(masked))
                .body("lines[0]", not(hasKey("subsidyCategory")));
        given().auth().oauth2(counter).when().get(API + "/partners/" + canteen + "/vouchers?state=USED").then()
                .statusCode(200).body("[0].code", equalTo(masked));
        given().auth().oauth2(resident).when().get(API + "/me/vouchers").then().statusCode(200)
                .body("[0].code", equalTo(code));
    }

    @Test
    void theCounterDoesNotReadTheResidentsBalanceInARefusal() {
        String school = catalog.partner("NIGHT_SCHOOL", "夜校");
        UUID course = catalog.goods(school, "茶艺课", 30, 5, null);
        String resident = catalog.resident(CatalogFixture.unique("short"));
        UUID id = CatalogFixture.redeemGoods(resident, course);
        points.rejectHold(COMMUNITY, id, 5);
        awaitState(resident, id, "REJECTED");

        redemption(resident, id).then().body("reasonDetail", equalTo("需要 30 积分，可用 5 积分"));
        given().auth().oauth2(catalog.partnerToken(school)).when().get(API + "/redemptions/" + id).then()
                .statusCode(200)
                .body("state", equalTo("REJECTED"))
                .body("reasonCode", equalTo("INSUFFICIENT_POINTS"))
                .body("$", not(hasKey("reasonDetail")));
    }

    @Test
    void aCodeThatCannotBeACodeIsNotFoundWithoutALookup() {
        String shop = catalog.partner("SHOP", "小店");
        String counter = catalog.partnerToken(shop);
        given().auth().oauth2(counter).when().post(API + "/vouchers/" + "A".repeat(500) + "/fulfil").then()
                .statusCode(404).body("code", equalTo("VOUCHER_NOT_FOUND"));
        given().auth().oauth2(counter).when().post(API + "/vouchers/****ABCD/fulfil").then()
                .statusCode(404).body("code", equalTo("VOUCHER_NOT_FOUND"));
    }
}
