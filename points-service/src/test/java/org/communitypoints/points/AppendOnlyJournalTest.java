package org.communitypoints.points;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

import jakarta.inject.Inject;

import org.communitypoints.testsupport.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/**
 * The database itself refuses to edit the journal or to break its sums, whatever client writes to it: these run as
 * the schema's owner, which privileges do not stop (the application's role is refused before the triggers are
 * reached: RuntimeRoleTest).
 */
@QuarkusTest
class AppendOnlyJournalTest {

    private static final String COMMUNITY = "ximalu";

    @Inject
    LedgerChecks ledger;

    @AfterEach
    void invariantsHold() {
        ledger.assertInvariants();
    }

    private SQLException refused(String sql) {
        return assertThrows(SQLException.class, () -> {
            try (Connection connection = TestDatabase.asOwner();
                    Statement statement = connection.createStatement()) {
                statement.execute(sql);
            }
        });
    }

    private String credited() {
        String member = "resident-" + UUID.randomUUID();
        ledger.credit(COMMUNITY, member, 12, "书法课协助");
        return member;
    }

    @Test
    void anUpdateOfAPostingFails() {
        String member = credited();
        SQLException e = refused("update posting set amount = amount * 10 where account_id = "
                + "(select id from account where owner_id = '" + member + "')");
        assertTrue(e.getMessage().contains("append-only"), e.getMessage());
        assertEquals(12, ledger.residentBalance(COMMUNITY, member)[0]);
    }

    @Test
    void aDeleteOfAPostingFails() {
        String member = credited();
        SQLException e = refused("delete from posting where account_id = (select id from account where owner_id = '"
                + member + "')");
        assertTrue(e.getMessage().contains("append-only"), e.getMessage());
    }

    @Test
    void anUpdateOrDeleteOfATransactionFails() {
        credited();
        assertTrue(refused("update journal_transaction set description = 'edited'").getMessage().contains("append-only"));
        assertTrue(refused("delete from journal_transaction").getMessage().contains("append-only"));
    }

    @Test
    void truncatingTheJournalFails() {
        credited();
        assertTrue(refused("truncate posting, journal_transaction cascade").getMessage().contains("append-only"));
    }

    @Test
    void aTransactionThatDoesNotSumToZeroIsRefused() {
        String member = credited();
        UUID id = UUID.randomUUID();
        SQLException e = refused(
                """
                        with t as (insert into journal_transaction (id, community_id, kind, cause_type, cause_id, description, actor, posted_at)
                                   values ('%s', '%s', 'ADJUSTMENT', 'ADJUSTMENT', '%s', 'one-legged', 'intruder', now()) returning id)
                        insert into posting (transaction_id, account_id, amount, posted_at)
                        select t.id, (select id from account where owner_id = '%s'), 1000, now() from t"""
                        .formatted(id, COMMUNITY, id, member));
        assertTrue(e.getMessage().contains("does not balance"), e.getMessage());
        assertEquals(12, ledger.residentBalance(COMMUNITY, member)[0]);
    }

    @Test
    void aResidentBalanceBelowZeroIsRefused() {
        String member = credited();
        SQLException e = refused("update account set pending = -13 where owner_id = '" + member + "'");
        assertEquals("23514", e.getSQLState());
    }
}
