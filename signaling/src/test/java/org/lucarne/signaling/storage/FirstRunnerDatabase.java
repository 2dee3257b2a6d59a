package org.lucarne.signaling.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.Statement;

/**
 * A database as Lucarne's first migration runner left it: V001 and V002 applied and recorded in
 * {@code schema_migrations} with that runner's SHA-256 checksums, no Flyway history.
 */
public final class FirstRunnerDatabase {
    private FirstRunnerDatabase() {
    }

    /** Makes the database at {@code settings} as the first runner left it, then runs {@code rows} on it, and closes it. */
    public static void create(DatabaseSettings settings, SqlWork<?> rows) {
        try (Database db = Database.connect(settings)) {
            create(db);
            db.inTransaction(rows);
        }
    }

    static void create(Database db) {
        db.inTransaction(c -> {
            try (Statement st = c.createStatement()) {
                st.execute("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY,"
                        + " name TEXT NOT NULL, checksum TEXT NOT NULL, applied_at BIGINT NOT NULL)");
                for (String[] m : new String[][] {{"1", "init"}, {"2", "visits"}}) {
                    String file = "V00" + m[0] + "__" + m[1];
                    for (String statement : statements(read(file))) {
                        st.execute(statement);
                    }
                    try (PreparedStatement ps = c.prepareStatement(
                            "INSERT INTO schema_migrations (version, name, checksum, applied_at) VALUES (?, ?, ?, ?)")) {
                        ps.setInt(1, Integer.parseInt(m[0]));
                        ps.setString(2, m[1]);
                        ps.setString(3, FirstRunnerHistory.checksum(file));
                        ps.setLong(4, 1_700_000_000_000L);
                        ps.executeUpdate();
                    }
                }
            }
            return null;
        });
    }

    private static String read(String file) {
        try (InputStream in = FirstRunnerDatabase.class.getClassLoader()
                .getResourceAsStream("db/migration/common/" + file + ".sql")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Those two files hold plain statements: comment lines, then statements ending in {@code ;}. */
    private static String[] statements(String sql) {
        StringBuilder kept = new StringBuilder();
        for (String line : sql.split("\n")) {
            if (!line.strip().startsWith("--")) {
                kept.append(line).append('\n');
            }
        }
        return java.util.Arrays.stream(kept.toString().split(";")).map(String::strip).filter(s -> !s.isEmpty())
                .toArray(String[]::new);
    }
}
