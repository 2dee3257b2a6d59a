package org.lucarne.signaling.storage;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * A fresh, empty database for one test: a SQLite file in a new temporary directory, or a new
 * schema on the test PostgreSQL server. {@link #close()} removes it.
 *
 * <p>PostgreSQL comes from {@code LUCARNE_TEST_PG_URL}, {@code LUCARNE_TEST_PG_USER} and
 * {@code LUCARNE_TEST_PG_PASSWORD}. When it cannot be reached the test fails, never skips.
 */
public final class TestBackend implements AutoCloseable {

    static final String PG_URL = env("LUCARNE_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/lucarne_test");
    static final String PG_USER = env("LUCARNE_TEST_PG_USER", "lucarne");
    static final String PG_PASSWORD = env("LUCARNE_TEST_PG_PASSWORD", "lucarne");

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Dialect dialect;
    private final DatabaseSettings settings;
    private final Path directory;
    private final String schema;

    private TestBackend(Dialect dialect, DatabaseSettings settings, Path directory, String schema) {
        this.dialect = dialect;
        this.settings = settings;
        this.directory = directory;
        this.schema = schema;
    }

    public static TestBackend create(Dialect dialect) {
        return dialect == Dialect.SQLITE ? sqlite() : postgres();
    }

    public static TestBackend sqlite() {
        try {
            Path dir = Files.createTempDirectory("lucarne-db-test");
            return new TestBackend(Dialect.SQLITE, DatabaseSettings.sqlite(dir), dir, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static TestBackend postgres() {
        byte[] suffix = new byte[6];
        RANDOM.nextBytes(suffix);
        String schema = "lucarne_test_" + HexFormat.of().formatHex(suffix);
        try (Connection c = adminConnection(); Statement st = c.createStatement()) {
            st.execute("CREATE SCHEMA " + schema);
        } catch (SQLException e) {
            fail(postgresUnavailable(e), e);
        }
        String url = PG_URL + (PG_URL.contains("?") ? "&" : "?") + "currentSchema=" + schema;
        return new TestBackend(Dialect.POSTGRESQL, new DatabaseSettings(url, PG_USER, PG_PASSWORD), null, schema);
    }

    static String postgresUnavailable(SQLException e) {
        return "The PostgreSQL tests need a server at " + PG_URL + " (user " + PG_USER + ") and could not use it: "
                + e.getMessage() + "\nStart it with ./lucarne test, or by hand as root:\n"
                + "  service postgresql start\n"
                + "  su postgres -c \"psql -c \\\"CREATE ROLE lucarne LOGIN PASSWORD 'lucarne' CREATEDB\\\"\"\n"
                + "  su postgres -c \"createdb -O lucarne lucarne_test\"\n"
                + "or point LUCARNE_TEST_PG_URL, LUCARNE_TEST_PG_USER and LUCARNE_TEST_PG_PASSWORD at another server.";
    }

    public Dialect dialect() {
        return dialect;
    }

    public DatabaseSettings settings() {
        return settings;
    }

    /** The SQLite data directory; null on PostgreSQL. */
    public Path directory() {
        return directory;
    }

    @Override
    public void close() {
        if (schema != null) {
            try (Connection c = adminConnection(); Statement st = c.createStatement()) {
                st.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            } catch (SQLException e) {
                throw new IllegalStateException("could not drop test schema " + schema, e);
            }
        }
        if (directory != null) {
            deleteTree(directory);
        }
    }

    private static Connection adminConnection() throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", PG_USER);
        props.setProperty("password", PG_PASSWORD);
        props.setProperty("connectTimeout", "3");
        return DriverManager.getConnection(PG_URL, props);
    }

    static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
