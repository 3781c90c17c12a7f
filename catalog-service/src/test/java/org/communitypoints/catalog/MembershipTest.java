package org.communitypoints.catalog;

import static io.restassured.RestAssured.given;
import static org.communitypoints.catalog.CatalogFixture.API;
import static org.communitypoints.catalog.CatalogFixture.awaitState;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import org.communitypoints.contracts.events.HoldRequested;
import org.communitypoints.contracts.events.ProxyChanged.Scope;
import org.communitypoints.testsupport.Registry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * Redemptions need an active resident of the caller's community in the catalog's own copy of the registry; a proxy
 * with the resident's REDEEM grant redeems for them and is recorded; prices follow the household's categories on the
 * day. The copy arrives only through community.registry: no community-service runs in these tests, and none is
 * configured, so every answer here was decided from the copy alone.
 */
@QuarkusTest
class MembershipTest {

    static final String COMMUNITY = "wenxing";
    static final String ON_BEHALF_OF = "On-Behalf-Of";
    static final Instant NEXT_MONTH = Instant.now().plus(Duration.ofDays(30));
    static final PointsSide points = new PointsSide();
    final CatalogFixture catalog = new CatalogFixture(COMMUNITY);

    @AfterAll
    static void close() {
        points.close();
    }

    private UUID gift() {
        return catalog.goods(catalog.partner("SHOP", "便民超市"), "毛巾", 10, 20, null);
    }

    private static String body(UUID rewardId) {
        return "{\"rewardId\":\"" + rewardId + "\"}";
    }

    private static Response redeemFor(String proxyToken, String memberId, UUID rewardId) {
        return given().auth().oauth2(proxyToken).contentType("application/json")
                .header("Idempotency-Key", UUID.randomUUID().toString()).header(ON_BEHALF_OF, memberId)
                .body(body(rewardId)).when().post(API + "/redemptions");
    }

    @Test
    void aResidentTheRegistryDoesNotKnowCannotRedeem() {
        CatalogFixture.redeem(catalog.unregistered(CatalogFixture.unique("unknown")), body(gift()))
                .then().statusCode(403).body("code", equalTo("MEMBER_NOT_REGISTERED"));
    }

    @Test
    void aResidentWhoMovedOutCannotRedeem() {
        String memberId = CatalogFixture.unique("moved");
        String resident = catalog.resident(memberId);
        CatalogFixture.registry().moveOut(COMMUNITY, memberId);

        CatalogFixture.redeem(resident, body(gift()))
                .then().statusCode(403).body("code", equalTo("MEMBER_MOVED_OUT"));
    }

    @Test
    void anotherCommunitysResidentCannotRedeemHere() {
        String memberId = CatalogFixture.unique("visitor");
        new CatalogFixture("shuita").resident(memberId);

        CatalogFixture.redeem(catalog.unregistered(memberId), body(gift()))
                .then().statusCode(403).body("code", equalTo("MEMBER_NOT_REGISTERED"));
    }

    @Test
    void aProxyWithTheRedeemGrantRedeemsForTheResidentAndBothAreRecorded() {
        UUID reward = gift();
        String grandma = CatalogFixture.unique("grandma");
        String grandmaToken = catalog.resident(grandma);
        String son = CatalogFixture.unique("son");
        CatalogFixture.registry().grant(COMMUNITY, grandma, son, NEXT_MONTH, Scope.REDEEM);

        UUID id = UUID.fromString(redeemFor(catalog.unregistered(son), grandma, reward)
                .then().statusCode(202).body("actedBy", equalTo(son)).extract().path("id"));

        HoldRequested hold = points.awaitHoldRequested(id);
        assertThat(hold.memberId(), equalTo(grandma));
        assertThat(hold.actedBy(), equalTo(son));
        points.hold(COMMUNITY, id);
        awaitState(grandmaToken, id, "CONFIRMED");
        given().auth().oauth2(grandmaToken).when().get(API + "/me/vouchers")
                .then().statusCode(200).body("find { it.redemptionId == '" + id + "' }.actedBy", equalTo(son));
        given().auth().oauth2(catalog.unregistered(son)).header(ON_BEHALF_OF, grandma)
                .when().get(API + "/me/redemptions")
                .then().statusCode(200).body("id", hasItem(id.toString()));
    }

    @Test
    void aResidentRedeemingThemselfIsRecordedWithoutAProxy() {
        String memberId = CatalogFixture.unique("self");
        UUID id = CatalogFixture.redeemGoods(catalog.resident(memberId), gift());

        assertThat(points.awaitHoldRequested(id).actedBy(), nullValue());
    }

    @Test
    void aProxyWhoseGrantDoesNotCoverRedeemingIsRefused() {
        String grandma = CatalogFixture.unique("grandma");
        catalog.resident(grandma);
        String son = CatalogFixture.unique("son");
        CatalogFixture.registry().grant(COMMUNITY, grandma, son, NEXT_MONTH, Scope.SIGN_UP, Scope.PASSBOOK_READ);

        redeemFor(catalog.unregistered(son), grandma, gift())
                .then().statusCode(403).body("code", equalTo("PROXY_NOT_ALLOWED"));
    }

    @Test
    void aProxyWhoseGrantExpiredIsRefused() {
        String grandma = CatalogFixture.unique("grandma");
        catalog.resident(grandma);
        String son = CatalogFixture.unique("son");
        CatalogFixture.registry().grant(COMMUNITY, grandma, son, Instant.now().minusSeconds(60), Scope.REDEEM);

        redeemFor(catalog.unregistered(son), grandma, gift())
                .then().statusCode(403).body("code", equalTo("PROXY_NOT_ALLOWED"));
    }

    @Test
    void aProxyWhoseGrantWasRevokedIsRefused() {
        String grandma = CatalogFixture.unique("grandma");
        catalog.resident(grandma);
        String son = CatalogFixture.unique("son");
        UUID grant = CatalogFixture.registry().grant(COMMUNITY, grandma, son, NEXT_MONTH, Scope.REDEEM);
        CatalogFixture.registry().revoke(COMMUNITY, grant, grandma, son, Scope.REDEEM);

        redeemFor(catalog.unregistered(son), grandma, gift())
                .then().statusCode(403).body("code", equalTo("PROXY_NOT_ALLOWED"));
    }

    @Test
    void theHouseholdsCategoryValidTodayPricesTheRedemption() {
        UUID meal = catalog.goods(catalog.partner("CANTEEN", "社区食堂"), "午餐", 10, 20,
                "{\"percent\":50,\"categories\":[\"LOW_INCOME\"]}");
        String memberId = CatalogFixture.unique("dibao");

        CatalogFixture.redeem(catalog.eligibleResident(memberId, "DIBAO"), body(meal))
                .then().statusCode(202).body("points", equalTo(5)).body("subsidyPoints", equalTo(5))
                .body("subsidyCategory", equalTo("LOW_INCOME"));
    }

    @Test
    void aCategoryThatExpiredNoLongerPrices() {
        UUID meal = catalog.goods(catalog.partner("CANTEEN", "社区食堂"), "午餐", 10, 20,
                "{\"percent\":50,\"categories\":[\"LOW_INCOME\"]}");
        String household = CatalogFixture.unique("household");
        String memberId = CatalogFixture.unique("former-dibao");
        CatalogFixture.registry().household(COMMUNITY, household,
                Registry.category("DIBAO", LocalDate.now().minusDays(60), LocalDate.now().minusDays(1)));
        CatalogFixture.registry().registerInHousehold(COMMUNITY, memberId, household);

        CatalogFixture.redeem(catalog.unregistered(memberId), body(meal))
                .then().statusCode(202).body("points", equalTo(10)).body("subsidyPoints", equalTo(0));
    }
}
