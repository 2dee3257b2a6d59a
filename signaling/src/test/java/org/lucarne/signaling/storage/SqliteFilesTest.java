package org.lucarne.signaling.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The SQLite files hold the personal data (sealed): their owner's alone, and freed space zeroed. */
class SqliteFilesTest {
    private final TestBackend backend = TestBackend.sqlite();

    @AfterEach
    void drop() {
        backend.close();
    }

    private Path file(String suffix) {
        return backend.directory().resolve("lucarne.db" + suffix);
    }

    @Test
    void databaseWalAndSharedMemoryAreOwnerOnly() throws Exception {
        try (Database db = Database.open(backend.settings())) {
            db.inTransaction(c -> {
                try (Statement st = c.createStatement()) {
                    return st.executeUpdate("INSERT INTO ward (id, name) VALUES ('w', 'Ward')");
                }
            });
            for (String suffix : new String[] {"", "-wal", "-shm"}) {
                assertTrue(Files.exists(file(suffix)), suffix);
                assertEquals("rw-------", mode(file(suffix)), "lucarne.db" + suffix);
            }
        }
    }

    @Test
    void useLockFileIsOwnerOnly() throws Exception {
        try (Database db = Database.open(backend.settings());
                DatabaseUse use = DatabaseUse.tryAcquire(db, DatabaseUse.Mode.SHARED).orElseThrow()) {
            assertEquals("rw-------", mode(file(".lock")));
        }
    }

    @Test
    void databaseOfAnOlderLucarneOpenToOthersIsTightened() throws Exception {
        try (Database db = Database.open(backend.settings())) {
            db.health();
        }
        Files.setPosixFilePermissions(file(""), PosixFilePermissions.fromString("rw-r--r--"));
        try (Database db = Database.open(backend.settings())) {
            assertEquals("rw-------", mode(file("")));
            assertEquals("rw-------", mode(file("-wal")), "SQLite gives the WAL the database's mode");
            assertEquals("rw-------", mode(file("-shm")));
        }
    }

    @Test
    void secureDeleteIsOnForEveryConnection() throws Exception {
        try (Database db = Database.open(backend.settings())) {
            assertEquals(1, db.inTransaction(SqliteFilesTest::secureDelete));
            try (Connection migration = db.migrationDataSource().getConnection()) {
                assertEquals(1, secureDelete(migration));
            }
        }
    }

    private static int secureDelete(Connection c) throws java.sql.SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("PRAGMA secure_delete")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static String mode(Path p) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }
}
