package org.lucarne.signaling.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class DatabasePostgresTest extends DatabaseContract {

    @Override
    protected Dialect dialect() {
        return Dialect.POSTGRESQL;
    }

    @Test
    void startRefusedWhenPostgresUnreachable() throws IOException {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        String url = "jdbc:postgresql://127.0.0.1:" + closedPort + "/lucarne?password=hunter2";
        StorageException e = assertThrows(StorageException.class,
                () -> Database.open(new DatabaseSettings(url, "lucarne", "s3cret")));
        assertEquals("cannot connect to PostgreSQL at jdbc:postgresql://127.0.0.1:" + closedPort
                + "/lucarne?password=*** as user lucarne: connection refused."
                + " Is PostgreSQL running and listening on that host and port?", e.getMessage());
    }

    @Test
    void startRefusedWhenPasswordIsWrong() {
        String wrong = "not-" + TestBackend.PG_PASSWORD;
        DatabaseSettings bad = new DatabaseSettings(backend.settings().jdbcUrl(), TestBackend.PG_USER, wrong);
        StorageException e = assertThrows(StorageException.class, () -> Database.open(bad));
        assertTrue(e.getMessage().startsWith("cannot connect to PostgreSQL at " + bad.jdbcUrl()), e.getMessage());
        assertTrue(e.getMessage().endsWith("password authentication failed. Check the database user and password"),
                e.getMessage());
        assertFalse(e.getMessage().contains(wrong), e.getMessage());
    }

    @Test
    void startRefusedWhenDatabaseDoesNotExist() {
        String url = TestBackend.PG_URL.replaceFirst("/[^/?]+(\\?|$)", "/lucarne_no_such_db$1");
        StorageException e = assertThrows(StorageException.class,
                () -> Database.open(new DatabaseSettings(url, TestBackend.PG_USER, TestBackend.PG_PASSWORD)));
        assertTrue(e.getMessage().endsWith("the database does not exist. Create it (createdb) or fix the name in the URL"),
                e.getMessage());
    }

    @Test
    void poolServesMoreTransactionsThanConnections() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try (Database db = Database.open(backend.settings())) {
            List<Future<Integer>> results = new ArrayList<>();
            for (int i = 0; i < 64; i++) {
                results.add(pool.submit(() -> db.inTransaction(c -> {
                    try (var st = c.createStatement(); var rs = st.executeQuery("SELECT pg_backend_pid()")) {
                        rs.next();
                        return rs.getInt(1);
                    }
                })));
            }
            long distinct = results.stream().map(f -> {
                try {
                    return f.get(30, TimeUnit.SECONDS);
                } catch (Exception ex) {
                    throw new AssertionError(ex);
                }
            }).distinct().count();
            assertTrue(distinct <= PostgresConnections.MAX_POOL_SIZE, "backends used: " + distinct);
        } finally {
            pool.shutdownNow();
        }
    }

    /** Two signaling nodes on one PostgreSQL: Flyway's advisory lock lets one migrate, the other finds it done. */
    @Test
    void twoNodesStartingTogetherMigrateOnce() throws Exception {
        CyclicBarrier start = new CyclicBarrier(2);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try (Database a = Database.connect(backend.settings()); Database b = Database.connect(backend.settings())) {
            List<Future<MigrationReport>> reports = new ArrayList<>();
            for (Database node : List.of(a, b)) {
                reports.add(pool.submit(() -> {
                    start.await(10, TimeUnit.SECONDS);
                    return Migrations.migrate(node, testSet("steps"));
                }));
            }
            List<String> applied = new ArrayList<>();
            for (Future<MigrationReport> f : reports) {
                MigrationReport r = f.get(60, TimeUnit.SECONDS);
                assertEquals(6, r.toVersion());
                applied.addAll(r.applied());
            }
            applied.sort(null);
            assertEquals(List.of("V001__step_1", "V002__step_2", "V003__step_3", "V004__step_4", "V005__step_5",
                    "V006__step_6"), applied);
            assertEquals(6, count(a, "SELECT count(*) FROM flyway_schema_history"));
        } finally {
            pool.shutdownNow();
        }
    }
}
