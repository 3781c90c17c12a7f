package org.communitypoints.activity;

import java.util.List;
import java.util.Map;

import org.communitypoints.testsupport.RuntimeRoleChecks;

import io.quarkus.test.junit.QuarkusTest;

/** The application role cannot rewrite rule versions, corrections or the export log, nor switch their triggers off. */
@QuarkusTest
class RuntimeRoleTest extends RuntimeRoleChecks {

    @Override
    protected String schema() {
        return "activity";
    }

    @Override
    protected List<String> appendOnlyTables() {
        return List.of("points_rule", "shift_correction", "shift_export_log", "shift_audit", "attendance");
    }

    @Override
    protected String[] tableAndTrigger() {
        return new String[] { "shift", "shift_keep_history" };
    }

    @Override
    protected Map<String, String> changeableTables() {
        return Map.ofEntries(
                Map.entry("shift", "UPDATE"),
                Map.entry("sign_up", "UPDATE (status, withdrawn_at)"),
                Map.entry("activity", "UPDATE (signed_up)"),
                Map.entry("activity_kind", "UPDATE (name)"),
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
