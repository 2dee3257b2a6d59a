package org.lucarne.signaling;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lucarne.signaling.config.SignalingConfig;
import org.lucarne.signaling.testing.TestServer;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every start-up failure an operator can cause ends with a message that says what to do. */
class StartupFailuresIT {
    @TempDir
    Path dir;

    private StartupException failingStart(Map<String, String> env) {
        Map<String, String> all = new HashMap<>(Map.of(
                "LUCARNE_DATA_DIR", dir.resolve("data").toString(),
                "LUCARNE_HTTPS_PORT", "0",
                "LUCARNE_KIOSK_PORT", "0",
                "LUCARNE_BIND_ADDRESS", "127.0.0.1"));
        all.putAll(env);
        SignalingConfig config = SignalingConfig.load(Optional.empty(), all);
        return assertThrows(StartupException.class, () -> LucarneServer.create(config, Clock.systemUTC()).start());
    }

    private static void assertMentions(Exception e, String... words) {
        for (String w : words) {
            assertTrue(e.getMessage().contains(w), "'" + e.getMessage() + "' should mention " + w);
        }
    }

    @Test
    void httpsPortInUseSaysSoAndHowToChangeIt() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            StartupException e = failingStart(Map.of("LUCARNE_HTTPS_PORT", String.valueOf(taken.getLocalPort())));
            assertMentions(e, String.valueOf(taken.getLocalPort()), "LUCARNE_HTTPS_PORT", "already running");
        }
    }

    @Test
    void kioskPortInUseSaysSoAndHowToChangeIt() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            StartupException e = failingStart(Map.of("LUCARNE_KIOSK_PORT", String.valueOf(taken.getLocalPort())));
            assertMentions(e, String.valueOf(taken.getLocalPort()), "LUCARNE_KIOSK_PORT", "already running");
        }
    }

    @Test
    void missingTabletCaIsNamedWithTheKey() {
        Path missing = dir.resolve("tablet-ca.crt");
        StartupException e = failingStart(Map.of("LUCARNE_KIOSK_CA_CERTIFICATE", missing.toString()));
        assertMentions(e, "kiosk.ca.certificate", missing.toString());
    }

    @Test
    void unwritableDataDirectorySaysSoAndHowToFixIt() throws IOException {
        Path file = Files.writeString(dir.resolve("not-a-directory"), "x");
        StartupException e = failingStart(Map.of("LUCARNE_DATA_DIR", file.resolve("data").toString()));
        assertMentions(e, "data directory", "not writable", "LUCARNE_DATA_DIR");
    }

    @Test
    void missingConfiguredKeystoreIsNamed() {
        Path missing = dir.resolve("missing.p12");
        StartupException e = failingStart(Map.of("LUCARNE_TLS_KEYSTORE", missing.toString(),
                "LUCARNE_TLS_KEYSTORE_PASSWORD", "secret", "LUCARNE_KIOSK_CA_CERTIFICATE", "ca.crt"));
        assertMentions(e, "TLS", missing.toString());
    }

    @Test
    void corruptConfiguredKeystoreIsNamed() throws IOException {
        Path corrupt = Files.write(dir.resolve("server.p12"), new byte[] {0x30, 0x03, 0x01, 0x02, 0x03});
        StartupException e = failingStart(Map.of("LUCARNE_TLS_KEYSTORE", corrupt.toString(),
                "LUCARNE_TLS_KEYSTORE_PASSWORD", "secret", "LUCARNE_KIOSK_CA_CERTIFICATE", "ca.crt"));
        assertMentions(e, "TLS", corrupt.toString());
    }

    @Test
    void corruptDevelopmentCertificateIsNamedWithTheWayOut() throws IOException {
        TestServer first = TestServer.start();
        Path dataDir = first.dataDir();
        first.close();
        Path serverP12 = dataDir.resolve("tls").resolve("server.p12");
        assertTrue(Files.exists(serverP12), "the development server certificate lives at " + serverP12);
        Files.writeString(serverP12, "garbage");
        StartupException e = failingStart(Map.of("LUCARNE_DATA_DIR", dataDir.toString()));
        assertMentions(e, "server.p12", "Delete");
    }
}
