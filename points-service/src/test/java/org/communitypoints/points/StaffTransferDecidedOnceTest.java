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
 * A dishonest insider with the application's database password against the staff transfers (V108): a rejected
 * adjustment is not put back for another colleague to approve, a booked one is not decided again, nobody's decision is
 * rewritten, and a transfer is not inserted as already decided. Played as the runtime role in a transaction rolled back
 * at the end; the service's own inserts and decisions (every adjustment, funding and reversal test) still go through.
 */
@QuarkusTest
class StaffTransferDecidedOnceTest {

    @Test
    void aStaffTransferIsDecidedOnceFromPendingAndStaysAsItWasDecided() throws SQLException {
        TestDatabase.asRuntimeRoleRolledBack((connection, statement) -> {
            UUID rejected = asked(statement, "'PENDING', null");
            UUID approved = asked(statement, "'PENDING', null");
            UUID bookedAtOnce = asked(statement, "'BOOKED', now()");
            // how StaffTransferService decides: the control for the refusals below
            assertEquals(1, decide(statement, rejected, "REJECTED", "'查无此事'"));
            assertEquals(1, decide(statement, approved, "BOOKED", "null"));

            assertRefused(connection, rejected, "status = 'PENDING', decided_by = null, decided_at = null");
            assertRefused(connection, rejected, "status = 'BOOKED'");
            assertRefused(connection, rejected, "decision_reason = '同意'");
            assertRefused(connection, approved, "decided_by = 'staff-another'");
            assertRefused(connection, approved, "status = 'PENDING'");
            assertRefused(connection, approved, "decided_at = decided_at - interval '40 days'");
            assertRefused(connection, bookedAtOnce, "decided_by = 'staff-colleague'");
            assertRefused(connection, bookedAtOnce, "status = 'REJECTED', decided_by = 'staff-colleague'");

            UUID pending = asked(statement, "'PENDING', null");
            assertRefused(connection, pending, "status = 'BOOKED', decided_at = now()"); // decided by nobody
            assertRefused(connection, pending, "decision_reason = '先放着'");

            for (String decided : new String[] { "'BOOKED', now(), 'staff-colleague', null",
                    "'REJECTED', now(), 'staff-colleague', '不行'", "'PENDING', now(), null, null" }) {
                RuntimeRoleChecks.assertPermissionDenied(connection, insert(UUID.randomUUID(), decided));
            }
        });
    }

    /** A transfer as the service inserts it: status and decided_at given, no checker, no decision reason. */
    private static UUID asked(Statement statement, String statusAndDecidedAt) throws SQLException {
        UUID id = UUID.randomUUID();
        statement.executeUpdate(insert(id, statusAndDecidedAt + ", null, null"));
        return id;
    }

    private static String insert(UUID id, String statusDecidedAtByAndReason) {
        return """
                insert into staff_transfer (id, kind, community_id, member_id, points, reason, requested_by, requested_at,
                                            status, decided_at, decided_by, decision_reason)
                values ('%s', 'ADJUSTMENT', 'insider', 'resident-a', 150, '补记', 'staff-maker', now(), %s)"""
                .formatted(id, statusDecidedAtByAndReason);
    }

    private static int decide(Statement statement, UUID id, String status, String reason) throws SQLException {
        return statement.executeUpdate("""
                update staff_transfer set status = '%s', decided_by = 'staff-checker', decided_at = now(),
                                          decision_reason = %s
                where id = '%s'""".formatted(status, reason, id));
    }

    private static void assertRefused(Connection connection, UUID id, String change) throws SQLException {
        RuntimeRoleChecks.assertPermissionDenied(connection,
                "update staff_transfer set " + change + " where id = '" + id + "'");
    }
}
