package org.lucarne.signaling.storage;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;
import org.sqlite.SQLiteException;

/**
 * One SQLite connection guarded by a fair lock: SQLite has a single writer, so serialising
 * in the process is simpler and faster than letting connections fight over the file lock.
 * WAL, {@code synchronous=FULL}, foreign keys on, a busy timeout for other processes, and
 * {@code BEGIN IMMEDIATE} so a transaction holds the write lock from its start.
 *
 * <p>Personal data is overwritten in place (sealed, re-sealed under a new key): {@code secure_delete}
 * is on for every connection, so SQLite zeroes what it frees instead of leaving it in the file, and
 * the database, its WAL and its shared-memory file are readable by their owner only (0600).
 */
final class SqliteConnections implements ConnectionSource {

    private static final String PREFIX = "jdbc:sqlite:";
    private static final int BUSY_TIMEOUT_MS = 5_000;
    private static final String WHAT_TO_DO = "set LUCARNE_DB_URL (db.url) to another file if needed";

    private final ReentrantLock lock = new ReentrantLock(true);
    private final Connection connection;
    private final SQLiteConfig config;
    private final Path file;

    private SqliteConnections(Connection connection, SQLiteConfig config, Path file) {
        this.connection = connection;
        this.config = config;
        this.file = file;
    }

    static SqliteConnections open(DatabaseSettings settings) {
        Path file = databaseFile(settings.jdbcUrl());
        checkWritable(file);
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        config.enforceForeignKeys(true);
        config.setBusyTimeout(BUSY_TIMEOUT_MS);
        config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        config.setPragma(SQLiteConfig.Pragma.SECURE_DELETE, "true");
        Connection connection = null;
        try {
            // SQLite gives its -wal and -shm files the database file's mode: an owner-only database
            // created before SQLite opens it keeps them owner-only whatever the umask.
            OwnerOnlyFiles.createEmpty(file);
            connection = config.createConnection(PREFIX + file);
            verify(connection, file);
            OwnerOnlyFiles.tighten(file, companion(file, "-wal"), companion(file, "-shm"));
            return new SqliteConnections(connection, config, file);
        } catch (SQLException e) {
            closeQuietly(connection);
            throw explain(e, file);
        } catch (RuntimeException e) {
            closeQuietly(connection);
            throw e;
        }
    }

    @Override
    public Connection acquire(Duration maxWait) {
        try {
            if (!lock.tryLock(maxWait.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new StorageException("SQLite database busy: no turn within " + maxWait.toMillis() + " ms");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StorageException("interrupted while waiting for the SQLite database", e);
        }
        return connection;
    }

    @Override
    public void release(Connection c) {
        lock.unlock();
    }

    @Override
    public javax.sql.DataSource migrationDataSource() {
        SQLiteDataSource ds = new SQLiteDataSource(config);
        ds.setUrl(PREFIX + file);
        return ds;
    }

    @Override
    public void close() {
        lock.lock();
        try {
            connection.close();
        } catch (SQLException e) {
            throw new StorageException("closing the SQLite database failed: " + e.getMessage(), e);
        } finally {
            lock.unlock();
        }
    }

    /** The database's WAL ({@code -wal}), shared-memory ({@code -shm}) or use lock ({@code .lock}) file. */
    static Path companion(Path databaseFile, String suffix) {
        return databaseFile.resolveSibling(databaseFile.getFileName() + suffix);
    }

    /** Copies the WAL into the database file and truncates it to nothing (after personal data was overwritten). */
    void checkpoint() throws SQLException {
        Connection c = acquire(Duration.ofSeconds(30));
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("PRAGMA wal_checkpoint(TRUNCATE)")) {
            if (rs.next() && rs.getInt(1) != 0) {
                throw new SQLException("another process is reading " + file + ", so its WAL could not be emptied");
            }
        } finally {
            release(c);
        }
    }

    static Path databaseFile(String url) {
        String path = url.substring(PREFIX.length());
        if (path.startsWith(":memory:") || path.startsWith("file:") || path.contains("?")) {
            throw new StorageException("database URL (LUCARNE_DB_URL / db.url) '" + url
                    + "' is not a plain SQLite file path (no in-memory database, file: URI or ?parameters:"
                    + " Lucarne sets its own). Use " + Dialect.ACCEPTED_FORMS);
        }
        try {
            return Path.of(path).toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            throw new StorageException("database URL (LUCARNE_DB_URL / db.url) '" + url
                    + "' has an invalid file path: " + e.getMessage(), e);
        }
    }

    /** Called before opening so the operator reads a sentence, not a JDBC stack trace. */
    private static void checkWritable(Path file) {
        Path dir = file.getParent();
        String user = System.getProperty("user.name");
        if (!Files.exists(dir)) {
            throw notWritable(dir, "it does not exist. Create it (writable by user " + user + ")");
        }
        if (!Files.isDirectory(dir)) {
            throw notWritable(dir, "it is not a directory. Point the data directory elsewhere");
        }
        if (!Files.isWritable(dir)) {
            throw notWritable(dir, "permission denied for user " + user + ". Fix its owner or mode");
        }
        if (Files.isDirectory(file)) {
            throw new StorageException("database file " + file + " is a directory: remove it or " + WHAT_TO_DO);
        }
        if (Files.exists(file) && !(Files.isReadable(file) && Files.isWritable(file))) {
            throw new StorageException("database file " + file + " is not readable and writable by user "
                    + user + ": fix its owner or mode, or " + WHAT_TO_DO);
        }
    }

    private static StorageException notWritable(Path dir, String why) {
        return new StorageException("data directory " + dir + " is not writable: " + why
                + ", or " + WHAT_TO_DO);
    }

    private static void verify(Connection c, Path file) throws SQLException {
        try (Statement st = c.createStatement()) {
            // Reads the header: a file that is not a database fails here, not at first use.
            try (ResultSet rs = st.executeQuery("SELECT count(*) FROM sqlite_master")) {
                rs.next();
            }
            String mode = pragma(st, "journal_mode");
            if (!"wal".equalsIgnoreCase(mode)) {
                throw new StorageException("database file " + file + " could not be put in WAL mode (it is in '"
                        + mode + "' mode): use a local file system, not a network share");
            }
        }
    }

    private static String pragma(Statement st, String name) throws SQLException {
        try (ResultSet rs = st.executeQuery("PRAGMA " + name)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    private static StorageException explain(SQLException e, Path file) {
        int code = e instanceof SQLiteException se ? se.getResultCode().code & 0xff : e.getErrorCode();
        String why = switch (code) {
            case 26 -> "file " + file + " is not a SQLite database (or it is encrypted). Move it aside or "
                    + WHAT_TO_DO;
            case 11 -> "database file " + file + " is damaged. Restore it from a backup or " + WHAT_TO_DO;
            case 14 -> "cannot open database file " + file + ": check it and its directory. Or " + WHAT_TO_DO;
            case 8 -> "database file " + file + " is read-only: fix its owner or mode";
            case 5, 6 -> "database file " + file + " is locked by another process: stop it, then start again";
            default -> "cannot open SQLite database " + file + ": " + e.getMessage();
        };
        return new StorageException(why, e);
    }

    private static void closeQuietly(Connection c) {
        if (c != null) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // already failing; the first error is the one to report
            }
        }
    }
}
