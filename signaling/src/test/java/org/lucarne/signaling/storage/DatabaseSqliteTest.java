package org.lucarne.signaling.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

class DatabaseSqliteTest extends DatabaseContract {

    @Override
    protected Dialect dialect() {
        return Dialect.SQLITE;
    }

    @Test
    void sqliteRunsInWalWithFullSyncAndForeignKeys() {
        try (Database db = Database.open(backend.settings())) {
            assertEquals("wal", pragma(db, "journal_mode"));
            assertEquals("2", pragma(db, "synchronous"));
            assertEquals("1", pragma(db, "foreign_keys"));
            assertEquals("5000", pragma(db, "busy_timeout"));
        }
    }

    @Test
    void startRefusedWhenDataDirectoryIsMissing() {
        Path missing = backend.directory().resolve("not-created");
        StorageException e = assertThrows(StorageException.class,
                () -> Database.open(DatabaseSettings.sqlite(missing)));
        assertTrue(e.getMessage().startsWith("data directory " + missing + " is not writable: it does not exist"),
                e.getMessage());
        assertEquals(null, e.getCause());
    }

    @Test
    void startRefusedWhenDataDirectoryIsReadOnly() throws IOException {
        Path dir = Files.createDirectory(backend.directory().resolve("read-only"));
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("r-xr-xr-x"));
        try {
            assumeFalse(Files.isWritable(dir), "running as root: every directory is writable");
            StorageException e = assertThrows(StorageException.class,
                    () -> Database.open(DatabaseSettings.sqlite(dir)));
            assertTrue(e.getMessage().startsWith("data directory " + dir + " is not writable: permission denied"),
                    e.getMessage());
        } finally {
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        }
    }

    @Test
    void startRefusedWhenDataDirectoryIsAFile() throws IOException {
        Path file = Files.writeString(backend.directory().resolve("plain-file"), "x");
        StorageException e = assertThrows(StorageException.class,
                () -> Database.open(DatabaseSettings.sqlite(file)));
        assertTrue(e.getMessage().startsWith("data directory " + file + " is not writable: it is not a directory"),
                e.getMessage());
    }

    @Test
    void startRefusedWhenFileIsNotASqliteDatabase() throws IOException {
        Path file = backend.directory().resolve("lucarne.db");
        Files.writeString(file, "Patient list, exported 2026-03-01\n".repeat(200), StandardCharsets.UTF_8);
        StorageException e = assertThrows(StorageException.class, () -> Database.open(backend.settings()));
        assertTrue(e.getMessage().startsWith("file " + file + " is not a SQLite database"), e.getMessage());
    }

    @Test
    void startRefusedWhenUrlIsNotAFilePath() {
        for (String url : new String[] {"jdbc:sqlite::memory:", "jdbc:sqlite:file:x.db",
                "jdbc:sqlite:/tmp/x.db?journal_mode=DELETE"}) {
            StorageException e = assertThrows(StorageException.class,
                    () -> Database.open(new DatabaseSettings(url, null, null)));
            assertTrue(e.getMessage().contains("LUCARNE_DB_URL / db.url"), e.getMessage());
        }
    }

    private static String pragma(Database db, String name) {
        return db.inTransaction(c -> {
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("PRAGMA " + name)) {
                rs.next();
                return rs.getString(1);
            }
        });
    }
}
