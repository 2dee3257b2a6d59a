package org.lucarne.signaling.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class DatabaseSettingsTest {

    @Test
    void startRefusedWhenUrlSchemeIsUnknown() {
        for (String url : new String[] {"jdbc:mysql://db/lucarne", "postgresql://db/lucarne", "jdbc:sqlite:",
                "", "jdbc:h2:mem:x"}) {
            StorageException e = assertThrows(StorageException.class,
                    () -> Database.open(new DatabaseSettings(url, null, null)));
            assertEquals("database URL (LUCARNE_DB_URL / db.url) is not supported: '" + url + "'. Use"
                    + " jdbc:sqlite:/path/to/lucarne.db or jdbc:postgresql://host[:port]/database", e.getMessage());
        }
    }

    @Test
    void startRefusedWhenUrlIsMissing() {
        StorageException e = assertThrows(StorageException.class,
                () -> Database.open(new DatabaseSettings(null, null, null)));
        assertTrue(e.getMessage().startsWith("database URL (LUCARNE_DB_URL / db.url) is not supported"));
    }

    @Test
    void dialectFollowsUrl() {
        assertEquals(Dialect.SQLITE, Dialect.of("jdbc:sqlite:/var/lib/lucarne/lucarne.db"));
        assertEquals(Dialect.POSTGRESQL, Dialect.of("jdbc:postgresql://db.hospital.example/lucarne"));
    }

    @Test
    void defaultIsLucarneDbInDataDirectory() {
        assertEquals("jdbc:sqlite:" + Path.of("/var/lib/lucarne", "lucarne.db"),
                DatabaseSettings.sqlite(Path.of("/var/lib/lucarne")).jdbcUrl());
    }

    @Test
    void passwordNeverShown() {
        DatabaseSettings s = new DatabaseSettings("jdbc:postgresql://db/lucarne?user=x&Password=inurl&ssl=true",
                "lucarne", "topsecret");
        assertEquals("jdbc:postgresql://db/lucarne?user=x&Password=***&ssl=true", s.safeUrl());
        assertFalse(s.toString().contains("topsecret"), s.toString());
        assertFalse(s.toString().contains("inurl"), s.toString());
        StorageException e = assertThrows(StorageException.class,
                () -> Dialect.of("jdbc:oracle:thin:@db?password=inurl"));
        assertFalse(e.getMessage().contains("inurl"), e.getMessage());
    }
}
