package org.communitypoints.points.repository;

import java.sql.SQLException;

/**
 * A database failure in the ledger's JDBC code. The SQLException stays its cause, so platform-data's
 * {@code TransientFailures} can tell a passing failure (deadlock, lost connection) from a permanent one.
 */
public class LedgerSqlException extends RuntimeException {

    public LedgerSqlException(SQLException cause) {
        super(cause.getMessage(), cause);
    }
}
