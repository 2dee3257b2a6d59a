package org.lucarne.signaling.storage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Brings a database's schema up to this build's version. {@link Database#open} calls it, so
 * the server does not have to.
 *
 * <p>Migrations are SQL files under {@value #LOCATION} on the classpath, listed in order in
 * {@code index.txt} (see {@link MigrationLoader}). Each applied one is recorded in
 * {@code schema_migrations} (version, name, SHA-256 checksum, applied_at in epoch ms). Each
 * pending migration runs in its own transaction, so a failure leaves the schema at the last
 * good version. Start is refused when an applied migration's file changed, when the
 * database knows a migration this build does not (a newer Lucarne migrated it), or when a
 * new migration sorts below one already applied.
 *
 * <p>On PostgreSQL every migration transaction first takes {@code pg_advisory_xact_lock}
 * (keyed by the current schema) and re-reads what is applied, so nodes starting together
 * migrate once. On SQLite the {@code BEGIN IMMEDIATE} write lock does the same.
 */
public final class Migrations {

    public static final String LOCATION = "db/migration";

    /** First key of the advisory lock: "Luca". The second is a hash of the current schema. */
    private static final int LOCK_KEY = 0x4C756361;

    private static final String CREATE_TABLE = "CREATE TABLE IF NOT EXISTS schema_migrations ("
            + " version INTEGER PRIMARY KEY, name TEXT NOT NULL, checksum TEXT NOT NULL,"
            + " applied_at BIGINT NOT NULL)";

    private Migrations() {
    }

    /** The migrations bundled with this build, resolved for {@code dialect}. */
    public static List<Migration> bundled(Dialect dialect) {
        return MigrationLoader.load(MigrationLoader.classpath(Migrations.class.getClassLoader()), LOCATION, dialect);
    }

    /** Applies the bundled migrations that {@code db} does not have yet. */
    public static MigrationReport migrate(Database db) {
        return migrate(db, bundled(db.dialect()), Clock.systemUTC());
    }

    static MigrationReport migrate(Database db, List<Migration> known, Clock clock) {
        Map<Integer, Applied> before = db.inTransaction(c -> {
            lock(db, c);
            try (Statement st = c.createStatement()) {
                st.execute(CREATE_TABLE);
            }
            return applied(c);
        });
        check(before, known);
        List<String> done = new ArrayList<>();
        for (Migration m : known) {
            if (before.containsKey(m.version())) {
                continue;
            }
            boolean ran = db.inTransaction(c -> {
                lock(db, c);
                Map<Integer, Applied> now = applied(c);
                check(now, known);
                if (now.containsKey(m.version())) {
                    return false; // another node applied it while we waited for the lock
                }
                apply(c, m, clock);
                return true;
            });
            if (ran) {
                done.add(m.label());
            }
        }
        int to = known.isEmpty() ? newest(before) : Math.max(newest(before), known.get(known.size() - 1).version());
        return new MigrationReport(newest(before), to, done);
    }

    private static void lock(Database db, Connection c) throws SQLException {
        if (db.dialect() == Dialect.POSTGRESQL) {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT pg_advisory_xact_lock(?, hashtext(coalesce(current_schema(), '')))")) {
                ps.setInt(1, LOCK_KEY);
                ps.executeQuery().close();
            }
        }
    }

    private static void apply(Connection c, Migration m, Clock clock) throws SQLException {
        List<String> statements;
        try {
            statements = SqlScript.statements(m.sql());
        } catch (IllegalArgumentException e) {
            throw new StorageException("migration " + m.label() + " (" + m.resource() + ") cannot be read: "
                    + e.getMessage(), e);
        }
        for (int i = 0; i < statements.size(); i++) {
            try (Statement st = c.createStatement()) {
                st.execute(statements.get(i));
            } catch (SQLException e) {
                throw new StorageException("migration " + m.label() + " (" + m.resource() + ") failed at statement "
                        + (i + 1) + " of " + statements.size() + ": " + e.getMessage()
                        + ". Nothing of it was applied", e);
            }
        }
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO schema_migrations (version, name, checksum, applied_at) VALUES (?, ?, ?, ?)")) {
            ps.setInt(1, m.version());
            ps.setString(2, m.name());
            ps.setString(3, m.checksum());
            ps.setLong(4, clock.millis());
            ps.executeUpdate();
        }
    }

    private static Map<Integer, Applied> applied(Connection c) throws SQLException {
        Map<Integer, Applied> applied = new TreeMap<>();
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT version, name, checksum FROM schema_migrations")) {
            while (rs.next()) {
                applied.put(rs.getInt(1), new Applied(rs.getInt(1), rs.getString(2), rs.getString(3)));
            }
        }
        return applied;
    }

    /** Refuses a database this build must not touch; the messages say what to do. */
    static void check(Map<Integer, Applied> applied, List<Migration> known) {
        int newestKnown = known.isEmpty() ? 0 : known.get(known.size() - 1).version();
        int newestApplied = newest(applied);
        if (newestApplied > newestKnown) {
            throw new StorageException("database schema is version " + newestApplied
                    + " but this Lucarne knows up to " + newestKnown + ": upgrade Lucarne");
        }
        Map<Integer, Migration> byVersion = new TreeMap<>();
        known.forEach(m -> byVersion.put(m.version(), m));
        for (Applied a : applied.values()) {
            Migration m = byVersion.get(a.version());
            if (m == null) {
                throw new StorageException(String.format("database has migration V%03d__%s, which this Lucarne"
                        + " does not know: it was migrated by a different build; run that build", a.version(), a.name()));
            }
            if (!m.checksum().equals(a.checksum())) {
                throw new StorageException("migration " + m.label() + " (" + m.resource() + ") was changed after"
                        + " it was applied to this database (recorded checksum " + a.checksum() + ", file now "
                        + m.checksum() + "). Restore the released file: a released migration is never edited,"
                        + " a new one is added instead");
            }
        }
        for (Migration m : known) {
            if (!applied.containsKey(m.version()) && m.version() < newestApplied) {
                throw new StorageException("migration " + m.label() + " is not applied but the database is already"
                        + " at version " + newestApplied + ": a new migration must be numbered above every"
                        + " released one");
            }
        }
    }

    private static int newest(Map<Integer, Applied> applied) {
        return applied.isEmpty() ? 0 : Collections.max(applied.keySet());
    }

    record Applied(int version, String name, String checksum) {
    }
}
