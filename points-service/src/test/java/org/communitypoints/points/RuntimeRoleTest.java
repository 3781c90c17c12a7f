package org.communitypoints.points;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.communitypoints.testsupport.RuntimeRoleChecks;
import org.communitypoints.testsupport.TestDatabase;
import org.junit.jupiter.api.Test;
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
                "expiry_warning", "reconciliation_run", "reconciliation_discrepancy",
                // what the reconciler reads of refused requests (V110): an insider cannot take an attempt back
                "unconfirmed_request");
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

    /**
     * Books, as the application's role and rolled back afterwards, a transaction of community "a" that credits a
     * resident of {@code residentCommunity} 5 points against community a's issuance account, each leg marked as the
     * issuance leg or not as asked.
     */
    private static void bookAsTheApplication(String residentCommunity, boolean markResident, boolean markIssuance)
            throws SQLException {
        String a = "mark-" + UUID.randomUUID();
        String residents = residentCommunity.equals("a") ? a : "mark-" + UUID.randomUUID();
        TestDatabase.asRuntimeRoleRolledBack((connection, statement) -> {
            statement.executeUpdate("""
                    insert into account (community_id, type, owner_id)
                    values ('%s', 'RESIDENT', 'resident-a'), ('%s', 'ISSUANCE', '')""".formatted(residents, a));
            UUID transaction = UUID.randomUUID();
            statement.executeUpdate("""
                    insert into journal_transaction (id, community_id, kind, cause_type, cause_id, description,
                                                     actor, posted_at)
                    values ('%s', '%s', 'ADJUSTMENT', 'ADJUSTMENT', 'insider', '补记', 'insider', now())"""
                    .formatted(transaction, a));
            statement.executeUpdate("""
                    insert into posting (transaction_id, account_id, amount, issuance_leg)
                    select '%s', id, case type when 'RESIDENT' then 5 else -5 end,
                           case type when 'RESIDENT' then %s else %s end
                    from account where (community_id, type) in (('%s', 'RESIDENT'), ('%s', 'ISSUANCE'))"""
                    .formatted(transaction, markResident ? "true" : "null", markIssuance ? "true" : "null",
                            residents, a));
        });
    }

    @Test
    void aBookingWhoseIssuanceLegAloneIsMarkedIsTaken() throws SQLException {
        // the control for the two refusals below: the same booking, marked as the journal's writer marks it, is taken
        bookAsTheApplication("a", false, true);
    }

    /**
     * posting_by_account leaves a marked posting out (V100): a resident's leg marked as the issuance leg would be missing
     * from the resident's passbook, balance as of a moment and expiry lots.
     */
    @Test
    void theApplicationCannotHideAResidentsPostingFromTheAccountIndexByMarkingItAsTheIssuanceLeg() {
        SQLException refused = assertThrows(SQLException.class, () -> bookAsTheApplication("a", true, true));
        assertEquals("23514", refused.getSQLState(), refused.getMessage());
        assertTrue(refused.getMessage().contains("only a posting to the issuance account"), refused.getMessage());
    }

    /** The issuance balance is minus its community's other accounts (V100): a transaction stays in one community. */
    @Test
    void theApplicationCannotPostToAnAccountOfAnotherCommunity() {
        SQLException refused = assertThrows(SQLException.class, () -> bookAsTheApplication("b", false, true));
        assertEquals("23514", refused.getSQLState(), refused.getMessage());
        assertTrue(refused.getMessage().contains("journal transaction's community"), refused.getMessage());
    }
}
