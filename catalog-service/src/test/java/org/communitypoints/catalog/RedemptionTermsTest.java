package org.communitypoints.catalog;

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

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/**
 * A dishonest insider with the application's database password: a redemption's state may move on, but its price,
 * resident, partner and reward stay what they were when it was made (V93), so the catalog's settlement cannot be
 * changed behind the ledger's back.
 */
@QuarkusTest
class RedemptionTermsTest {

    final CatalogFixture catalog = new CatalogFixture("terms");

    @Inject
    DataSource dataSource;

    @Test
    void theApplicationsRoleCannotChangeWhatARedemptionCostsOrWhoseItIs() throws SQLException {
        String shop = catalog.partner("SHOP", "便民小店");
        UUID kettle = catalog.goods(shop, "电水壶", 9, 5, null);
        String resident = catalog.resident(CatalogFixture.unique("terms"));
        UUID id = CatalogFixture.redeemGoods(resident, kettle);

        for (String change : new String[] { "points = 0", "subsidy_points = subsidy_points + 9",
                "member_id = 'someone-else'", "partner_id = partner_id || '-x'" }) {
            SQLException refused = assertThrows(SQLException.class, () -> update(id, change), change);
            assertEquals("42501", refused.getSQLState(), change);
        }
        // The entity's own saves write every column with the values they had: those still go through.
        assertEquals(1, update(id, "points = points, member_id = member_id, reason_detail = reason_detail"));
        try (Connection connection = dataSource.getConnection();
                PreparedStatement read = connection.prepareStatement("select points from redemption where id = ?")) {
            read.setObject(1, id);
            try (ResultSet row = read.executeQuery()) {
                assertTrue(row.next());
                assertEquals(9, row.getLong(1));
            }
        }
    }

    private int update(UUID id, String change) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement update = connection.prepareStatement("update redemption set " + change + " where id = ?")) {
            update.setObject(1, id);
            return update.executeUpdate();
        }
    }
}
