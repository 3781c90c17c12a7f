package org.communitypoints.platform.data;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTransientException;
import java.util.IdentityHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;

import jakarta.transaction.RollbackException;

import org.apache.kafka.common.errors.RetriableException;
import org.communitypoints.platform.data.membership.RegistryCopyBehind;

/**
 * Tells a failure that may pass if the same work is tried again (the database or broker is away or busy)
 * from one that will fail the same way every time (a bug, a broken record, a refused rule). Consumers
 * retry the first and dead-letter the second; the outbox relay waits out the first. Written once so that
 * every service draws the line in the same place.
 *
 * <p>
 * The whole cause chain is examined, because the telling failure is usually wrapped: a PostgreSQL
 * SQLState inside Hibernate's {@code JDBCException} inside a {@code PersistenceException}, a Kafka error
 * inside a Mutiny failure. One transient cause anywhere in the chain makes the failure transient.
 *
 * <p>
 * Transient:
 * <ul>
 * <li>SQLState class 08 (connection lost or refused), 53 (insufficient resources: too many connections,
 * out of memory or disk), 57P01-57P03 (server shutting down, crashed, not yet accepting connections)</li>
 * <li>SQLState class 40 (serialization failure, deadlock: PostgreSQL aborted the transaction so that
 * another could go on; the same work succeeds when run again)</li>
 * <li>55P03 lock not available (lock_timeout) and 57014 query cancelled (statement_timeout)</li>
 * <li>any {@link SQLTransientException} (the JDBC driver's own verdict)</li>
 * <li>Agroal's acquisition timeout {@link SQLException}: every pooled connection stayed busy for the
 * acquisition timeout (it carries no SQLState, only a message: "Acquisition timeout while waiting for new
 * connection" when the pool had room to open one, "Sorry, acquisition timeout!" when it was full)</li>
 * <li>a JTA transaction timeout: while a statement runs, the reaper cancels it (57014, above); between
 * statements, the commit finds the transaction already aborted and Narayana throws a {@link RollbackException}
 * "ARJUNA016102: The transaction is not active!" with no cause. That message (or one naming a timeout)
 * counts as transient.</li>
 * <li>a commit that failed, "ARJUNA016053: Could not commit transaction.": seen when PostgreSQL went away while the
 * transaction ran (the connection broke, the transaction was marked rollback-only, the commit refused). Transient
 * unless a permanent database failure (a SQLState not listed here, e.g. a constraint violation) is among its causes
 * or suppressed exceptions, where Narayana puts what made it fail: the consumers are idempotent, so committing the
 * same work again is safe, and a valid record must not be dead-lettered for an outage.</li>
 * <li>Kafka's {@link RetriableException} (leader moved, broker not available, request timed out) and
 * timeouts waiting for an acknowledgement ({@code java.util.concurrent.TimeoutException}, Mutiny's
 * {@code TimeoutException})</li>
 * <li>{@link ConnectException}: nothing listens where the server should be</li>
 * <li>{@link RegistryCopyBehind}: this service's copy of the registry has not yet caught up with what another
 * service's copy already held</li>
 * </ul>
 * Everything else is permanent: constraint violations (23*), other SQLStates, decoding errors, domain
 * refusals, programming errors. A permanent failure retried only delays the dead letter.
 */
public final class TransientFailures implements Predicate<Throwable> {

    /** The one instance; stateless. */
    public static final TransientFailures INSTANCE = new TransientFailures();

    private static final String AGROAL_ACQUISITION_TIMEOUT = "acquisition timeout";
    /** Narayana: the transaction was aborted before the commit; in practice by the reaper, on timeout. */
    private static final String NARAYANA_NOT_ACTIVE = "ARJUNA016102";
    /** Narayana: the commit did not happen (the transaction was rolled back instead). */
    private static final String NARAYANA_COULD_NOT_COMMIT = "ARJUNA016053";

    private TransientFailures() {
    }

    /** @return whether trying the same work again can succeed */
    public static boolean isTransient(Throwable failure) {
        return INSTANCE.test(failure);
    }

    /** @return whether the failure will come back however often the work is tried: dead-letter it */
    public static boolean isPermanent(Throwable failure) {
        return !isTransient(failure);
    }

    @Override
    public boolean test(Throwable failure) {
        // Identity set: a cause chain can loop (a cause that names its wrapper), and some exceptions override equals.
        Map<Throwable, Boolean> seen = new IdentityHashMap<>();
        for (Throwable t = failure; t != null && seen.put(t, Boolean.TRUE) == null; t = t.getCause()) {
            if (isTransientItself(t)) {
                return true;
            }
            for (Throwable suppressed : t.getSuppressed()) { // Narayana's deferred failures of a commit
                if (seen.get(suppressed) == null && test(suppressed)) {
                    return true;
                }
            }
            if (t instanceof SQLException sql) {
                // JDBC batches chain the real failure separately from the cause.
                for (SQLException next = sql.getNextException(); next != null
                        && seen.put(next, Boolean.TRUE) == null; next = next
                                .getNextException()) {
                    if (isTransientItself(next)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** Whether this one exception, without its causes, names a transient condition. */
    private static boolean isTransientItself(Throwable t) {
        if (t instanceof SQLException sql) {
            return sql instanceof SQLTransientException || isTransientSqlState(sql.getSQLState())
                    || (sql.getSQLState() == null && mentionsAcquisitionTimeout(sql.getMessage()));
        }
        if (t instanceof RollbackException) {
            return startsWith(t.getMessage(), NARAYANA_NOT_ACTIVE) || mentionsTimeout(t.getMessage())
                    || (startsWith(t.getMessage(), NARAYANA_COULD_NOT_COMMIT) && !hasPermanentDatabaseFailure(t));
        }
        return t instanceof RetriableException
                || t instanceof ConnectException
                || t instanceof RegistryCopyBehind
                || t instanceof java.util.concurrent.TimeoutException
                || t instanceof io.smallrye.mutiny.TimeoutException;
    }

    /**
     * @param sqlState a five-character SQLState, as PostgreSQL reports it
     * @return whether the state names a condition that passes (see the class comment for the list)
     */
    public static boolean isTransientSqlState(String sqlState) {
        if (sqlState == null || sqlState.length() != 5) {
            return false;
        }
        return sqlState.startsWith("08") // connection exception
                || sqlState.startsWith("40") // transaction rollback: serialization failure, deadlock
                || sqlState.startsWith("53") // insufficient resources
                || sqlState.equals("57P01") // admin_shutdown
                || sqlState.equals("57P02") // crash_shutdown
                || sqlState.equals("57P03") // cannot_connect_now
                || sqlState.equals("55P03") // lock_not_available (lock_timeout)
                || sqlState.equals("57014"); // query_canceled (statement_timeout)
    }

    /** Whether a SQLException with a SQLState that does not pass is among the causes or suppressed exceptions. */
    private static boolean hasPermanentDatabaseFailure(Throwable failure) {
        Map<Throwable, Boolean> seen = new IdentityHashMap<>();
        java.util.ArrayDeque<Throwable> toVisit = new java.util.ArrayDeque<>();
        toVisit.add(failure);
        while (!toVisit.isEmpty()) {
            Throwable t = toVisit.poll();
            if (seen.put(t, Boolean.TRUE) != null) {
                continue;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null && !isTransientSqlState(sql.getSQLState())) {
                return true;
            }
            if (t.getCause() != null) {
                toVisit.add(t.getCause());
            }
            toVisit.addAll(java.util.List.of(t.getSuppressed()));
        }
        return false;
    }

    private static boolean startsWith(String message, String prefix) {
        return message != null && message.startsWith(prefix);
    }

    private static boolean mentionsAcquisitionTimeout(String message) {
        return message != null && message.toLowerCase(Locale.ROOT).contains(AGROAL_ACQUISITION_TIMEOUT);
    }

    private static boolean mentionsTimeout(String message) {
        if (message == null) {
            return false;
        }
        String lower = message.toLowerCase(Locale.ROOT);
        return lower.contains("timeout") || lower.contains("timed out") || lower.contains("time out");
    }
}
