package org.communitypoints.platform.data;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ConnectException;
import java.sql.BatchUpdateException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.concurrent.TimeoutException;

import jakarta.persistence.PersistenceException;
import jakarta.transaction.RollbackException;

import org.apache.kafka.common.errors.NotLeaderOrFollowerException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.communitypoints.platform.data.membership.RegistryCopyBehind;
import org.hibernate.exception.GenericJDBCException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.postgresql.util.PSQLException;
import org.postgresql.util.PSQLState;
import org.postgresql.util.ServerErrorMessage;

/** The classification table, with the exceptions the PostgreSQL driver, Agroal, Narayana and Kafka really throw. */
class TransientFailuresTest {

    @ParameterizedTest
    @ValueSource(strings = {
            "08000", "08006", "08001", // connection lost or refused
            "40001", "40P01", // serialization failure, deadlock
            "53300", "53200", "53100", // too many connections, out of memory, disk full
            "57P01", "57P02", "57P03", // shutting down, crashed, starting up
            "55P03", // lock_timeout
            "57014" // statement_timeout
    })
    void theseServerStatesPassIfTriedAgain(String sqlState) {
        assertTrue(TransientFailures.isTransient(server(sqlState)), sqlState);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "23505", "23503", "23514", "23P01", // unique, foreign key, check, exclusion
            "22P02", "42P01", "42703", // bad input, missing table, missing column
            "P0001", // raise exception from a trigger (the ledger's invariants)
            "57000", "55000" // other operator interventions and object states stay permanent
    })
    void theseServerStatesFailTheSameWayAgain(String sqlState) {
        assertFalse(TransientFailures.isTransient(server(sqlState)), sqlState);
    }

    @Test
    void theDriversOwnConnectionFailuresAreTransient() {
        assertTrue(
                TransientFailures.isTransient(new PSQLException("Connection refused", PSQLState.CONNECTION_UNABLE_TO_CONNECT)));
        assertTrue(TransientFailures.isTransient(new SQLTransientConnectionException("gone")));
    }

    @Test
    void theFailureIsFoundWhereverItIsWrapped() {
        PersistenceException wrapped = new PersistenceException("could not execute statement",
                new GenericJDBCException("insert", server("40P01")));

        assertTrue(TransientFailures.isTransient(new IllegalStateException("apply failed", wrapped)));
        assertFalse(TransientFailures.isTransient(new PersistenceException("x", new GenericJDBCException("insert",
                server("23505")))));
    }

    @Test
    void aRegistryCopyThatIsBehindIsWaitedForEvenInsideATransactionsFailure() {
        RegistryCopyBehind behind = new RegistryCopyBehind("redemption 1: PROXY_NOT_CONFIRMED so far");

        assertTrue(TransientFailures.isTransient(behind));
        assertTrue(TransientFailures.isTransient(new IllegalStateException("poll failed", behind)));
    }

    @Test
    void aBatchsChainedFailureCounts() {
        BatchUpdateException batch = new BatchUpdateException("Batch entry 0 was aborted", "40001", new int[0]);
        BatchUpdateException batchWithoutState = new BatchUpdateException("Batch entry 0 was aborted", new int[0]);
        batchWithoutState.setNextException(server("40P01"));

        assertTrue(TransientFailures.isTransient(batch));
        assertTrue(TransientFailures.isTransient(batchWithoutState));
    }

    @Test
    void agroalsPoolExhaustionIsTransient() {
        // What io.agroal.pool.ConnectionPool throws when no connection frees up within the acquisition timeout:
        // this message while the pool may still open one, "Sorry, acquisition timeout!" once it is full.
        SQLException exhausted = new SQLException("Acquisition timeout while waiting for new connection",
                new TimeoutException());
        SQLException full = new SQLException("Sorry, acquisition timeout!");

        assertTrue(TransientFailures.isTransient(new PersistenceException("no connection", exhausted)));
        assertTrue(TransientFailures.isTransient(new PersistenceException("no connection", full)));
        assertFalse(TransientFailures.isTransient(new SQLException("Some other pool problem")));
    }

    @Test
    void aTransactionRolledBackForTakingTooLongIsTransient() {
        // What QuarkusTransaction throws when the reaper aborted the transaction before its commit (RetryingTest).
        assertTrue(TransientFailures.isTransient(new io.quarkus.narayana.jta.QuarkusTransactionException(
                new RollbackException("ARJUNA016102: The transaction is not active! Uid is 0:ffff7f000001:aee9:6b0f9bdd:c"))));
    }

    @Test
    void aCommitThatFailedIsTransientUnlessADatabaseRefusalMadeItFail() {
        // Seen in the end-to-end PostgreSQL outage: the connection broke mid-transaction, the commit was refused.
        assertTrue(TransientFailures.isTransient(new io.quarkus.arc.ArcUndeclaredThrowableException(
                new RollbackException("ARJUNA016053: Could not commit transaction."))));
        RollbackException brokenConnection = new RollbackException("ARJUNA016053: Could not commit transaction.");
        brokenConnection.addSuppressed(new SQLException("This connection has been closed.", "08003"));
        assertTrue(TransientFailures.isTransient(brokenConnection));
        RollbackException duplicate = new RollbackException("ARJUNA016053: Could not commit transaction.");
        duplicate.addSuppressed(new SQLException("duplicate key value violates unique constraint", "23505"));
        assertFalse(TransientFailures.isTransient(duplicate));
        assertFalse(TransientFailures.isTransient(new RollbackException("ARJUNA016054: something else")));
    }

    @Test
    void kafkaRetriableErrorsAndUnreachableServersAreTransientOtherKafkaErrorsAreNot() {
        assertTrue(TransientFailures.isTransient(new NotLeaderOrFollowerException("leader moved")));
        assertTrue(TransientFailures.isTransient(new org.apache.kafka.common.errors.TimeoutException("no ack")));
        assertTrue(TransientFailures.isTransient(new io.smallrye.mutiny.TimeoutException()));
        assertTrue(TransientFailures.isTransient(new RuntimeException(new ConnectException("Connection refused"))));
        assertFalse(TransientFailures.isTransient(new RecordTooLargeException("too big")));
    }

    @Test
    void programmingErrorsAndRefusalsArePermanent() {
        assertTrue(TransientFailures.isPermanent(new NullPointerException()));
        assertTrue(TransientFailures.isPermanent(new IllegalArgumentException("bad record")));
    }

    @Test
    void aCauseChainThatLoopsEnds() {
        RuntimeException a = new RuntimeException("a");
        RuntimeException b = new RuntimeException("b", a);
        a.initCause(b);

        assertFalse(TransientFailures.isTransient(a));
    }

    private static PSQLException server(String sqlState) {
        return new PSQLException(new ServerErrorMessage("SERROR\0C" + sqlState + "\0Mfailure " + sqlState + "\0"));
    }
}
