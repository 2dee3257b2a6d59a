package org.lucarne.signaling.storage;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;

/** How {@link Database} gets a connection for one unit of work, per dialect. */
interface ConnectionSource {

    /**
     * A connection for the caller alone until {@link #release(Connection)}.
     *
     * @throws StorageException when none is free within {@code maxWait}
     */
    Connection acquire(Duration maxWait) throws SQLException;

    void release(Connection connection);

    /**
     * Connections of their own for schema migrations (Flyway opens and closes them), set up like
     * those of {@link #acquire}.
     */
    javax.sql.DataSource migrationDataSource();

    /** Waits for work in progress where the dialect allows it, then closes every connection. */
    void close();
}
