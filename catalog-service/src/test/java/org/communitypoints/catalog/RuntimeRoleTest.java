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
        return Map.of(
                "redemption", "UPDATE",
                "redemption_resend", "UPDATE (attempts, last_sent_at)",
                "class_session", "UPDATE (reserved)",
                "meal_day", "UPDATE (reserved)",
                "reward", "UPDATE",
                "eligibility", "DELETE",
                "outbox_event", "DELETE, UPDATE",
                "idempotency_record", "UPDATE (response_body)",
                "dead_letter", "UPDATE (state, redriven_at, redriven_by)");
    }
}
