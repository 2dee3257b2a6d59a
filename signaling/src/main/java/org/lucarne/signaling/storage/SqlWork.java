package org.lucarne.signaling.storage;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Work done inside one transaction by {@link Database#inTransaction(SqlWork)}. The connection
 * belongs to the database: do not close it, commit it or change its auto-commit mode.
 */
@FunctionalInterface
public interface SqlWork<T> {
    T run(Connection connection) throws SQLException;
}
