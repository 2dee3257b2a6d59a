package org.lucarne.signaling.storage;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Collection;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lucarne's database: an embedded SQLite file by default, or PostgreSQL for deployments
 * with several signaling nodes. Same schema on both.
 *
 * <p>{@link #open(DatabaseSettings)} connects and then brings the schema up to date with
 * {@link Migrations#migrate(Database)}, so a server that got a {@code Database} back can
 * use it at once. Every failure an operator can cause (wrong URL, missing or read-only
 * data directory, a file that is not a database, PostgreSQL unreachable, wrong password,
 * a schema newer than this build) is a {@link StorageException} with a plain message.
 *
 * <p>All access goes through {@link #inTransaction(SqlWork)}. On SQLite there is one
 * connection and transactions take turns; on PostgreSQL they run on a pool of at most
 * {@value PostgresConnections#MAX_POOL_SIZE} connections.
 */
public final class Database implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Database.class);
    private static final Duration WORK_WAIT = Duration.ofSeconds(30);
    private static final Duration HEALTH_WAIT = Duration.ofSeconds(2);
    private static final int HEALTH_QUERY_SECONDS = 2;

    private final DatabaseSettings settings;
    private final Dialect dialect;
    private final ConnectionSource source;
    private final ThreadLocal<Boolean> transactionOnThisThread = new ThreadLocal<>();
    private volatile boolean closed;

    private Database(DatabaseSettings settings, Dialect dialect, ConnectionSource source) {
        this.settings = settings;
        this.dialect = dialect;
        this.source = source;
    }

    /**
     * Connects and applies any pending migration.
     *
     * @throws StorageException with a message for the operator when either step fails
     */
    public static Database open(DatabaseSettings settings) {
        Database db = connect(settings);
        try {
            MigrationReport report = Migrations.migrate(db);
            LOG.info("{} at schema version {}{}", db, report.toVersion(),
                    report.applied().isEmpty() ? "" : " (applied " + String.join(", ", report.applied()) + ")");
            return db;
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
    }

    /** Connects without migrating: for {@link Migrations} tests. */
    static Database connect(DatabaseSettings settings) {
        Objects.requireNonNull(settings, "settings");
        Dialect dialect = Dialect.of(settings.jdbcUrl());
        ConnectionSource source = switch (dialect) {
            case SQLITE -> SqliteConnections.open(settings);
            case POSTGRESQL -> PostgresConnections.open(settings);
        };
        return new Database(settings, dialect, source);
    }

    public Dialect dialect() {
        return dialect;
    }

    DatabaseSettings settings() {
        return settings;
    }

    /**
     * After values were overwritten in place (personal data sealed, or re-sealed under a new key):
     * leaves as little of the old values in the database's files as the database allows. On SQLite,
     * {@code secure_delete} has already zeroed the freed space; the WAL, which still holds the old
     * pages, is copied into the database file and truncated to nothing. On PostgreSQL the old row
     * versions of {@code tables} are removed by rewriting them ({@code VACUUM FULL}); the server's own
     * WAL segments and any backup keep them until they are recycled (docs/security.md). Failures are
     * logged, not thrown: the data is sealed either way.
     */
    public void scrub(Collection<String> tables) {
        ensureOpen();
        try {
            if (source instanceof SqliteConnections sqlite) {
                sqlite.checkpoint();
            } else if (!tables.isEmpty()) {
                Connection c = acquire(WORK_WAIT);
                try (Statement st = c.createStatement()) {
                    st.execute("VACUUM FULL " + String.join(", ", tables));
                } finally {
                    source.release(c);
                }
            }
        } catch (SQLException | RuntimeException e) {
            LOG.warn("{}: the space freed by overwritten personal data could not be scrubbed ({}); it stays sealed"
                    + " in the tables, but older copies may remain in the database files until reused", this,
                    e.getMessage());
        }
    }

    /** Connections of their own for {@link Migrations}. */
    javax.sql.DataSource migrationDataSource() {
        ensureOpen();
        return source.migrationDataSource();
    }

    /**
     * Runs {@code work} in one transaction: commits when it returns, rolls back when it throws
     * anything. A {@link SQLException} comes out wrapped in a {@link StorageException}; any
     * other exception comes out as it was thrown. Transactions do not nest: calling this from
     * inside {@code work} throws {@link IllegalStateException}.
     */
    public <T> T inTransaction(SqlWork<T> work) {
        Objects.requireNonNull(work, "work");
        ensureOpen();
        if (transactionOnThisThread.get() != null) {
            throw new IllegalStateException("inTransaction called inside another transaction on the same"
                    + " thread: pass the Connection down instead");
        }
        Connection c = acquire(WORK_WAIT);
        transactionOnThisThread.set(Boolean.TRUE);
        try {
            c.setAutoCommit(false);
            T result = work.run(c);
            c.commit();
            return result;
        } catch (SQLException e) {
            rollback(c, e);
            throw new StorageException("database operation failed: " + e.getMessage(), e);
        } catch (RuntimeException | Error e) {
            rollback(c, e);
            throw e;
        } finally {
            try {
                c.setAutoCommit(true);
            } catch (SQLException ignored) {
                // the connection is broken; the pool or the next acquire will notice
            }
            transactionOnThisThread.remove();
            source.release(c);
        }
    }

    /** Asks the database {@code SELECT 1} with a short timeout. Never throws. */
    public HealthStatus health() {
        if (closed) {
            return new HealthStatus(false, dialect, "closed");
        }
        Connection c = null;
        try {
            c = source.acquire(HEALTH_WAIT);
            try (Statement st = c.createStatement()) {
                st.setQueryTimeout(HEALTH_QUERY_SECONDS);
                try (ResultSet rs = st.executeQuery("SELECT 1")) {
                    boolean ok = rs.next() && rs.getInt(1) == 1;
                    return new HealthStatus(ok, dialect, ok ? "ok" : "SELECT 1 gave no answer");
                }
            }
        } catch (SQLException | RuntimeException e) {
            return new HealthStatus(false, dialect, closed ? "closed" : String.valueOf(e.getMessage()));
        } finally {
            if (c != null) {
                try {
                    source.release(c);
                } catch (RuntimeException ignored) {
                    // health must not throw
                }
            }
        }
    }

    /** Closes every connection; later calls to {@link #inTransaction} throw. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        source.close();
    }

    @Override
    public String toString() {
        return "Database[" + dialect.id() + " " + settings.safeUrl() + "]";
    }

    private void ensureOpen() {
        if (closed) {
            throw new StorageException("database " + settings.safeUrl() + " is closed");
        }
    }

    private Connection acquire(Duration maxWait) {
        try {
            return source.acquire(maxWait);
        } catch (SQLException e) {
            throw new StorageException("no database connection available (" + settings.safeUrl() + "): "
                    + e.getMessage(), e);
        }
    }

    private static void rollback(Connection c, Throwable failure) {
        try {
            c.rollback();
        } catch (SQLException | RuntimeException e) {
            failure.addSuppressed(e);
        }
    }
}
