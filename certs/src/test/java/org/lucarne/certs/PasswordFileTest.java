package org.lucarne.certs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PasswordFileTest {

    @TempDir
    Path dir;

    @Test
    void generatedPasswordIs32RandomBytesInBase64Url() {
        char[] first = PasswordFile.generate();
        assertEquals(43, first.length);
        assertTrue(new String(first).matches("[A-Za-z0-9_-]{43}"), new String(first));
        assertFalse(Arrays.equals(first, PasswordFile.generate()));
    }

    @Test
    void createdPasswordIsOwnerOnlyAndReusedAfterwards() throws Exception {
        Path file = dir.resolve("password");
        char[] created = PasswordFile.readOrCreate(file);
        assertArrayEquals(created, PasswordFile.readOrCreate(file));
        assertEquals(new String(created) + "\n", Files.readString(file));
        assertEquals("rw-------", TestPki.permissions(file));
    }

    @Test
    void lineEndingIsNotPartOfThePassword() throws Exception {
        assertArrayEquals("s3cret".toCharArray(), PasswordFile.read(Files.writeString(dir.resolve("a"), "s3cret\n")));
        assertArrayEquals("s3cret".toCharArray(), PasswordFile.read(Files.writeString(dir.resolve("b"), "s3cret\r\n")));
        assertArrayEquals("s3cret".toCharArray(), PasswordFile.read(Files.writeString(dir.resolve("c"), "s3cret")));
    }

    @Test
    void emptyPasswordFileIsRejectedNamingTheFile() throws Exception {
        Path file = Files.writeString(dir.resolve("password"), "\n");
        CertificateStoreException e = assertThrows(CertificateStoreException.class, () -> PasswordFile.read(file));
        assertTrue(e.getMessage().startsWith(file.toAbsolutePath() + " is empty"), e.getMessage());
    }

    @Test
    void multiLinePasswordFileIsRejectedNamingTheFile() throws Exception {
        Path file = Files.writeString(dir.resolve("password"), "one\ntwo\n");
        CertificateStoreException e = assertThrows(CertificateStoreException.class, () -> PasswordFile.read(file));
        assertTrue(e.getMessage().contains("more than one line"), e.getMessage());
    }
}
