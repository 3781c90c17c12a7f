package org.communitypoints.catalog;

import java.util.List;
import java.util.Map;

import org.communitypoints.testsupport.RuntimeRoleChecks;

import io.quarkus.test.junit.QuarkusTest;

/** The application role cannot rewrite a redemption's history, nor switch off the triggers that keep it. */
@QuarkusTest
class RuntimeRoleTest extends RuntimeRoleChecks {

    @Override
    protected String schema() {
        return "catalog";
    }

    @Override
    protected List<String> appendOnlyTables() {
        return List.of("redemption_history", "eligibility_audit");
    }

    @Override
    protected String[] tableAndTrigger() {
        return new String[] { "redemption", "redemption_history_append" };
    }

    @Override
    protected Map<String, String> changeableTables() {
        return Map.ofEntries(
                Map.entry("redemption", "UPDATE"),
                Map.entry("redemption_resend", "UPDATE (attempts, last_sent_at)"),
                Map.entry("class_session", "UPDATE (reserved)"),
                Map.entry("meal_day", "UPDATE (reserved)"),
                Map.entry("reward", "UPDATE"),
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
