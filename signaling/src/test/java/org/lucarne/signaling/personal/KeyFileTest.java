package org.lucarne.signaling.personal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyFileTest {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String KEY = Base64.getEncoder().encodeToString(new byte[32]);

    @TempDir
    Path dir;

    @Test
    void createdOwnerOnlyInAnOwnerOnlyDirectory() throws Exception {
        KeyFile file = KeyFile.in(dir);
        assertFalse(file.exists());
        DataKeyRing ring = file.loadOrCreate(RANDOM);
        assertEquals(dir.resolve("keys").resolve("data-keys.json"), file.path());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file.path())));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file.path().getParent())));
        assertEquals("k1", ring.current());
        assertEquals(Optional.empty(), ring.pending());
        try (var listing = Files.list(file.path().getParent())) {
            assertEquals(1, listing.count(), "no temporary file is left beside the key file");
        }
    }

    @Test
    void reloadedIdentical() {
        KeyFile file = KeyFile.in(dir);
        DataKeyRing created = file.loadOrCreate(RANDOM);
        DataKeyRing loaded = file.load();
        assertEquals(created.current(), loaded.current());
        assertEquals(created.currentKey().checkValue(), loaded.currentKey().checkValue());
        assertEquals(Base64.getEncoder().encodeToString(created.currentKey().material()),
                Base64.getEncoder().encodeToString(loaded.currentKey().material()));
        DataKeyRing again = file.loadOrCreate(RANDOM);
        assertEquals(created.currentKey().checkValue(), again.currentKey().checkValue(), "an existing file is kept");
    }

    @Test
    void aRingWithAPendingKeyIsSavedAndReloaded() {
        KeyFile file = KeyFile.in(dir);
        DataKeyRing ring = file.loadOrCreate(RANDOM).withNewPending(RANDOM);
        file.save(ring);
        DataKeyRing loaded = file.load();
        assertEquals("k1", loaded.current());
        assertEquals(Optional.of("k2"), loaded.pending());
        assertEquals(ring.pendingKey().orElseThrow().checkValue(), loaded.pendingKey().orElseThrow().checkValue());
    }

    @Test
    void sealedValuesOpenWithTheReloadedKeys() {
        KeyFile file = KeyFile.in(dir);
        SealedColumn column = new SealedColumn("patient", "display_name", "id");
        String sealed = new PersonalData(file.loadOrCreate(RANDOM), RANDOM).seal(column, "p", "Marie Dupont");
        assertEquals("Marie Dupont", new PersonalData(file.load(), RANDOM).open(column, "p", sealed));
    }

    @Test
    void refusedWhenOthersCanReadIt() throws Exception {
        KeyFile file = KeyFile.in(dir);
        file.loadOrCreate(RANDOM);
        for (String mode : new String[] {"rw-r-----", "rw----r--", "rw-rw-rw-"}) {
            Files.setPosixFilePermissions(file.path(), PosixFilePermissions.fromString(mode));
            PersonalDataException e = assertThrows(PersonalDataException.class, file::load);
            String shown = file.path().toAbsolutePath().normalize().toString();
            assertEquals("the data key file " + shown + " can be read by other users than its owner: run chmod 600 "
                    + shown + " (and keep its directory 0700)", e.getMessage());
        }
    }

    @Test
    void refusedWhenDamaged() throws Exception {
        assertDamaged("", "");
        assertDamaged("{\"format\": \"lucarne-data-keys/1\", \"current\": \"k1\", \"keys\": {\"k1\": \"" + KEY + "\"}",
                "Unexpected end-of-input");
        assertDamaged("not json", "Unrecognized token");
        assertDamaged("{\"format\": \"lucarne-data-keys/2\", \"current\": \"k1\", \"keys\": {\"k1\": \"" + KEY + "\"}}",
                "its format is not lucarne-data-keys/1");
        assertDamaged(file("\"k1\"", "{\"k1\": \"not base64!\"}"), "Illegal base64 character");
        assertDamaged(file("\"k1\"", "{\"k1\": \"" + Base64.getEncoder().encodeToString(new byte[16]) + "\"}"),
                "data key k1 has 16 bytes; it needs 32");
        assertDamaged(file("\"k2\"", "{\"k1\": \"" + KEY + "\"}"), "the current data key k2 is not in the ring [k1]");
        assertDamaged(file("null", "{\"k1\": \"" + KEY + "\"}"), "'current' names no key");
        assertDamaged(file("\"k1\"", "{}"), "it holds no key");
        assertDamaged(file("\"x1\"", "{\"x1\": \"" + KEY + "\"}"), "a data key id is k followed by a number, not 'x1'");
        assertDamaged(file("\"k1\"", "{\"k1\": 12}"), "key k1 is not base64 text");
        assertDamaged("{\"format\": \"lucarne-data-keys/1\", \"current\": \"k1\", \"pending\": \"k1\", \"keys\": {\"k1\": \""
                + KEY + "\"}}", "the pending data key k1 must be in the ring and not current");
        assertDamaged("[1, 2]", "its format is not lucarne-data-keys/1");
        assertDamaged(file("\"k1\"", "{\"k1\": \"" + KEY + "\"}") + " {}", "Trailing token");
    }

    @Test
    void aDamagedFileIsNeverQuotedInTheMessage() throws Exception {
        String secret = Base64.getEncoder().encodeToString("a key no message may show!!!!!!!".getBytes(
                StandardCharsets.US_ASCII));
        for (String content : new String[] {file("\"k1\"", "{\"k1\": \"" + secret + "\"") + "",
                file("\"k1\"", "{\"k1\": \"" + secret + "\", }"), "{\"keys\": {\"k1\": \"" + secret + "\"}, x}"}) {
            PersonalDataException e = assertDamaged(content, "");
            assertFalse(e.getMessage().contains(secret.substring(0, 8)), e.getMessage());
            assertFalse(e.getMessage().contains("\n"), e.getMessage());
        }
    }

    @Test
    void refusedWithAnUnknownField() throws Exception {
        assertDamaged("{\"format\": \"lucarne-data-keys/1\", \"current\": \"k1\", \"keys\": {\"k1\": \"" + KEY
                + "\"}, \"backup\": true}", "unknown field 'backup'");
    }

    @Test
    void refusedWithADuplicateKey() throws Exception {
        String other = Base64.getEncoder().encodeToString(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14,
                15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32});
        assertDamaged(file("\"k1\"", "{\"k1\": \"" + KEY + "\", \"k1\": \"" + other + "\"}"), "Duplicate field 'k1'");
        assertDamaged("{\"format\": \"lucarne-data-keys/1\", \"current\": \"k1\", \"current\": \"k1\", \"keys\": {\"k1\": \""
                + KEY + "\"}}", "Duplicate field 'current'");
    }

    @Test
    void missingFileIsRefusedWithTheWayOut() {
        KeyFile file = KeyFile.in(dir);
        PersonalDataException e = assertThrows(PersonalDataException.class, file::load);
        assertEquals("the data key file " + file.path().toAbsolutePath().normalize() + " does not exist. Restore it"
                + " from your backup (docs/operations.md, \"Keys\")", e.getMessage());
        assertFalse(file.exists(), "loading never creates it");
    }

    @Test
    void theFileTellsWhatItIsAndNeverHoldsTheKeyInAnyOtherForm() throws Exception {
        KeyFile file = KeyFile.in(dir);
        DataKeyRing ring = file.loadOrCreate(RANDOM);
        String text = Files.readString(file.path());
        assertTrue(text.contains("back it up, apart from the database backups"), text);
        assertTrue(text.contains(Base64.getEncoder().encodeToString(ring.currentKey().material())), text);
    }

    private static String file(String current, String keys) {
        return "{\"format\": \"lucarne-data-keys/1\", \"current\": " + current + ", \"pending\": null, \"keys\": "
                + keys + "}";
    }

    private PersonalDataException assertDamaged(String content, String detail) throws Exception {
        Path keys = dir.resolve("keys");
        Files.createDirectories(keys);
        Path path = keys.resolve("data-keys.json");
        Files.writeString(path, content, StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-------"));
        PersonalDataException e = assertThrows(PersonalDataException.class, () -> new KeyFile(path).load(), content);
        String shown = path.toAbsolutePath().normalize().toString();
        assertTrue(e.getMessage().startsWith("the data key file " + shown + " is damaged ("), e.getMessage());
        assertTrue(e.getMessage().contains(detail), e.getMessage());
        assertTrue(e.getMessage().endsWith("). Restore it from your backup (docs/operations.md, \"Keys\")"),
                e.getMessage());
        return e;
    }
}
