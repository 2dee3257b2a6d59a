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
import org.lucarne.signaling.personal.PersonalData;
import org.lucarne.signaling.testing.SealedRows;

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
        Map<Integer, String> firstRun;
        try (Database db = Database.open(backend.settings())) {
            firstRun = history(db);
            assertTrue(firstRun.containsKey(1) && firstRun.containsKey(2), firstRun.toString());
            MigrationReport again = Migrations.migrate(db);
            assertEquals(List.of(), again.applied());
            assertEquals(again.fromVersion(), again.toVersion());
        }
        try (Database db = Database.open(backend.settings())) {
            assertEquals(firstRun, history(db));
        }
    }

    @Test
    void migrationRefusedWhenChecksumChanged() {
        try (Database db = Database.open(backend.settings())) {
            execute(db, "UPDATE flyway_schema_history SET checksum = 12345 WHERE version = '001'");
        }
        StorageException e = assertThrows(StorageException.class, () -> Database.open(backend.settings()));
        assertTrue(e.getMessage().startsWith("migration V001__init (V001__init.sql) was changed"
                + " after it was applied to this database"), e.getMessage());
    }

    @Test
    void startRefusedWhenDatabaseSchemaIsNewer() {
        int newestKnown;
        try (Database db = Database.open(backend.settings())) {
            newestKnown = Migrations.migrate(db).toVersion();
            execute(db, "INSERT INTO flyway_schema_history (installed_rank, version, description, type, script,"
                    + " checksum, installed_by, execution_time, success) VALUES (99, '099', 'from the future', 'SQL',"
                    + " 'V99__from_the_future.sql', 1, 'test', 0, " + (dialect() == Dialect.SQLITE ? "1" : "true") + ")");
        }
        StorageException e = assertThrows(StorageException.class, () -> Database.open(backend.settings()));
        assertEquals("database schema is version 99 but this Lucarne knows up to " + newestKnown
                + ": upgrade Lucarne", e.getMessage());
    }

    @Test
    void pendingMigrationsApplyInOrderOnNextStart() {
        try (Database db = Database.connect(backend.settings())) {
            assertEquals(List.of("V001__one"), Migrations.migrate(db, testSet("one")).applied());
            MigrationReport report = Migrations.migrate(db, testSet("one-two"));
            assertEquals(new MigrationReport(1, 2, List.of("V002__two")), report);
            assertEquals(1, count(db, "SELECT count(*) FROM one_table WHERE label = 'semi;colon'"));
        }
    }

    @Test
    void migrationRefusedWhenNumberedBelowAnAppliedOne() {
        try (Database db = Database.connect(backend.settings())) {
            Migrations.migrate(db, testSet("one-three"));
            StorageException e = assertThrows(StorageException.class,
                    () -> Migrations.migrate(db, testSet("one-late-three")));
            assertEquals("migration V002__late is not applied but the database is already at version 3: a new"
                    + " migration must be numbered above every released one", e.getMessage());
            assertFalse(tableExists(db, "late_table"));
        }
    }

    @Test
    void failedMigrationLeavesNothingBehind() {
        try (Database db = Database.connect(backend.settings())) {
            StorageException e = assertThrows(StorageException.class,
                    () -> Migrations.migrate(db, testSet("good-then-broken")));
            assertTrue(e.getMessage().startsWith("schema migration failed: "), e.getMessage());
            assertTrue(e.getMessage().contains("no_such_table"), e.getMessage());
            assertFalse(tableExists(db, "half_table"));
            assertEquals(0, count(db, "SELECT count(*) FROM good_table"));
            assertEquals(1, count(db, "SELECT count(*) FROM flyway_schema_history WHERE success = "
                    + (dialect() == Dialect.SQLITE ? "1" : "true")));
        }
    }

    @Test
    void databaseOfTheFirstRunnerIsTakenOverWithItsRows() {
        try (Database db = Database.connect(backend.settings())) {
            FirstRunnerDatabase.create(db);
            execute(db, "INSERT INTO ward (id, name) VALUES ('w1', 'Ward 1')");
        }
        try (Database db = Database.open(backend.settings())) {
            assertEquals(1, count(db, "SELECT count(*) FROM ward WHERE name = 'Ward 1'"));
            assertFalse(tableExists(db, "schema_migrations"));
            Map<Integer, String> h = history(db);
            assertEquals(FirstRunnerHistory.BASELINE_DESCRIPTION, h.get(2));
            assertFalse(h.containsKey(1), h.toString());
            assertTrue(h.keySet().stream().anyMatch(v -> v > 2), h.toString());
        }
        try (Database db = Database.open(backend.settings())) {
            assertEquals(List.of(), Migrations.migrate(db).applied());
        }
    }

    @Test
    void databaseOfTheFirstRunnerWithAnEditedMigrationIsRefused() {
        try (Database db = Database.connect(backend.settings())) {
            FirstRunnerDatabase.create(db);
            execute(db, "UPDATE schema_migrations SET checksum = '" + "0".repeat(64) + "' WHERE version = 2");
        }
        StorageException e = assertThrows(StorageException.class, () -> Database.open(backend.settings()));
        assertTrue(e.getMessage().startsWith("migration V002__visits was changed after it was applied"),
                e.getMessage());
        try (Database db = Database.connect(backend.settings())) {
            assertTrue(tableExists(db, "schema_migrations"));
            assertFalse(tableExists(db, "flyway_schema_history"));
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
            PersonalData keys = SealedRows.newKeys();
            db.inTransaction(c -> {
                SealedRows.patient(c, keys, "p", "b", "P");
                SealedRows.contact(c, keys, "f", "p", "F", 0);
                return null;
            });
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

    /** A set of test migrations under {@code src/test/resources/db/test-migrations/<name>}. */
    static List<String> testSet(String name) {
        return List.of("classpath:db/test-migrations/" + name);
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

    /** Flyway's history: version → description, successful migrations only. */
    static Map<Integer, String> history(Database db) {
        return db.inTransaction(c -> {
            Map<Integer, String> rows = new TreeMap<>();
            try (Statement st = c.createStatement();
                    ResultSet rs = st.executeQuery("SELECT version, description, success FROM flyway_schema_history"
                            + " WHERE version IS NOT NULL")) {
                while (rs.next()) {
                    if (rs.getBoolean(3)) {
                        rows.put(Integer.parseInt(rs.getString(1)), rs.getString(2));
                    }
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
