package org.communitypoints.catalog;

import static io.restassured.RestAssured.given;
import static org.communitypoints.catalog.CatalogFixture.API;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import java.util.UUID;

import org.communitypoints.testsupport.Tokens;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
class CatalogAdminTest {

    final CatalogFixture catalog = new CatalogFixture("ximalu");

    @Test
    void residentsBrowseTheirCommunitysCatalogByKindAndAvailability() {
        String school = catalog.partner("NIGHT_SCHOOL", "西马路艺术团");
        UUID drum = catalog.classSeat(school, "非洲鼓", 6);
        UUID open = catalog.session(drum, 10);
        UUID full = catalog.classSeat(school, "书法", 6);
        catalog.session(full, 0);
        String resident = catalog.resident(CatalogFixture.unique("reader"));

        given().auth().oauth2(resident).when().get(API + "/rewards?kind=CLASS_SEAT&available=true")
                .then().statusCode(200)
                .body("id", hasItem(drum.toString()))
                .body("id", not(hasItem(full.toString())))
                .body("kind", everyItem(equalTo("CLASS_SEAT")))
                .body("find { it.id == '" + drum + "' }.sessions[0].id", equalTo(open.toString()))
                .body("find { it.id == '" + drum + "' }.sessions[0].seatsLeft", equalTo(10));
        given().auth().oauth2(Tokens.resident("someone", "wutong")).when().get(API + "/rewards")
                .then().statusCode(200).body("id", not(hasItem(drum.toString())));
        given().auth().oauth2(Tokens.resident("someone", "wutong")).when().get(API + "/rewards/" + drum)
                .then().statusCode(404).body("code", equalTo("REWARD_NOT_FOUND"));
        given().auth().oauth2(resident).when().get(API + "/rewards?kind=BOATS")
                .then().statusCode(400).body("code", equalTo("INVALID_PARAMETER"));
    }

    @Test
    void staffRestockGoodsAndWithdrawRewards() {
        String shop = catalog.partner("SHOP", "便民店");
        UUID towel = catalog.goods(shop, "毛巾", 3, 1, null);
        String resident = catalog.resident(CatalogFixture.unique("buyer"));
        CatalogFixture.redeemGoods(resident, towel);
        CatalogFixture.redeem(resident, "{\"rewardId\":\"" + towel + "\"}").then().statusCode(409).body("code",
                equalTo("SOLD_OUT"));

        given().auth().oauth2(catalog.staffToken).contentType(ContentType.JSON).body("{\"quantity\":5}")
                .when().post(API + "/rewards/" + towel + "/restock")
                .then().statusCode(200).body("left", equalTo(5)).body("available", equalTo(true));
        CatalogFixture.redeemGoods(resident, towel);

        given().auth().oauth2(catalog.staffToken).when().delete(API + "/rewards/" + towel).then().statusCode(204);
        CatalogFixture.redeem(resident, "{\"rewardId\":\"" + towel + "\"}")
                .then().statusCode(404).body("code", equalTo("REWARD_NOT_FOUND"));
        given().auth().oauth2(resident).when().get(API + "/rewards").then().body("id", not(hasItem(towel.toString())));
    }

    @Test
    void onlyStaffOfTheCommunityManageItsCatalog() {
        String shop = catalog.partner("SHOP", "小店");
        String reward = "{\"partnerId\":\"" + shop + "\",\"kind\":\"GOODS\",\"title\":\"x\",\"points\":1,\"stock\":1}";
        given().auth().oauth2(catalog.resident("resident-1")).contentType(ContentType.JSON).body(reward)
                .when().post(API + "/rewards").then().statusCode(403);
        given().auth().oauth2(catalog.partnerToken(shop)).contentType(ContentType.JSON).body(reward)
                .when().post(API + "/rewards").then().statusCode(403);
        given().auth().oauth2(Tokens.staff("staff-shuita", "shuita")).contentType(ContentType.JSON).body(reward)
                .when().post(API + "/rewards").then().statusCode(404).body("code", equalTo("PARTNER_NOT_FOUND"));
        given().auth().oauth2(catalog.staffToken).contentType(ContentType.JSON)
                .body("{\"partnerId\":\"" + shop + "\",\"kind\":\"GOODS\",\"title\":\"x\",\"points\":1}")
                .when().post(API + "/rewards").then().statusCode(400).body("code", equalTo("MISSING_FIELD"));
        given().auth().oauth2(catalog.staffToken).contentType(ContentType.JSON)
                .body("{\"partnerId\":\"" + shop + "\",\"kind\":\"GOODS\",\"title\":\"x\",\"points\":0,\"stock\":1}")
                .when().post(API + "/rewards").then().statusCode(400).body("code", equalTo("VALIDATION_FAILED"));
        given().auth().oauth2(catalog.staffToken).contentType(ContentType.JSON)
                .body("{\"id\":\"" + shop + "\",\"name\":\"again\",\"kind\":\"SHOP\"}")
                .when().post(API + "/partners").then().statusCode(409).body("code", equalTo("PARTNER_EXISTS"));
    }

    @Test
    void aRedemptionNeedsAnIdempotencyKey() {
        String shop = catalog.partner("SHOP", "小店");
        UUID gift = catalog.goods(shop, "礼品", 2, 3, null);
        given().auth().oauth2(catalog.resident(CatalogFixture.unique("nokey"))).contentType(ContentType.JSON)
                .body("{\"rewardId\":\"" + gift + "\"}")
                .when().post(API + "/redemptions")
                .then().statusCode(400).body("code", equalTo("IDEMPOTENCY_KEY_REQUIRED"));
        given().auth().oauth2(catalog.staffToken).contentType(ContentType.JSON)
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .body("{\"rewardId\":\"" + gift + "\"}")
                .when().post(API + "/redemptions").then().statusCode(403);
    }
}
