package org.communitypoints.catalog;

import static io.restassured.RestAssured.given;
import static org.communitypoints.catalog.CatalogFixture.API;
import static org.hamcrest.Matchers.equalTo;

import java.util.UUID;

import org.communitypoints.testsupport.Tokens;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/** Who may call and whose ids they name are decided before what they sent is looked at; every number is bounded. */
@QuarkusTest
class InputHygieneTest {

    static final String COMMUNITY = "hygiene";
    final CatalogFixture catalog = new CatalogFixture(COMMUNITY);

    @Test
    void aCallerWithoutTheRoleGets403BeforeAnyComplaintAboutTheRequest() {
        String resident = catalog.resident("resident-hygiene");
        as(resident).contentType(ContentType.JSON).body("{\"points\": ").when().post(API + "/rewards")
                .then().statusCode(403);
        as(resident).when().get(API + "/redemptions?state=NOPE&limit=abc").then().statusCode(403);
        as(resident).when().get(API + "/exports/redemptions?after=garbage").then().statusCode(403);
        as(resident).accept("application/xml").when().get(API + "/exports/redemptions").then().statusCode(403);
        as(resident).contentType("text/plain").body("x").when().post(API + "/rewards").then().statusCode(403);
    }

    @Test
    void staffOfAnotherCommunityGet404ForItsRewardWhateverTheyReSend() {
        String shop = catalog.partner("SHOP", "小卖部");
        UUID goods = catalog.goods(shop, "毛巾", 5, 3, null);
        String elsewhere = Tokens.staff("staff-other", "other-hygiene");
        as(elsewhere).contentType(ContentType.JSON).body("{\"quantity\": -5}").when()
                .post(API + "/rewards/" + goods + "/restock").then().statusCode(404).body("code", equalTo("REWARD_NOT_FOUND"));
        as(elsewhere).contentType(ContentType.JSON).body("{\"capacity\": ").when()
                .post(API + "/rewards/" + goods + "/sessions").then().statusCode(404).body("code", equalTo("REWARD_NOT_FOUND"));
        as(elsewhere).when().delete(API + "/rewards/" + goods).then().statusCode(404);
        // The community's own staff get the validation problem.
        as(catalog.staffToken).contentType(ContentType.JSON).body("{\"quantity\": -5}").when()
                .post(API + "/rewards/" + goods + "/restock").then().statusCode(400).body("code", equalTo("VALIDATION_FAILED"));
    }

    @Test
    void numbersAndPagesOutsideTheirBoundsAreRefused() {
        String shop = catalog.partner("SHOP", "杂货店");
        as(catalog.staffToken).contentType(ContentType.JSON)
                .body("{\"partnerId\":\"" + shop + "\",\"kind\":\"GOODS\",\"title\":\"米\",\"points\":100001,\"stock\":1}")
                .when().post(API + "/rewards").then().statusCode(400).body("code", equalTo("VALIDATION_FAILED"));
        as(catalog.staffToken).contentType(ContentType.JSON)
                .body("{\"partnerId\":\"" + shop + "\",\"kind\":\"GOODS\",\"title\":\"米\",\"points\":10,\"stock\":1.5}")
                .when().post(API + "/rewards").then().statusCode(400);
        UUID rice = catalog.goods(shop, "大米", 10, 999_999, null);
        as(catalog.staffToken).contentType(ContentType.JSON).body("{\"quantity\": 2}").when()
                .post(API + "/rewards/" + rice + "/restock").then().statusCode(409).body("code", equalTo("STOCK_LIMIT"));
        as(catalog.staffToken).when().get(API + "/redemptions?state=CONFIRMED&limit=0")
                .then().statusCode(400).body("code", equalTo("INVALID_LIMIT"));
        as(catalog.staffToken).when().get(API + "/redemptions?state=CONFIRMED&limit=abc")
                .then().statusCode(400).body("code", equalTo("INVALID_PARAMETER"));
        as(catalog.staffToken).when().get(API + "/partners/" + shop + "/vouchers?limit=1001")
                .then().statusCode(400).body("code", equalTo("INVALID_LIMIT"));
        as(Tokens.reconciler()).when().get(API + "/exports/redemptions?after=garbage")
                .then().statusCode(400).body("code", equalTo("INVALID_CURSOR"));
    }

    private static RequestSpecification as(String token) {
        return given().auth().oauth2(token);
    }
}
