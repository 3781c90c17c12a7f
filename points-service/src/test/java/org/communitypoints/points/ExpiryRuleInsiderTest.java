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
 * A dishonest insider with the application's database password against a community's points expiry rule (V109): the
 * rule in force is the one a second staff member approved, with its warning days before it applies, and a change is
 * decided once. Played as the runtime role in a transaction rolled back at the end; the service's own request and
 * approval go through (ExpiryTest's PolicyChange test and {@link ExpiryRules}).
 */
@QuarkusTest
class ExpiryRuleInsiderTest {

    private static final String COMMUNITY = "expiry-insider";

    @Test
    void theRuleInForceIsWhatAnApprovedChangeSaysAndAChangeIsDecidedOnce() throws SQLException {
        TestDatabase.asRuntimeRoleRolledBack((connection, statement) -> {
            // the service's way, as the control: a 24-month rule asked for, approved by a second person 30 days
            // ahead of its first day
            UUID approved = change(statement, true, 24, 30);
            assertEquals(1, decide(statement, approved, "APPLIED", "null", "now() - interval '31 days'"));
            assertEquals(1, putRule(statement, approved, true, 24, 30, "current_date"));
            UUID rejected = change(statement, true, 1, 0);
            assertEquals(1, decide(statement, rejected, "REJECTED", "'太短了'", "now()"));

            // the rule rewritten without an approved change: shorter, started at once, or under a rejected change
            assertRefused(connection, "update expiry_policy set expires_after_months = 1 where community_id = '"
                    + COMMUNITY + "'");
            assertRefused(connection, "update expiry_policy set warn_days_ahead = 0 where community_id = '"
                    + COMMUNITY + "'");
            assertRefused(connection, "update expiry_policy set approved_by = 'staff-other' where community_id = '"
                    + COMMUNITY + "'");
            assertRefused(connection, "update expiry_policy set change_id = '" + rejected
                    + "', expires_after_months = 1, warn_days_ahead = 0 where community_id = '" + COMMUNITY + "'");
            // an approved change, but brought forward past its warning days
            UUID hasty = change(statement, true, 12, 30);
            assertEquals(1, decide(statement, hasty, "APPLIED", "null", "now()"));
            assertRefused(connection, "update expiry_policy set change_id = '" + hasty
                    + "', expires_after_months = 12, expires_from = current_date where community_id = '" + COMMUNITY
                    + "'");

            // a rejected change reopened or applied, an applied one decided again, a change inserted decided
            assertRefused(connection, "update expiry_policy_change set status = 'PENDING', decided_by = null,"
                    + " decided_at = null where id = '" + rejected + "'");
            assertRefused(connection, "update expiry_policy_change set status = 'APPLIED' where id = '" + rejected + "'");
            assertRefused(connection, "update expiry_policy_change set decided_by = 'staff-other' where id = '"
                    + approved + "'");
            assertRefused(connection, """
                    insert into expiry_policy_change (id, community_id, enabled, expires_after_months, warn_days_ahead,
                                                      reason, status, requested_by, requested_at, decided_by, decided_at)
                    values (gen_random_uuid(), '%s', true, 1, 0, '补记', 'APPLIED', 'staff-maker', now(),
                            'staff-checker', now())""".formatted(COMMUNITY));
        });
    }

    private static UUID change(Statement statement, boolean enabled, int months, int warnDays) throws SQLException {
        UUID id = UUID.randomUUID();
        statement.executeUpdate("""
                insert into expiry_policy_change (id, community_id, enabled, expires_after_months, warn_days_ahead, reason,
                                                  status, requested_by, requested_at)
                values ('%s', '%s', %s, %d, %d, '调整过期规则', 'PENDING', 'staff-maker', now())"""
                .formatted(id, COMMUNITY, enabled, months, warnDays));
        return id;
    }

    private static int decide(Statement statement, UUID id, String status, String reason, String at) throws SQLException {
        return statement.executeUpdate("""
                update expiry_policy_change set status = '%s', decided_by = 'staff-checker', decided_at = %s,
                                                decision_reason = %s
                where id = '%s'""".formatted(status, at, reason, id));
    }

    private static int putRule(Statement statement, UUID change, boolean enabled, int months, int warnDays, String from)
            throws SQLException {
        return statement.executeUpdate("""
                insert into expiry_policy (community_id, enabled, expires_after_months, warn_days_ahead, expires_from,
                                           change_id, changed_by, approved_by, changed_at)
                values ('%s', %s, %d, %d, %s, '%s', 'staff-maker', 'staff-checker', now())"""
                .formatted(COMMUNITY, enabled, months, warnDays, from, change));
    }

    private static void assertRefused(Connection connection, String sql) throws SQLException {
        RuntimeRoleChecks.assertPermissionDenied(connection, sql);
    }
}
