package org.communitypoints.points.repository;

import java.sql.SQLException;

/** A database failure in the ledger's JDBC code; {@link #retryable()} tells whether trying again can help. */
public class LedgerSqlException extends RuntimeException {

    public LedgerSqlException(SQLException cause) {
        super(cause.getMessage(), cause);
    }

    public String sqlState() {
        return ((SQLException) getCause()).getSQLState();
    }

    /** Deadlock, serialization failure, lost connection, server shutting down or out of resources. */
    public boolean retryable() {
        return isRetryable(sqlState());
    }

    public static boolean isRetryable(String sqlState) {
        return sqlState != null && (sqlState.startsWith("40") || sqlState.startsWith("08")
                || sqlState.startsWith("57") || sqlState.startsWith("53"));
    }
}
