package org.lucarne.signaling.storage;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Who works on a database. Every Lucarne process that uses one (a server, every node of a
 * PostgreSQL deployment, an {@code ./lucarne admin|audit} command) holds its use lock
 * {@linkplain Mode#SHARED shared}; {@code ./lucarne keys rotate} takes it
 * {@linkplain Mode#EXCLUSIVE exclusively}, so personal data is never re-sealed under a running
 * server's feet, and no server starts while it is.
 * <ul>
 *   <li>SQLite: an {@code fcntl} lock ({@link FileLock}) on {@code <database file>.lock}, beside the
 *       database, owner-only. Within one JVM the locks are counted here, as the operating system
 *       gives them per process.</li>
 *   <li>PostgreSQL: a session-level advisory lock ({@code pg_try_advisory_lock[_shared]}) on a
 *       connection of its own, keyed by the database and schema.</li>
 * </ul>
 * The operating system or PostgreSQL releases the lock when its process dies: a crashed server or
 * rotation leaves nothing to clean up.
 */
public final class DatabaseUse implements AutoCloseable {
    public enum Mode { SHARED, EXCLUSIVE }

    /** The advisory locks' first key: "Lucn". The second is derived from the schema. */
    private static final int PG_LOCK_CLASS = 0x4c75636e;
    /** The SQLite lock files this JVM holds, by real path: the OS counts fcntl locks per process. */
    private static final Map<Path, HeldFile> FILES = new HashMap<>();

    private final Runnable release;
    private boolean closed;

    private DatabaseUse(Runnable release) {
        this.release = release;
    }

    /**
     * Takes the lock in {@code mode} without waiting.
     *
     * @return empty when another process (or, shared against exclusive, this one) holds it the other way
     * @throws StorageException when the lock cannot be asked for at all (lock file not writable, database gone)
     */
    public static Optional<DatabaseUse> tryAcquire(Database db, Mode mode) {
        return switch (db.dialect()) {
            case SQLITE -> sqlite(SqliteConnections.companion(SqliteConnections.databaseFile(db.settings().jdbcUrl()),
                    ".lock"), mode);
            case POSTGRESQL -> postgres(db.settings(), mode);
        };
    }

    /** Releases the lock. Idempotent. */
    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            release.run();
        }
    }

    private static Optional<DatabaseUse> sqlite(Path lockFile, Mode mode) {
        synchronized (FILES) {
            FileChannel channel = null;
            try {
                OwnerOnlyFiles.createEmpty(lockFile);
                OwnerOnlyFiles.tighten(lockFile);
                Path key = lockFile.toRealPath();
                HeldFile held = FILES.get(key);
                if (held != null) {
                    // Never a second channel on a locked file: closing it would release this process's lock.
                    if (mode == Mode.SHARED && held.shared) {
                        held.holders++;
                        return Optional.of(new DatabaseUse(() -> releaseFile(key)));
                    }
                    return Optional.empty();
                }
                channel = FileChannel.open(key, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
                FileLock lock = channel.tryLock(0, Long.MAX_VALUE, mode == Mode.SHARED);
                if (lock == null) {
                    channel.close();
                    return Optional.empty();
                }
                FILES.put(key, new HeldFile(channel, lock, mode == Mode.SHARED));
                return Optional.of(new DatabaseUse(() -> releaseFile(key)));
            } catch (IOException e) {
                closeQuietly(channel);
                throw new StorageException("cannot lock " + lockFile + " (" + e.getMessage() + "): give this user"
                        + " write access to the database's directory", e);
            }
        }
    }

    private static void releaseFile(Path key) {
        synchronized (FILES) {
            HeldFile held = FILES.get(key);
            if (held == null || --held.holders > 0) {
                return;
            }
            FILES.remove(key);
            try {
                held.lock.release();
            } catch (IOException ignored) {
                // closing the channel releases it too
            }
            closeQuietly(held.channel);
        }
    }

    private static Optional<DatabaseUse> postgres(DatabaseSettings settings, Mode mode) {
        Connection c = null;
        try {
            c = new org.postgresql.Driver().connect(settings.jdbcUrl(), PostgresConnections.driverProperties(settings));
            int key = schemaKey(c);
            String take = mode == Mode.SHARED ? "pg_try_advisory_lock_shared" : "pg_try_advisory_lock";
            try (PreparedStatement ps = c.prepareStatement("SELECT " + take + "(?, ?)")) {
                ps.setInt(1, PG_LOCK_CLASS);
                ps.setInt(2, key);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    if (!rs.getBoolean(1)) {
                        c.close();
                        return Optional.empty();
                    }
                }
            }
            Connection held = c;
            // Closing the session releases a session-level advisory lock.
            return Optional.of(new DatabaseUse(() -> closeQuietly(held)));
        } catch (SQLException e) {
            closeQuietly(c);
            throw PostgresConnections.explain(settings, e);
        }
    }

    /** The second key of the advisory lock: the first 4 bytes of SHA-256 of the schema's name. */
    private static int schemaKey(Connection c) throws SQLException {
        String schema;
        try (PreparedStatement ps = c.prepareStatement("SELECT current_schema()"); ResultSet rs = ps.executeQuery()) {
            rs.next();
            schema = String.valueOf(rs.getString(1));
        }
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(schema.getBytes(StandardCharsets.UTF_8));
            return ((h[0] & 0xff) << 24) | ((h[1] & 0xff) << 16) | ((h[2] & 0xff) << 8) | (h[3] & 0xff);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java runtime", e);
        }
    }

    private static void closeQuietly(AutoCloseable c) {
        if (c != null) {
            try {
                c.close();
            } catch (Exception ignored) {
                // releasing anyway
            }
        }
    }

    private static final class HeldFile {
        final FileChannel channel;
        final FileLock lock;
        final boolean shared;
        int holders = 1;

        HeldFile(FileChannel channel, FileLock lock, boolean shared) {
            this.channel = channel;
            this.lock = lock;
            this.shared = shared;
        }
    }
}
