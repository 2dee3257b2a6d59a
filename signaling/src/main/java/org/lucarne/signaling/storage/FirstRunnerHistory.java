package org.lucarne.signaling.storage;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.flywaydb.core.Flyway;

/**
 * Takes over a database migrated by Lucarne's first, hand-written runner, which recorded what it
 * applied in {@code schema_migrations} (version, name, SHA-256 of the SQL with {@code \n} line
 * endings). That runner only ever released V001 and V002, whose files are unchanged: they are
 * checked against its records, Flyway is baselined at the newest one, and once Flyway has migrated,
 * the old table is dropped.
 */
final class FirstRunnerHistory {
    static final String BASELINE_DESCRIPTION = "schema made by the first migration runner";
    private static final String OLD_TABLE = "schema_migrations";
    private static final String FLYWAY_TABLE = "flyway_schema_history";
    /** What the first runner released: version → file name in {@code common}. */
    private static final Map<Integer, String> RELEASED = Map.of(1, "V001__init", 2, "V002__visits");

    private FirstRunnerHistory() {
    }

    /** Baselines Flyway at the first runner's version when only the first runner's table exists. */
    static void takeOver(Database db, Flyway flyway, List<String> locations) {
        Map<Integer, String[]> applied = db.inTransaction(c -> {
            if (!tableExists(c, OLD_TABLE) || tableExists(c, FLYWAY_TABLE)) {
                return Map.<Integer, String[]>of();
            }
            Map<Integer, String[]> rows = new TreeMap<>();
            try (Statement st = c.createStatement();
                    ResultSet rs = st.executeQuery("SELECT version, name, checksum FROM " + OLD_TABLE)) {
                while (rs.next()) {
                    rows.put(rs.getInt(1), new String[] {rs.getString(2), rs.getString(3)});
                }
            }
            return rows;
        });
        if (applied.isEmpty()) {
            return;
        }
        int newest = 0;
        for (Map.Entry<Integer, String[]> e : applied.entrySet()) {
            String file = RELEASED.get(e.getKey());
            String label = String.format("V%03d__%s", e.getKey(), e.getValue()[0]);
            if (file == null || !file.equals(label)) {
                throw new StorageException("database has migration " + label + " recorded by Lucarne's first"
                        + " migration runner, which this Lucarne does not know: it was migrated by a different"
                        + " build; run that build");
            }
            String expected = checksum(file);
            if (!expected.equals(e.getValue()[1])) {
                throw new StorageException("migration " + label + " was changed after it was applied to this"
                        + " database (recorded checksum " + e.getValue()[1] + ", file now " + expected + ")."
                        + " Restore the released file: a released migration is never edited");
            }
            newest = Math.max(newest, e.getKey());
        }
        Flyway.configure(Migrations.class.getClassLoader())
                .configuration(flyway.getConfiguration())
                .locations(locations.toArray(String[]::new))
                .baselineVersion(Integer.toString(newest))
                .load()
                .baseline();
    }

    /** Once Flyway owns the history, the first runner's table goes. */
    static void dropOldTable(Database db) {
        db.inTransaction(c -> {
            if (tableExists(c, OLD_TABLE) && tableExists(c, FLYWAY_TABLE)) {
                try (Statement st = c.createStatement()) {
                    st.execute("DROP TABLE " + OLD_TABLE);
                }
            }
            return null;
        });
    }

    static boolean tableExists(Connection c, String table) throws SQLException {
        try (ResultSet rs = c.getMetaData().getTables(null, c.getSchema(), table, null)) {
            return rs.next();
        }
    }

    /** The first runner's checksum: SHA-256 (hex) of the SQL with {@code \n} line endings. */
    static String checksum(String file) {
        String resource = Migrations.LOCATION + "/common/" + file + ".sql";
        try (InputStream in = FirstRunnerHistory.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("bundled migration " + resource + " is missing from this build");
            }
            String sql = new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("\r\n", "\n");
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(sql.getBytes(StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new StorageException("cannot read bundled migration " + resource + ": " + e.getMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java runtime", e);
        }
    }
}
