package org.communitypoints.catalog;

import static io.restassured.RestAssured.given;
import static org.communitypoints.catalog.CatalogFixture.API;
import static org.communitypoints.catalog.CatalogFixture.awaitState;
import static org.communitypoints.catalog.CatalogFixture.redemption;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.startsWith;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.communitypoints.testsupport.TestDatabase;
import org.communitypoints.testsupport.Tokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

@QuarkusTest
class SettlementAndExportTest {

    static final String COMMUNITY = "tianxiang";
    final CatalogFixture catalog = new CatalogFixture(COMMUNITY);
    static final PointsSide points = new PointsSide();
    static final String TODAY = LocalDate.now(ZoneId.of("Asia/Shanghai")).toString();

    @AfterAll
    static void close() {
        points.close();
    }

    /** An eligible resident's parking ticket (10 points, 30% off) taken at the counter and captured. */
    private UUID capturedTicket(String parking, UUID ticket) {
        String memberId = CatalogFixture.unique("elder");
        String resident = catalog.eligibleResident(memberId, "DISABILITY");
        UUID id = CatalogFixture.redeemGoods(resident, ticket);
        points.hold(COMMUNITY, id);
        awaitState(resident, id, "CONFIRMED");
        String code = redemption(resident, id).then().extract().path("voucher.code");
        given().auth().oauth2(catalog.partnerToken(parking)).when().post(API + "/vouchers/" + code + "/fulfil")
                .then().statusCode(200);
        points.capture(COMMUNITY, id);
        awaitState(resident, id, "CAPTURED");
        return id;
    }

    @Test
    void aPartnersSettlementShowsWhatResidentsAndTheSubsidyPoolPaidAsJsonAndCsv() {
        String parking = catalog.partner("PARKING", "天香蓝郡停车场");
        UUID ticket = catalog.goods(parking, "免费停车券, 一次", 10, 10, "{\"percent\":30}");
        UUID first = capturedTicket(parking, ticket);
        capturedTicket(parking, ticket);

        String period = "?from=" + TODAY + "&to=" + TODAY;
        given().auth().oauth2(catalog.partnerToken(parking)).when().get(API + "/partners/" + parking + "/settlement" + period)
                .then().statusCode(200)
                .body("partnerName", equalTo("天香蓝郡停车场"))
                .body("vouchersFulfilled", equalTo(2))
                .body("pointsCaptured", equalTo(14))
                .body("subsidyCaptured", equalTo(6))
                .body("awaitingCapture", equalTo(0))
                .body("lines", hasSize(2));
        // Community staff see it too.
        given().auth().oauth2(catalog.staffToken).when().get(API + "/partners/" + parking + "/settlement" + period)
                .then().statusCode(200).body("vouchersFulfilled", equalTo(2));

        Response csv = given().auth().oauth2(catalog.partnerToken(parking))
                .when().get(API + "/partners/" + parking + "/settlement.csv" + period);
        csv.then().statusCode(200).contentType(startsWith("text/csv"));
        byte[] bytes = csv.asByteArray();
        assertThat(new byte[] { bytes[0], bytes[1], bytes[2] }, equalTo(new byte[] { (byte) 0xEF, (byte) 0xBB, (byte) 0xBF }));
        String text = new String(bytes, StandardCharsets.UTF_8);
        assertThat(text, startsWith("\uFEFFredemption_id,voucher_code,reward,"));
        assertThat(text, containsString(first + ","));
        assertThat(text, containsString("\"免费停车券, 一次\""));
        assertThat(text.lines().count(), equalTo(3L));
        assertThat("voucher codes are masked in the file", text, containsString(",****"));
        assertThat(csv.header("Content-Disposition"), startsWith("attachment; filename=\"settlement-" + parking));

        // The reconciler names the community itself; without it the request is refused.
        given().auth().oauth2(Tokens.reconciler()).when()
                .get(API + "/partners/" + parking + "/settlement" + period + "&communityId=" + COMMUNITY)
                .then().statusCode(200).body("pointsCaptured", equalTo(14)).body("subsidyCaptured", equalTo(6));
        given().auth().oauth2(Tokens.reconciler()).when().get(API + "/partners/" + parking + "/settlement" + period)
                .then().statusCode(400).body("code", equalTo("COMMUNITY_REQUIRED"));

        given().auth().oauth2(catalog.staffToken).accept("text/csv")
                .when().get(API + "/partners/" + parking + "/settlement" + period)
                .then().statusCode(200).contentType(startsWith("text/csv"))
                .body(containsString("resident_points,subsidy_points"));
    }

    @Test
    void aRewardTitleThatLooksLikeAFormulaIsShownNotRunInTheCsv() {
        String shop = catalog.partner("SHOP", "便民小店");
        UUID tab = catalog.goods(shop, "\\t=HYPERLINK(\\\"http://x\\\")", 10, 5, null);
        UUID plus = catalog.goods(shop, "+1 茶叶", 10, 5, null);
        capturedTicket(shop, tab);
        capturedTicket(shop, plus);

        String text = given().auth().oauth2(catalog.partnerToken(shop)).when()
                .get(API + "/partners/" + shop + "/settlement.csv?from=" + TODAY + "&to=" + TODAY)
                .then().statusCode(200).extract().asString();
        assertThat(text, containsString(",\"'\t=HYPERLINK(\"\"http://x\"\")\","));
        assertThat(text, containsString(",'+1 茶叶,"));
    }

    @Test
    void aPartnerSeesOnlyItsOwnSettlementAndOnlyInItsCommunity() {
        String parking = catalog.partner("PARKING", "停车场");
        String firm = catalog.partner("HOUSEKEEPING", "家政");
        String period = "?from=" + TODAY + "&to=" + TODAY;

        given().auth().oauth2(catalog.partnerToken(firm)).when().get(API + "/partners/" + parking + "/settlement" + period)
                .then().statusCode(403).body("code", equalTo("NOT_YOUR_PARTNER"));
        given().auth().oauth2(Tokens.staff("staff-elsewhere", "shuita"))
                .when().get(API + "/partners/" + parking + "/settlement" + period)
                .then().statusCode(404).body("code", equalTo("PARTNER_NOT_FOUND"));
        // Whose partner is decided before the period is looked at.
        given().auth().oauth2(Tokens.staff("staff-elsewhere", "shuita"))
                .when().get(API + "/partners/" + parking + "/settlement?from=" + TODAY)
                .then().statusCode(404).body("code", equalTo("PARTNER_NOT_FOUND"));
        given().auth().oauth2(catalog.resident("nosy")).when().get(API + "/partners/" + parking + "/settlement" + period)
                .then().statusCode(403);
        given().auth().oauth2(catalog.staffToken).when().get(API + "/partners/" + parking + "/settlement?from=" + TODAY)
                .then().statusCode(400).body("code", equalTo("INVALID_PERIOD"));
    }

    @Test
    void aResidentSeesOnlyTheirOwnRedemptions() {
        String shop = catalog.partner("SHOP", "小店");
        UUID gift = catalog.goods(shop, "毛巾", 2, 5, null);
        String owner = catalog.resident(CatalogFixture.unique("owner"));
        UUID id = CatalogFixture.redeemGoods(owner, gift);

        redemption(catalog.resident(CatalogFixture.unique("neighbour")), id)
                .then().statusCode(404).body("code", equalTo("REDEMPTION_NOT_FOUND"));
        given().auth().oauth2(catalog.resident(CatalogFixture.unique("neighbour"))).when()
                .post(API + "/redemptions/" + id + "/cancel")
                .then().statusCode(404);
        redemption(Tokens.staff("staff-other", "ximalu"), id).then().statusCode(404);
        redemption(catalog.staffToken, id).then().statusCode(200);
        given().auth().oauth2(owner).when().get(API + "/redemptions/" + id).then().statusCode(200);
        given().when().get(API + "/redemptions/" + id).then().statusCode(401);
    }

    @Test
    void theReconcilerReadsRedemptionsWithTheirHistoryAfterACursor() {
        String parking = catalog.partner("PARKING", "停车场");
        UUID ticket = catalog.goods(parking, "停车券", 10, 10, "{\"points\":4,\"categories\":[\"DISABILITY\"]}");
        String start = given().auth().oauth2(Tokens.reconciler())
                .when().get(API + "/exports/redemptions?limit=1000")
                .then().statusCode(200).extract().path("nextCursor");
        UUID id = capturedTicket(parking, ticket);

        List<Map<String, Object>> items = exportedAfter(start);
        Map<String, Object> item = items.stream().filter(i -> id.toString().equals(i.get("id"))).findFirst().orElseThrow();
        assertThat(item.get("state"), equalTo("CAPTURED"));
        assertThat(item.get("points"), equalTo(6));
        assertThat(item.get("subsidyPoints"), equalTo(4));
        assertThat(item.get("communityId"), equalTo(COMMUNITY));
        assertThat("the hold's own deadline lets a reconciler spot a stale hold", item.get("holdExpiresAt"),
                org.hamcrest.Matchers.notNullValue());
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> history = (List<Map<String, Object>>) item.get("history");
        assertThat(history.stream().map(h -> h.get("state")).toList(),
                equalTo(List.of("PENDING", "CONFIRMED", "FULFILLED", "CAPTURED")));

        given().auth().oauth2(catalog.staffToken).when().get(API + "/exports/redemptions").then().statusCode(403);
        given().auth().oauth2(Tokens.reconciler()).when().get(API + "/exports/redemptions?limit=0")
                .then().statusCode(400).body("code", equalTo("INVALID_LIMIT"));
        given().auth().oauth2(Tokens.reconciler()).when().get(API + "/exports/redemptions?after=yesterday")
                .then().statusCode(400).body("code", equalTo("INVALID_CURSOR"));
    }

    @Test
    void redemptionsWrittenOnEitherSideOfAPowerOfTenInTransactionIdsAreExportedInOrder() throws SQLException {
        // Transaction ids sorted as text put 10000 before 9999: the export must page by their value.
        String parking = catalog.partner("PARKING", "十进停车场");
        UUID ticket = catalog.goods(parking, "跨位停车券", 10, 10, null);
        String resident = catalog.resident(CatalogFixture.unique("digits"));
        UUID before = CatalogFixture.redeemGoods(resident, ticket);
        long beforeXid = writerXid(before);
        long powerOfTen = (long) Math.pow(10, Long.toString(beforeXid).length());
        burnTransactionIdsUpTo(powerOfTen);
        UUID after = CatalogFixture.redeemGoods(resident, ticket);
        assertThat(Long.toString(writerXid(after)).length(), equalTo(Long.toString(beforeXid).length() + 1));

        List<Object> ids = exportedAfter((beforeXid - 1) + "-0").stream().map(i -> i.get("id")).toList();
        assertThat(ids, hasItems(before.toString(), after.toString()));
        assertThat("each redemption once, in the order they were written", ids.indexOf(before.toString()),
                lessThan(ids.indexOf(after.toString())));
        assertThat(ids.size(), equalTo(new java.util.HashSet<>(ids).size()));
    }

    private static long writerXid(UUID redemption) throws SQLException {
        try (Connection connection = TestDatabase.asSuperuser();
                PreparedStatement select = connection.prepareStatement(
                        "select writer_xid::text from catalog.redemption where id = ?")) {
            select.setObject(1, redemption);
            try (ResultSet rs = select.executeQuery()) {
                rs.next();
                return Long.parseLong(rs.getString(1));
            }
        }
    }

    /** Spends transaction ids (one per subtransaction that writes) until the next one is at least {@code next}. */
    private static void burnTransactionIdsUpTo(long next) throws SQLException {
        try (Connection connection = TestDatabase.asSuperuser(); Statement statement = connection.createStatement()) {
            statement.execute("create temp table spent (i int)");
            statement.execute("""
                    do $$
                    begin
                        for i in 1 .. greatest(0, %d - pg_current_xact_id()::text::bigint) loop
                            begin
                                insert into spent values (i);
                                raise exception 'spent';
                            exception when raise_exception then null;
                            end;
                        end loop;
                    end $$""".formatted(next));
        }
    }

    /** Pages through the export from the cursor, as the reconciler does; each redemption appears once, at its last change. */
    private static List<Map<String, Object>> exportedAfter(String cursor) {
        List<Map<String, Object>> all = new java.util.ArrayList<>();
        while (true) {
            Response page = given().auth().oauth2(Tokens.reconciler())
                    .when().get(API + "/exports/redemptions?after=" + cursor + "&limit=2");
            page.then().statusCode(200);
            List<Map<String, Object>> items = page.path("items");
            if (items.isEmpty()) {
                return all;
            }
            all.addAll(items);
            cursor = page.path("nextCursor");
        }
    }
}
