package org.communitypoints.catalog;

import static io.restassured.RestAssured.given;
import static org.communitypoints.catalog.CatalogFixture.API;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.communitypoints.testsupport.RuntimeRoleChecks;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/**
 * A dishonest insider with the application's database password, against the redemptions the catalog's settlement
 * sums: a redemption's price, resident, partner and reward stay what they were when it was made (V93); it moves only
 * forward, a saga step at a time, and what a step recorded (voucher, who took it and when) is not rewritten (V94);
 * a voucher is taken inside its validity, at the time it is recorded (V95).
 * The service's own saves, which write every column, still go through: every other catalog test takes them.
 */
@QuarkusTest
class RedemptionInsiderTest {

    static final String COMMUNITY = "insider";
    final CatalogFixture catalog = new CatalogFixture(COMMUNITY);
    static final PointsSide points = new PointsSide();

    @Inject
    DataSource dataSource;

    @AfterAll
    static void close() {
        points.close();
    }

    @Test
    void theApplicationsRoleCannotChangeWhatARedemptionCostsOrWhoseItIs() throws SQLException {
        String shop = catalog.partner("SHOP", "便民小店");
        UUID kettle = catalog.goods(shop, "电水壶", 9, 5, null);
        String resident = catalog.resident(CatalogFixture.unique("terms"));
        UUID id = CatalogFixture.redeemGoods(resident, kettle);

        for (String change : new String[] { "points = 0", "subsidy_points = subsidy_points + 9",
                "member_id = 'someone-else'", "partner_id = partner_id || '-x'",
                "valid_until = valid_until + interval '1 year'" }) {
            assertRefused(id, change);
        }
        // The entity's own saves write every column with the values they had: those still go through.
        assertEquals(1, update(id, "points = points, member_id = member_id, reason_detail = reason_detail"));
        assertEquals("9", column(id, "points"));
    }

    @Test
    void aUsedVoucherCannotBeMovedToAnotherCounterOrAnotherSettlementPeriod() throws SQLException {
        String canteen = catalog.partner("CANTEEN", "长者食堂");
        UUID lunch = catalog.goods(canteen, "午餐券", 8, 5, null);
        String resident = catalog.resident(CatalogFixture.unique("used"));
        String[] voucher = points.confirmedVoucher(COMMUNITY, resident, CatalogFixture.redeemGoods(resident, lunch));
        UUID id = UUID.fromString(voucher[0]);
        given().auth().oauth2(catalog.partnerToken(canteen)).when().post(API + "/vouchers/" + voucher[1] + "/fulfil")
                .then().statusCode(200).body("state", equalTo("FULFILLED"));
        String takenBy = column(id, "fulfilled_by");

        for (String change : new String[] { "fulfilled_by = 'another-counter'",
                "fulfilled_at = fulfilled_at - interval '40 days'", "voucher_code = 'ABCDEFGHJK'",
                "state = 'CONFIRMED'", "state = 'CANCELLED'", "reason_code = 'NOTHING_HAPPENED'" }) {
            assertRefused(id, change);
        }
        assertEquals(takenBy, column(id, "fulfilled_by"));
        assertEquals("FULFILLED", column(id, "state"));
    }

    @Test
    void aCancelledOrPendingRedemptionCannotBeMadeIntoAUsedOne() throws SQLException {
        String firm = catalog.partner("HOUSEKEEPING", "家政公司");
        UUID hour = catalog.goods(firm, "家政服务一小时", 15, 5, null);
        String resident = catalog.resident(CatalogFixture.unique("steps"));
        UUID pending = CatalogFixture.redeemGoods(resident, hour);
        String[] voucher = points.confirmedVoucher(COMMUNITY, resident, CatalogFixture.redeemGoods(resident, hour));
        UUID cancelled = UUID.fromString(voucher[0]);
        given().auth().oauth2(resident).when().post(API + "/redemptions/" + cancelled + "/cancel")
                .then().statusCode(200).body("state", equalTo("CANCELLED"));

        // Straight to a used state, each step taken without the saga, or back from the end.
        assertRefused(pending, "state = 'CAPTURED', captured_at = now()");
        assertRefused(pending, "state = 'FULFILLED', fulfilled_at = now(), fulfilled_by = 'insider'");
        assertRefused(pending, "fulfilled_at = now(), fulfilled_by = 'insider'");
        assertRefused(cancelled, "state = 'FULFILLED', fulfilled_at = now(), fulfilled_by = 'insider'");
        assertRefused(cancelled, "state = 'CONFIRMED'");
        assertRefused(cancelled, "holds_capacity = true");
        assertEquals("PENDING", column(pending, "state"));
        assertEquals("CANCELLED", column(cancelled, "state"));
    }

    @Test
    void aVoucherIsTakenWhileValidAndWhenItIsTaken() throws SQLException {
        String canteen = catalog.partner("CANTEEN", "长者食堂");
        UUID supper = catalog.goods(canteen, "晚餐券", 8, 5, null);
        String resident = catalog.resident(CatalogFixture.unique("backdated"));
        UUID id = UUID
                .fromString(points.confirmedVoucher(COMMUNITY, resident, CatalogFixture.redeemGoods(resident, supper))[0]);

        // Backdated into an earlier settlement period (before the voucher was valid), dated late in its validity (a
        // day the counter has not seen yet), or with nobody's name or no time.
        assertRefused(id, "state = 'FULFILLED', fulfilled_at = now() - interval '40 days', fulfilled_by = 'insider'");
        assertRefused(id, "state = 'FULFILLED', fulfilled_at = valid_until - interval '1 minute', fulfilled_by = 'insider'");
        assertRefused(id, "state = 'FULFILLED', fulfilled_at = valid_until + interval '1 minute', fulfilled_by = 'insider'");
        assertRefused(id, "state = 'FULFILLED', fulfilled_by = 'insider'");
        assertEquals("CONFIRMED", column(id, "state"));
        // Taken now, inside its validity, is the step a counter's fulfilment writes: it still goes through.
        assertEquals(1, update(id, "state = 'FULFILLED', fulfilled_at = clock_timestamp(), fulfilled_by = 'counter'"));
        assertEquals("FULFILLED", column(id, "state"));
    }

    @Test
    void aRedemptionCannotBeInsertedAsAlreadyUsed() throws SQLException {
        String school = catalog.partner("NIGHT_SCHOOL", "夜校");
        UUID book = catalog.goods(school, "书法课本", 6, 5, null);
        String resident = catalog.resident(CatalogFixture.unique("insert"));
        UUID model = CatalogFixture.redeemGoods(resident, book);

        SQLException refused = assertThrows(SQLException.class,
                () -> copy(model,
                        "'state', 'CAPTURED', 'fulfilled_at', now(), 'fulfilled_by', 'insider', 'captured_at', now()"));
        assertEquals("42501", refused.getSQLState());
        // The same copy as a new request (PENDING, nothing used) is what the service itself inserts.
        assertEquals(1, copy(model, "'state', 'PENDING'"));
    }

    private void assertRefused(UUID id, String change) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            RuntimeRoleChecks.assertPermissionDenied(connection,
                    "update redemption set " + change + " where id = '" + id + "'");
        }
    }

    private int update(UUID id, String change) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement update = connection.prepareStatement("update redemption set " + change + " where id = ?")) {
            update.setObject(1, id);
            return update.executeUpdate();
        }
    }

    /** Inserts a copy of a redemption under a new id, with the given columns changed (jsonb_build_object pairs). */
    private int copy(UUID id, String changes) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement("insert into redemption select (jsonb_populate_record("
                        + "r, to_jsonb(r) || jsonb_build_object('id', gen_random_uuid(), " + changes + "))).* "
                        + "from redemption r where id = ?")) {
            insert.setObject(1, id);
            return insert.executeUpdate();
        }
    }

    private String column(UUID id, String column) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement read = connection
                        .prepareStatement("select " + column + "::text from redemption where id = ?")) {
            read.setObject(1, id);
            try (ResultSet row = read.executeQuery()) {
                assertTrue(row.next());
                return row.getString(1);
            }
        }
    }
}
