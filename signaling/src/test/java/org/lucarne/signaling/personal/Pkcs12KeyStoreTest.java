package org.lucarne.signaling.personal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The data keys in an operator's PKCS#12 keystore, made by the JDK's own keytool where it can. */
class Pkcs12KeyStoreTest {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String PASSWORD = "correct horse";

    @TempDir
    Path dir;

    private Path file() {
        return dir.resolve("data-keys.p12");
    }

    private Pkcs12KeyStore store(String password) {
        return new Pkcs12KeyStore(file(), password.toCharArray());
    }

    @Test
    void aMissingKeystoreIsCreatedOwnerOnlyWithOneKey() throws Exception {
        DataKeyRing ring = store(PASSWORD).loadOrCreate(RANDOM);
        assertEquals("k1", ring.current());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file())));
        assertEquals(List.of("lucarne-data-k1"), aliases());
        assertEquals(ring.currentKey().checkValue(), store(PASSWORD).load().currentKey().checkValue());
    }

    @Test
    void aKeystoreMadeWithKeytoolIsRead() throws Exception {
        keytool("-genseckey", "-alias", "lucarne-data-k1", "-keyalg", "AES", "-keysize", "256");
        DataKeyRing ring = store(PASSWORD).load();
        assertEquals("k1", ring.current());
        assertEquals(Optional.empty(), ring.pending());
        String sealed = new PersonalData(ring, RANDOM).seal(SealedColumns.PATIENT_NAME, "p", "Marie Dupont");
        assertEquals("Marie Dupont", new PersonalData(store(PASSWORD).load(), RANDOM)
                .open(SealedColumns.PATIENT_NAME, "p", sealed));
    }

    @Test
    void aWrongPasswordIsRefusedNamingTheSetting() throws Exception {
        store(PASSWORD).loadOrCreate(RANDOM);
        PersonalDataException e = assertThrows(PersonalDataException.class, () -> store("wrong").load());
        assertEquals("the password (data.keys.keystore.password) does not open the keystore " + file()
                + " (data.keys.keystore): set the keystore's password", e.getMessage());
    }

    @Test
    void aKeystoreWithoutLucarneKeysIsRefusedWithTheWayOut() throws Exception {
        keytool("-genseckey", "-alias", "something-else", "-keyalg", "AES", "-keysize", "256");
        PersonalDataException e = assertThrows(PersonalDataException.class, () -> store(PASSWORD).load());
        assertEquals("the keystore " + file() + " (data.keys.keystore) holds no Lucarne data key: add an AES-256 secret"
                + " key entry lucarne-data-k1 (keytool -genseckey -alias lucarne-data-k1 -keyalg AES -keysize 256"
                + " -storetype PKCS12 -keystore " + file() + "), or point data.keys.keystore at the keystore that holds"
                + " Lucarne's keys (docs/operations.md, \"Keys\")", e.getMessage());
        assertThrows(PersonalDataException.class, () -> store(PASSWORD).loadOrCreate(RANDOM),
                "an existing keystore is never given a key of its own: it may belong to another database");
    }

    @Test
    void aKeyOf128BitsIsRefused() throws Exception {
        keytool("-genseckey", "-alias", "lucarne-data-k1", "-keyalg", "AES", "-keysize", "128");
        PersonalDataException e = assertThrows(PersonalDataException.class, () -> store(PASSWORD).load());
        assertTrue(e.getMessage().contains("entry lucarne-data-k1 is not a 256-bit key (keytool -keysize 256)"),
                e.getMessage());
    }

    @Test
    void aFileThatIsNotAKeystoreIsRefused() throws Exception {
        Files.writeString(file(), "{\"format\": \"lucarne-data-keys/1\"}", StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(file(), PosixFilePermissions.fromString("rw-------"));
        PersonalDataException e = assertThrows(PersonalDataException.class, () -> store(PASSWORD).load());
        assertTrue(e.getMessage().startsWith("the keystore " + file() + " (data.keys.keystore) is damaged (not a"
                + " PKCS#12 keystore"), e.getMessage());
    }

    @Test
    void twoCurrentKeysOrAPendingKeyAloneAreRefused() throws Exception {
        write(List.of("lucarne-data-k1", "lucarne-data-k2"));
        assertTrue(assertThrows(PersonalDataException.class, () -> store(PASSWORD).load()).getMessage()
                .contains("it holds 2 current data keys"));
        write(List.of("lucarne-data-k2-pending"));
        assertTrue(assertThrows(PersonalDataException.class, () -> store(PASSWORD).load()).getMessage()
                .contains("it holds only a pending data key"));
    }

    @Test
    void aPendingKeyIsWrittenAndReadUnderItsOwnAlias() throws Exception {
        Pkcs12KeyStore store = store(PASSWORD);
        DataKeyRing ring = store.loadOrCreate(RANDOM).withNewPending(RANDOM);
        store.save(ring);
        assertEquals(List.of("lucarne-data-k1", "lucarne-data-k2-pending"), aliases());
        DataKeyRing loaded = store.load();
        assertEquals("k1", loaded.current());
        assertEquals(Optional.of("k2"), loaded.pending());
        store.save(loaded.promotePending());
        assertEquals(List.of("lucarne-data-k2"), aliases());
    }

    @Test
    void otherEntriesAndTheFilesModeAreKeptWhenItIsRewritten() throws Exception {
        keytool("-genseckey", "-alias", "lucarne-data-k1", "-keyalg", "AES", "-keysize", "256");
        keytool("-genseckey", "-alias", "hospital-other", "-keyalg", "AES", "-keysize", "128");
        Files.setPosixFilePermissions(file(), PosixFilePermissions.fromString("rw-r-----"));
        Pkcs12KeyStore store = store(PASSWORD);
        store.save(store.load().withNewPending(RANDOM));
        assertEquals(List.of("hospital-other", "lucarne-data-k1", "lucarne-data-k2-pending"), aliases());
        assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(file())),
                "a keystore its group may read (it has a password) stays so");
    }

    @Test
    void aKeystoreEveryUserCanReadIsRefused() throws Exception {
        store(PASSWORD).loadOrCreate(RANDOM);
        Files.setPosixFilePermissions(file(), PosixFilePermissions.fromString("rw-r--r--"));
        PersonalDataException e = assertThrows(PersonalDataException.class, () -> store(PASSWORD).load());
        assertEquals("the keystore " + file() + " (data.keys.keystore) can be read by every user of this machine: run"
                + " chmod o-rwx " + file(), e.getMessage());
    }

    private void keytool(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool")
                .toString()));
        command.addAll(List.of(args));
        command.addAll(List.of("-storetype", "PKCS12", "-keystore", file().toString(), "-storepass", PASSWORD,
                "-keypass", PASSWORD));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "keytool ends");
        assertEquals(0, p.exitValue(), out);
        Files.setPosixFilePermissions(file(), PosixFilePermissions.fromString("rw-------"));
    }

    /** A keystore of AES-256 keys under {@code aliases}, as another tool could make it. */
    private void write(List<String> aliases) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        for (String alias : aliases) {
            byte[] key = new byte[32];
            RANDOM.nextBytes(key);
            ks.setEntry(alias, new KeyStore.SecretKeyEntry(new SecretKeySpec(key, "AES")),
                    new KeyStore.PasswordProtection(PASSWORD.toCharArray()));
        }
        try (OutputStream out = Files.newOutputStream(file())) {
            ks.store(out, PASSWORD.toCharArray());
        }
        Files.setPosixFilePermissions(file(), PosixFilePermissions.fromString("rw-------"));
    }

    private List<String> aliases() throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file())) {
            ks.load(in, PASSWORD.toCharArray());
        }
        List<String> all = Collections.list(ks.aliases());
        Collections.sort(all);
        return all;
    }
}
