package org.communitypoints.community;

import java.util.List;
import java.util.Map;

import org.communitypoints.testsupport.RuntimeRoleChecks;

import io.quarkus.test.junit.QuarkusTest;

/** The registry's application role can neither edit nor empty the audit, nor switch its triggers off. */
@QuarkusTest
class RuntimeRoleTest extends RuntimeRoleChecks {

    @Override
    protected String schema() {
        return "community";
    }

    @Override
    protected List<String> appendOnlyTables() {
        return List.of("registry_audit");
    }

    @Override
    protected String[] tableAndTrigger() {
        return new String[] { "registry_audit", "registry_audit_no_change" };
    }

    @Override
    protected Map<String, String> changeableTables() {
        return Map.of(
                "resident", "UPDATE (display_name, household_id, phone, birth_year, volunteer_state, status, version,"
                        + " updated_at, moved_out_at, elderly)",
                "household", "UPDATE (name, status, version, updated_at)",
                "household_category", "DELETE, UPDATE (valid_from, valid_until, evidence_note, recorded_by, recorded_at)",
                "join_request", "UPDATE (status, household_id, decided_by, decided_at, decline_reason)",
                "proxy_grant", "UPDATE (revoked_at, revoked_by, version)",
                "outbox_event", "DELETE, UPDATE",
                "idempotency_record", "UPDATE (response_body)",
                "dead_letter", "UPDATE (state, redriven_at, redriven_by)");
    }
}
