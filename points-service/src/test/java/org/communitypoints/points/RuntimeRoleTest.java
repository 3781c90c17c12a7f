package org.communitypoints.points;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;

import org.communitypoints.testsupport.RuntimeRoleChecks;
import org.communitypoints.testsupport.TestDatabase;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.quarkus.test.junit.QuarkusTest;

/** The ledger's application role can neither edit nor empty the journal, nor switch its triggers off. */
@QuarkusTest
class RuntimeRoleTest extends RuntimeRoleChecks {

    @Override
    protected String schema() {
        return "points";
    }

    @Override
    protected List<String> appendOnlyTables() {
        return List.of("journal_transaction", "posting", "control_audit", "chain_link", "month_seal",
                "expiry_warning", "reconciliation_run", "reconciliation_discrepancy");
    }

    @Override
    protected String[] tableAndTrigger() {
        return new String[] { "posting", "posting_append_only" };
    }

    @Override
    protected Map<String, String> changeableTables() {
        return Map.ofEntries(
                Map.entry("account", "UPDATE (posted, pending)"),
                Map.entry("chain_progress", "UPDATE (last_xid, updated_at)"),
                Map.entry("hold", "UPDATE (status, reason, closed_at)"),
                Map.entry("hold_answer", "UPDATE (envelope)"),
                Map.entry("staff_transfer", "UPDATE (status, decided_by, decided_at, decision_reason)"),
                // points expiry (V70): the rule in force is replaced by an approved change; a change is decided once
                Map.entry("expiry_policy", "UPDATE (enabled, expires_after_months, warn_days_ahead, "
                        + "expires_from, change_id, changed_by, approved_by, changed_at)"),
                Map.entry("expiry_policy_change", "UPDATE (status, decided_by, decided_at, decision_reason)"),
                Map.entry("outbox_event", "DELETE, UPDATE"),
                Map.entry("idempotency_record", "UPDATE (response_body)"),
                Map.entry("dead_letter", "UPDATE (state, redriven_at, redriven_by)"),
                // the registry copy (platform-data's db/membership): replaced by newer versions
                Map.entry("member_copy", "UPDATE"),
                Map.entry("household_copy", "UPDATE"),
                Map.entry("household_category_copy", "DELETE"),
                Map.entry("proxy_grant_copy", "UPDATE"));
    }

    /**
     * A posting's seq (the passbook's cursor, unique without a primary key since V90) and writer_xid (the export's
     * order) come from their defaults: the application cannot choose them.
     */
    @ParameterizedTest
    @ValueSource(strings = {
            "insert into posting (seq, transaction_id, account_id, amount, posted_at) overriding system value"
                    + " values (1, gen_random_uuid(), 1, 1, now())",
            "insert into posting (writer_xid, transaction_id, account_id, amount, posted_at)"
                    + " values ('1', gen_random_uuid(), 1, 1, now())" })
    void aPostingsSequenceAndWritingTransactionAreNotTheApplicationsToChoose(String insert) throws SQLException {
        try (Connection connection = TestDatabase.asRuntimeRole(); Statement statement = connection.createStatement()) {
            SQLException refused = assertThrows(SQLException.class, () -> statement.execute(insert));
            assertEquals("42501", refused.getSQLState(), refused.getMessage());
        }
    }
}
