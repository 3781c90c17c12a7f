package org.communitypoints.points;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

import org.communitypoints.testsupport.RuntimeRoleChecks;
import org.communitypoints.testsupport.TestDatabase;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/**
 * A dishonest insider with the application's database password against the holds (V106): a hold ends once, from
 * PLACED, and stays as it ended, so no released, expired or captured hold is placed again for the next capture to
 * take. Played as the runtime role in a transaction rolled back at the end: the holds it inserts have no postings
 * and must not stay for the ledger checks of other tests.
 */
@QuarkusTest
class HoldEndsOnceTest {

    @Test
    void aHoldEndsOnceFromPlacedAndStaysAsItEnded() throws SQLException {
        TestDatabase.asRuntimeRoleRolledBack((connection, statement) -> {
            UUID released = placedHold(statement);
            UUID captured = placedHold(statement);
            // how HoldService ends a hold: the control for the refusals below
            assertEquals(1, end(statement, released, "RELEASED", "'CANCELLED'"));
            assertEquals(1, end(statement, captured, "CAPTURED", "null"));

            assertRefused(connection, released, "status = 'PLACED', closed_at = null");
            assertRefused(connection, released, "status = 'CAPTURED'");
            assertRefused(connection, released, "reason = 'EXPIRED'");
            assertRefused(connection, released, "closed_at = closed_at - interval '40 days'");
            assertRefused(connection, captured, "status = 'RELEASED', reason = 'CANCELLED'");
            assertRefused(connection, captured, "status = 'PLACED', closed_at = null");

            UUID placed = placedHold(statement);
            assertRefused(connection, placed, "reason = 'NOTHING_HAPPENED'");
            assertRefused(connection, placed, "status = 'EXPIRED'"); // an end without its time
            assertRefused(connection, placed, "status = 'REJECTED', closed_at = now()");
        });
    }

    private static UUID placedHold(Statement statement) throws SQLException {
        UUID redemption = UUID.randomUUID();
        statement.executeUpdate("""
                insert into hold (redemption_id, community_id, member_id, partner_id, reward_title, points, subsidy_points,
                                  expires_at, status)
                values ('%s', 'insider', 'resident-a', 'canteen', '午餐', 8, 0, now() + interval '1 day', 'PLACED')"""
                .formatted(redemption));
        return redemption;
    }

    private static int end(Statement statement, UUID redemption, String status, String reason) throws SQLException {
        return statement
                .executeUpdate("update hold set status = '%s', reason = %s, closed_at = now() where redemption_id = '%s'"
                        .formatted(status, reason, redemption));
    }

    private static void assertRefused(Connection connection, UUID redemption, String change) throws SQLException {
        RuntimeRoleChecks.assertPermissionDenied(connection,
                "update hold set " + change + " where redemption_id = '" + redemption + "'");
    }
}
