package org.lucarne.signaling.personal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lucarne.signaling.call.CallDirectory;
import org.lucarne.signaling.storage.DatabaseSettings;
import org.lucarne.signaling.storage.FirstRunnerDatabase;
import org.lucarne.signaling.testing.AtRest;
import org.lucarne.signaling.testing.TestServer;
import org.opentest4j.AssertionFailedError;

/**
 * A Lucarne from before sealed names left a database (made by the first migration runner) with
 * plain names, in a data directory and files others could read; the first start of this Lucarne
 * seals the names, leaves none of them in the files, and makes the files its owner's alone.
 */
class PlaintextUpgradeIT {
    static final String[] NAMES = {"Marie Dupont", "Jean Dupont", "Élodie Ngọc Trâm"};

    @TempDir
    Path dir;

    @Test
    void firstStartSealsThePlainNamesOfAnOlderDatabaseAndScrubsItsFiles() throws Exception {
        Path data = Files.createDirectory(dir.resolve("data"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        Path file = data.resolve("lucarne.db");
        FirstRunnerDatabase.create(DatabaseSettings.sqlite(data), c -> {
            try (Statement st = c.createStatement()) {
                st.executeUpdate("INSERT INTO ward (id, name) VALUES ('w', 'Ward 4')");
                st.executeUpdate("INSERT INTO bed (id, ward_id, label) VALUES ('b', 'w', 'Bed 12')");
                st.executeUpdate("INSERT INTO patient (id, bed_id, display_name) VALUES ('p', 'b', '" + NAMES[0] + "')");
                st.executeUpdate("INSERT INTO family_contact (id, patient_id, display_name, created_at)"
                        + " VALUES ('c1', 'p', '" + NAMES[1] + "', 0)");
                st.executeUpdate("INSERT INTO family_contact (id, patient_id, display_name, created_at)"
                        + " VALUES ('c2', 'p', '" + NAMES[2] + "', 0)");
                return null;
            }
        });
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        assertThrows(AssertionFailedError.class, () -> AtRest.assertNoneOf(file, NAMES[0]), "the old file holds them");

        try (TestServer server = TestServer.start(Map.of("LUCARNE_DATA_DIR", data.toString()))) {
            CallDirectory names = new CallDirectory(server.server().database(), server.server().personalData());
            assertEquals(NAMES[0], names.patientName("p"));
            assertEquals(NAMES[1], names.contactName("c1"));
            assertEquals(NAMES[2], names.contactName("c2"));
            assertEquals(3, AtRest.assertNoneOf(file, NAMES).size(), "the database, its WAL and its shared memory");
            assertEquals("rwx------", mode(data));
            for (String suffix : new String[] {"", "-wal", "-shm"}) {
                assertEquals("rw-------", mode(data.resolve("lucarne.db" + suffix)), suffix);
            }
        }
        AtRest.assertNoneOf(data, NAMES);
        try (TestServer again = TestServer.start(Map.of("LUCARNE_DATA_DIR", data.toString()))) {
            assertEquals(NAMES[0], new CallDirectory(again.server().database(), again.server().personalData())
                    .patientName("p"));
        }
    }

    private static String mode(Path p) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }
}
