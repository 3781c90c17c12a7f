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
        return List.of("journal_transaction", "posting", "control_audit", "chain_link", "month_seal");
    }

    @Override
    protected String[] tableAndTrigger() {
        return new String[] { "posting", "posting_append_only" };
    }

    @Override
    protected Map<String, String> changeableTables() {
        return Map.of(
                "account", "UPDATE (posted, pending)",
                "chain_progress", "UPDATE (last_xid, updated_at)",
                "hold", "UPDATE (status, reason, closed_at)",
                "hold_answer", "UPDATE (envelope)",
                "staff_transfer", "UPDATE (status, decided_by, decided_at, decision_reason)",
                "outbox_event", "DELETE, UPDATE",
                "idempotency_record", "UPDATE (response_body)",
                "dead_letter", "UPDATE (state, redriven_at, redriven_by)");
    }
}
