package org.lucarne.signaling.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.time.Clock;
import java.util.Map;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.lucarne.signaling.StartupException;
import org.lucarne.signaling.call.CallDirectory;
import org.lucarne.signaling.demo.DemoData;
import org.lucarne.signaling.demo.DemoVisit;
import org.lucarne.signaling.storage.Dialect;
import org.lucarne.signaling.testing.TestServer;

class KeysRotateSqliteIT extends KeysRotateScenarios {

    @Override
    protected Dialect dialect() {
        return Dialect.SQLITE;
    }

    private Path keystore() {
        return dir.resolve("etc").resolve("data-keys.p12");
    }

    private Map<String, String> keystoreEnv(String password) {
        Map<String, String> env = env();
        env.put("LUCARNE_DATA_KEYS_KEYSTORE", keystore().toString());
        env.put("LUCARNE_DATA_KEYS_KEYSTORE_PASSWORD", password);
        return env;
    }

    @Test
    void withAKeystoreTheServerStartsAndTheKeysRotate() {
        TestServer first = startServer(keystoreEnv("keystore password"));
        DemoVisit demo = DemoData.seed(first.server().database(), first.server().personalData(), Clock.systemUTC());
        assertTrue(Files.isRegularFile(keystore()), "the keystore is created at first start");
        assertTrue(Files.notExists(dir.resolve("data").resolve("keys").resolve("data-keys.json")), "no key file");
        stopServer();

        Run done = command(keystoreEnv("keystore password"), "keys", "rotate");
        assertEquals(0, done.code(), done.err());
        assertTrue(done.out().contains("  Keys             the keystore " + keystore() + " (data.keys.keystore) now"
                + " holds k2 only\n"), done.out());

        TestServer next = startServer(keystoreEnv("keystore password"));
        assertEquals("Marie Dupont", new CallDirectory(next.server().database(), next.server().personalData())
                .patientName(demo.patientId()));
    }

    @Test
    void aWrongKeystorePasswordStopsTheStartNamingTheSetting() {
        startServer(keystoreEnv("keystore password"));
        stopServer();
        StartupException e = assertThrows(StartupException.class, () -> startServer(keystoreEnv("not it")));
        assertEquals("the password (data.keys.keystore.password) does not open the keystore " + keystore()
                + " (data.keys.keystore): set the keystore's password", e.getMessage());
    }

    @Test
    void aKeystoreWithoutLucarneKeysStopsTheStart() throws Exception {
        Files.createDirectories(keystore().getParent());
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setEntry("tls-session-ticket", new KeyStore.SecretKeyEntry(new SecretKeySpec(new byte[32], "AES")),
                new KeyStore.PasswordProtection("pw".toCharArray()));
        try (OutputStream out = Files.newOutputStream(keystore())) {
            ks.store(out, "pw".toCharArray());
        }
        Files.setPosixFilePermissions(keystore(), PosixFilePermissions.fromString("rw-------"));
        StartupException e = assertThrows(StartupException.class, () -> startServer(keystoreEnv("pw")));
        assertTrue(e.getMessage().startsWith("the keystore " + keystore() + " (data.keys.keystore) holds no Lucarne data"
                + " key: add an AES-256 secret key entry lucarne-data-k1"), e.getMessage());
    }
}
