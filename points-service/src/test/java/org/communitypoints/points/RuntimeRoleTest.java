package org.communitypoints.points;

import java.util.List;
import java.util.Map;

import org.communitypoints.testsupport.RuntimeRoleChecks;

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
}
