package org.lucarne.signaling.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What {@link Database} and {@link Migrations} promise on every dialect. */
abstract class DatabaseContract {

    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-01T10:00:00Z"), ZoneOffset.UTC);

    protected TestBackend backend;

    protected abstract Dialect dialect();

    @BeforeEach
    void createBackend() {
        backend = TestBackend.create(dialect());
    }

    @AfterEach
    void dropBackend() {
        if (backend != null) {
            backend.close();
        }
    }

    @Test
    void migrationsApplyOnceAndRerunIsNoOp() {
        List<Migration> bundled = Migrations.bundled(dialect());
        Map<Integer, Long> firstRun;
        try (Database db = Database.open(backend.settings())) {
            firstRun = appliedAt(db);
            assertEquals(bundled.size(), firstRun.size());
            MigrationReport again = Migrations.migrate(db);
            assertEquals(List.of(), again.applied());
            assertEquals(again.fromVersion(), again.toVersion());
        }
        try (Database db = Database.open(backend.settings())) {
            assertEquals(firstRun, appliedAt(db));
        }
    }

    @Test
    void migrationRecordsVersionNameAndChecksum() {
        try (Database db = Database.connect(backend.settings())) {
            Migration m = migration(1, "first", "CREATE TABLE first_table (id TEXT PRIMARY KEY)");
            Migrations.migrate(db, List.of(m), CLOCK);
            db.inTransaction(c -> {
                try (Statement st = c.createStatement();
                        ResultSet rs = st.executeQuery("SELECT version, name, checksum, applied_at FROM schema_migrations")) {
                    assertTrue(rs.next());
                    assertEquals(1, rs.getInt(1));
                    assertEquals("first", rs.getString(2));
                    assertEquals(m.checksum(), rs.getString(3));
                    assertEquals(CLOCK.millis(), rs.getLong(4));
                    assertFalse(rs.next());
                }
                return null;
            });
        }
    }

    @Test
    void migrationRefusedWhenChecksumChanged() {
        try (Database db = Database.open(backend.settings())) {
            execute(db, "UPDATE schema_migrations SET checksum = '" + "0".repeat(64) + "' WHERE version = 1");
        }
        StorageException e = assertThrows(StorageException.class, () -> Database.open(backend.settings()));
        assertTrue(e.getMessage().startsWith("migration V001__init (db/migration/V001__init"), e.getMessage());
        assertTrue(e.getMessage().contains("was changed after it was applied"), e.getMessage());
    }

    @Test
    void startRefusedWhenDatabaseSchemaIsNewer() {
        List<Migration> bundled = Migrations.bundled(dialect());
        int newestKnown = bundled.get(bundled.size() - 1).version();
        try (Database db = Database.open(backend.settings())) {
            execute(db, "INSERT INTO schema_migrations (version, name, checksum, applied_at)"
                    + " VALUES (7, 'from_the_future', '" + "a".repeat(64) + "', 0)");
        }
        StorageException e = assertThrows(StorageException.class, () -> Database.open(backend.settings()));
        assertEquals("database schema is version 7 but this Lucarne knows up to " + newestKnown
                + ": upgrade Lucarne", e.getMessage());
    }

    @Test
    void pendingMigrationsApplyInOrderOnNextStart() {
        Migration one = migration(1, "one", "CREATE TABLE one_table (id TEXT PRIMARY KEY)");
        Migration two = migration(2, "two", "ALTER TABLE one_table ADD COLUMN label TEXT;"
                + " INSERT INTO one_table (id, label) VALUES ('a', 'semi;colon')");
        try (Database db = Database.connect(backend.settings())) {
            assertEquals(List.of("V001__one"), Migrations.migrate(db, List.of(one), CLOCK).applied());
            MigrationReport report = Migrations.migrate(db, List.of(one, two), CLOCK);
            assertEquals(new MigrationReport(1, 2, List.of("V002__two")), report);
            assertEquals(1, count(db, "SELECT count(*) FROM one_table WHERE label = 'semi;colon'"));
        }
    }

    @Test
    void migrationRefusedWhenNumberedBelowAnAppliedOne() {
        Migration one = migration(1, "one", "CREATE TABLE one_table (id TEXT)");
        Migration two = migration(2, "late", "CREATE TABLE late_table (id TEXT)");
        Migration three = migration(3, "three", "CREATE TABLE three_table (id TEXT)");
        try (Database db = Database.connect(backend.settings())) {
            Migrations.migrate(db, List.of(one, three), CLOCK);
            StorageException e = assertThrows(StorageException.class,
                    () -> Migrations.migrate(db, List.of(one, two, three), CLOCK));
            assertTrue(e.getMessage().contains("V002__late is not applied but the database is already at version 3"),
                    e.getMessage());
        }
    }

    @Test
    void failedMigrationLeavesNothingBehind() {
        Migration good = migration(1, "good", "CREATE TABLE good_table (id TEXT PRIMARY KEY)");
        Migration broken = migration(2, "broken", "CREATE TABLE half_table (id TEXT PRIMARY KEY);"
                + " INSERT INTO good_table (id) VALUES ('written');"
                + " INSERT INTO no_such_table (id) VALUES ('x')");
        try (Database db = Database.connect(backend.settings())) {
            StorageException e = assertThrows(StorageException.class,
                    () -> Migrations.migrate(db, List.of(good, broken), CLOCK));
            assertTrue(e.getMessage().startsWith("migration V002__broken (test) failed at statement 3 of 3"),
                    e.getMessage());
            assertFalse(tableExists(db, "half_table"));
            assertEquals(0, count(db, "SELECT count(*) FROM good_table"));
            assertEquals(1, count(db, "SELECT count(*) FROM schema_migrations"));
        }
    }

    @Test
    void twoNodesStartingTogetherMigrateOnce() throws Exception {
        List<Migration> known = new ArrayList<>();
        for (int v = 1; v <= 6; v++) {
            known.add(migration(v, "step_" + v, "CREATE TABLE step_" + v + " (id TEXT PRIMARY KEY)"));
        }
        CyclicBarrier start = new CyclicBarrier(2);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try (Database a = Database.connect(backend.settings()); Database b = Database.connect(backend.settings())) {
            List<Future<MigrationReport>> reports = new ArrayList<>();
            for (Database node : List.of(a, b)) {
                reports.add(pool.submit(() -> {
                    start.await(10, TimeUnit.SECONDS);
                    return Migrations.migrate(node, known, CLOCK);
                }));
            }
            List<String> applied = new ArrayList<>();
            for (Future<MigrationReport> f : reports) {
                MigrationReport r = f.get(60, TimeUnit.SECONDS);
                assertEquals(6, r.toVersion());
                applied.addAll(r.applied());
            }
            applied.sort(null);
            assertEquals(known.stream().map(Migration::label).toList(), applied);
            assertEquals(6, count(a, "SELECT count(*) FROM schema_migrations"));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void transactionCommitsWhenWorkReturns() {
        try (Database db = Database.open(backend.settings())) {
            db.inTransaction(c -> insertWard(c, "w1", "Ward 1"));
            assertEquals(1, count(db, "SELECT count(*) FROM ward"));
        }
    }

    @Test
    void transactionRollsBackWhenWorkThrows() {
        try (Database db = Database.open(backend.settings())) {
            IllegalStateException boom = new IllegalStateException("boom");
            IllegalStateException thrown = assertThrows(IllegalStateException.class, () -> db.inTransaction(c -> {
                insertWard(c, "w1", "Ward 1");
                throw boom;
            }));
            assertSame(boom, thrown);
            assertEquals(0, count(db, "SELECT count(*) FROM ward"));
        }
    }

    @Test
    void transactionRollsBackWhenAStatementFails() {
        try (Database db = Database.open(backend.settings())) {
            StorageException e = assertThrows(StorageException.class, () -> db.inTransaction(c -> {
                insertWard(c, "w1", "Ward 1");
                return insertWard(c, "w2", "Ward 1"); // same name: unique violation
            }));
            assertTrue(e.getCause() instanceof SQLException, String.valueOf(e.getCause()));
            assertEquals(0, count(db, "SELECT count(*) FROM ward"));
            db.inTransaction(c -> insertWard(c, "w3", "Ward 3"));
            assertEquals(1, count(db, "SELECT count(*) FROM ward"));
        }
    }

    @Test
    void nestedTransactionRefused() {
        try (Database db = Database.open(backend.settings())) {
            assertThrows(IllegalStateException.class, () -> db.inTransaction(c -> db.inTransaction(inner -> 1)));
        }
    }

    @Test
    void foreignKeysAreEnforced() {
        try (Database db = Database.open(backend.settings())) {
            assertThrows(StorageException.class, () -> execute(db,
                    "INSERT INTO bed (id, ward_id, label) VALUES ('b1', 'no-such-ward', 'Bed 1')"));
        }
    }

    @Test
    void inviteTableAcceptsOnlyHashShapedKeys() {
        try (Database db = Database.open(backend.settings())) {
            execute(db, "INSERT INTO ward (id, name) VALUES ('w', 'W')");
            execute(db, "INSERT INTO bed (id, ward_id, label) VALUES ('b', 'w', 'B')");
            execute(db, "INSERT INTO patient (id, bed_id, display_name) VALUES ('p', 'b', 'P')");
            execute(db, "INSERT INTO family_contact (id, patient_id, display_name, created_at) VALUES ('f', 'p', 'F', 0)");
            assertThrows(StorageException.class, () -> execute(db, "INSERT INTO invite"
                    + " (id_hash, contact_id, created_at, not_before, not_after) VALUES ('raw-id', 'f', 0, 0, 1)"));
            execute(db, "INSERT INTO invite (id_hash, contact_id, created_at, not_before, not_after)"
                    + " VALUES ('" + "e".repeat(64) + "', 'f', 0, 0, 1)");
        }
    }

    @Test
    void healthIsUpWhileOpenAndDownAfterClose() {
        Database db = Database.open(backend.settings());
        assertEquals(new HealthStatus(true, dialect(), "ok"), db.health());
        db.close();
        assertEquals(new HealthStatus(false, dialect(), "closed"), db.health());
    }

    @Test
    void closedDatabaseRefusesWork() {
        Database db = Database.open(backend.settings());
        db.close();
        db.close();
        StorageException e = assertThrows(StorageException.class, () -> db.inTransaction(c -> 1));
        assertTrue(e.getMessage().endsWith(" is closed"), e.getMessage());
    }

    // --- helpers ---

    static Migration migration(int version, String name, String sql) {
        return new Migration(version, name, "test", sql);
    }

    static void execute(Database db, String sql) {
        db.inTransaction(c -> {
            try (Statement st = c.createStatement()) {
                return st.executeUpdate(sql);
            }
        });
    }

    static long count(Database db, String sql) {
        return db.inTransaction(c -> {
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    static boolean tableExists(Database db, String table) {
        try {
            count(db, "SELECT count(*) FROM " + table);
            return true;
        } catch (StorageException e) {
            return false;
        }
    }

    private static Map<Integer, Long> appliedAt(Database db) {
        return db.inTransaction(c -> {
            Map<Integer, Long> rows = new TreeMap<>();
            try (Statement st = c.createStatement();
                    ResultSet rs = st.executeQuery("SELECT version, applied_at FROM schema_migrations")) {
                while (rs.next()) {
                    rows.put(rs.getInt(1), rs.getLong(2));
                }
            }
            return rows;
        });
    }

    private static int insertWard(Connection c, String id, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO ward (id, name) VALUES (?, ?)")) {
            ps.setString(1, id);
            ps.setString(2, name);
            return ps.executeUpdate();
        }
    }
}
