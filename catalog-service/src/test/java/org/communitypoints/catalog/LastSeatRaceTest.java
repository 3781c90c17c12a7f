package org.communitypoints.catalog;

import static io.restassured.RestAssured.given;
import static org.communitypoints.catalog.CatalogFixture.API;
import static org.communitypoints.catalog.CatalogFixture.awaitState;
import static org.communitypoints.catalog.CatalogFixture.redemption;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

@QuarkusTest
class LastSeatRaceTest {

    static final String COMMUNITY = "wenxing";
    final CatalogFixture catalog = new CatalogFixture(COMMUNITY);
    static final PointsSide points = new PointsSide();

    @AfterAll
    static void close() {
        points.close();
    }

    @Test
    void twentyResidentsRaceForTheLastSeatAndExactlyOneGetsIt() throws Exception {
        String school = catalog.partner("NIGHT_SCHOOL", "夜校");
        UUID arranging = catalog.classSeat(school, "插花", 10);
        UUID session = catalog.session(arranging, 1);
        String body = "{\"rewardId\":\"" + arranging + "\",\"sessionId\":\"" + session + "\"}";

        List<Response> answers = CatalogFixture.race(20,
                i -> CatalogFixture.redeem(catalog.resident(CatalogFixture.unique("racer" + i)), body));

        List<Response> won = answers.stream().filter(r -> r.statusCode() == 202).toList();
        long soldOut = answers.stream().filter(r -> r.statusCode() == 409 && "SOLD_OUT".equals(r.path("code"))).count();
        assertThat(won.size(), equalTo(1));
        assertThat(soldOut, equalTo(19L));
        assertThat(catalog.seatsLeft(catalog.staffToken, arranging, session), equalTo(0));

        UUID id = UUID.fromString(won.get(0).path("id"));
        points.hold(COMMUNITY, id);
        awaitState(catalog.staffToken, id, "CONFIRMED");
    }

    @Test
    void residentsRaceForEighteenMealsAndExactlyEighteenGetOne() throws Exception {
        // 18 does not divide among the day's 16 slots evenly: two slots hold two meals, the others one. Fewer racers
        // than the catalog admits at once (catalog.admission.batched), so none is turned away as overload.
        UUID lunch = meal(18);
        String body = "{\"rewardId\":\"" + lunch + "\"}";

        List<Response> answers = CatalogFixture.race(24,
                i -> CatalogFixture.redeem(catalog.resident(CatalogFixture.unique("luncher" + i)), body));

        assertThat(answers.stream().filter(r -> r.statusCode() == 202).count(), equalTo(18L));
        assertThat(answers.stream().filter(r -> r.statusCode() == 409 && "SOLD_OUT".equals(r.path("code"))).count(),
                equalTo(6L));
        assertThat(catalog.stockLeft(catalog.staffToken, lunch), equalTo(0));
    }

    @Test
    void mealsCancelledAtOnceAllGoBackAndAreTakenAgainNoMoreThanTheQuota() throws Exception {
        // Fewer meals than the day has slots: most slots hold none.
        UUID lunch = meal(3);
        String body = "{\"rewardId\":\"" + lunch + "\"}";
        List<String> residents = new ArrayList<>();
        List<UUID> booked = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String resident = catalog.resident(CatalogFixture.unique("canceller" + i));
            residents.add(resident);
            booked.add(UUID.fromString(CatalogFixture.redeem(resident, body).then().statusCode(202).extract().path("id")));
        }

        List<Response> cancelled = CatalogFixture.race(3, i -> given().auth().oauth2(residents.get(i))
                .when().post(API + "/redemptions/" + booked.get(i) + "/cancel"));
        assertThat(cancelled.stream().filter(r -> r.statusCode() == 200).count(), equalTo(3L));
        assertThat(catalog.stockLeft(catalog.staffToken, lunch), equalTo(3));

        List<Response> again = CatalogFixture.race(6,
                i -> CatalogFixture.redeem(catalog.resident(CatalogFixture.unique("second" + i)), body));
        assertThat(again.stream().filter(r -> r.statusCode() == 202).count(), equalTo(3L));
        assertThat(catalog.stockLeft(catalog.staffToken, lunch), equalTo(0));
    }

    private UUID meal(int dailyQuota) {
        String canteen = catalog.partner("CANTEEN", "食堂");
        return catalog.reward("{\"partnerId\":\"" + canteen + "\",\"kind\":\"MEAL\",\"title\":\"午餐\",\"points\":8,"
                + "\"dailyQuota\":" + dailyQuota + "}");
    }

    @Test
    void twoCountersScanningTheSameCodeTakeItOnce() throws Exception {
        String canteen = catalog.partner("CANTEEN", "食堂");
        UUID gift = catalog.goods(canteen, "小礼品", 2, 5, null);
        String resident = catalog.resident(CatalogFixture.unique("fan"));
        UUID id = CatalogFixture.redeemGoods(resident, gift);
        points.hold(COMMUNITY, id);
        awaitState(resident, id, "CONFIRMED");
        String code = redemption(resident, id).then().extract().path("voucher.code");
        String counter = catalog.partnerToken(canteen);

        List<Response> answers = CatalogFixture.race(8,
                i -> given().auth().oauth2(counter).when().post(API + "/vouchers/" + code + "/fulfil"));

        assertThat(answers.stream().filter(r -> r.statusCode() == 200).count(), equalTo(1L));
        assertThat(answers.stream().filter(r -> r.statusCode() == 409).count(), equalTo(7L));
    }
}
