package org.lucarne.signaling.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SignalingConfigTest {
    private static final Path SAMPLE = Path.of("..", "lucarne.sample.conf");

    @Test
    void defaultsMatchTheIssueAndTheSample() {
        SignalingConfig c = SignalingConfig.defaults();
        assertEquals(Path.of("data"), c.dataDir());
        assertEquals("localhost", c.host());
        assertEquals(8443, c.httpsPort());
        assertEquals(SignalingConfig.NO_PORT, c.httpPort(), "no plain HTTP unless asked");
        assertEquals("jdbc:sqlite:data/lucarne.db", c.database().jdbcUrl());
        assertEquals(Duration.ofSeconds(60), c.webSocket().idleTimeout());
        assertEquals(65536, c.webSocket().maxFrameBytes());
        assertEquals("https://localhost:8443", c.origin(8443));
    }

    @Test
    void sampleFileLoadsAsShippedAndWithEveryLineUncommented(@TempDir Path dir) throws IOException {
        assertEquals(SignalingConfig.defaults(), SignalingConfig.load(Optional.of(SAMPLE), Map.of()));

        String uncommented = Files.readString(SAMPLE).replaceAll("(?m)^#([a-z][a-z.]+ =)", "$1");
        assertTrue(uncommented.contains("\nhttps.port = 8443"), "the sample's keys are uncommented");
        Path file = dir.resolve("lucarne.conf");
        Files.writeString(file, uncommented);
        SignalingConfig c = SignalingConfig.load(Optional.of(file), Map.of());
        assertEquals(8443, c.httpsPort());
        assertEquals(Path.of("./data"), c.dataDir());
        assertEquals(SignalingConfig.defaults().webSocket(), c.webSocket());
    }

    @Test
    void sampleDocumentsEveryKey() throws IOException {
        String sample = Files.readString(SAMPLE);
        for (String key : SignalingConfig.KEYS) {
            // One entry stands for the per-bridge secrets bridge.shared.secret.1 … .100.
            String documented = key.matches("bridge\\.shared\\.secret\\.[0-9]+") ? "bridge.shared.secret.1" : key;
            assertTrue(sample.contains("#" + documented + " ="), "lucarne.sample.conf does not document " + key);
        }
    }

    @Test
    void environmentOverridesTheFile(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("lucarne.conf");
        Files.writeString(file, "https.port = 9443\nhost = visits.example.org\n");
        SignalingConfig c = SignalingConfig.load(Optional.of(file), Map.of("LUCARNE_HTTPS_PORT", "10443"));
        assertEquals(10443, c.httpsPort());
        assertEquals("visits.example.org", c.host());
        assertEquals("https://visits.example.org:10443", c.origin(10443));
    }

    @Test
    void invalidPortNamesTheVariableAndTheExpectedForm() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> SignalingConfig.load(Optional.empty(), Map.of("LUCARNE_HTTPS_PORT", "eighty")));
        assertEquals("LUCARNE_HTTPS_PORT (https.port) = 'eighty' from environment: "
                + "expected a whole number from 0 to 65535", e.getMessage());
    }

    @Test
    void portOutOfRangeIsRefused() {
        assertThrows(ConfigException.class,
                () -> SignalingConfig.load(Optional.empty(), Map.of("LUCARNE_HTTPS_PORT", "70000")));
    }

    @Test
    void unknownDatabaseUrlSchemeIsRefused() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> SignalingConfig.load(Optional.empty(), Map.of("LUCARNE_DB_URL", "jdbc:mysql://x/y")));
        assertTrue(e.getMessage().startsWith("LUCARNE_DB_URL (db.url)"), e.getMessage());
        assertTrue(e.getMessage().contains("jdbc:postgresql://"), e.getMessage());
    }

    @Test
    void typoInTheFileIsRefusedWithTheKey(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("lucarne.conf");
        Files.writeString(file, "htps.port = 9443\n");
        ConfigException e = assertThrows(ConfigException.class, () -> SignalingConfig.load(Optional.of(file), Map.of()));
        assertTrue(e.getMessage().contains("unknown key 'htps.port'"), e.getMessage());
    }

    @Test
    void missingConfigFileIsNamed() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> SignalingConfig.load(Optional.of(Path.of("no-such.conf")), Map.of()));
        assertTrue(e.getMessage().contains("no-such.conf"), e.getMessage());
    }

    @Test
    void badHostAndOriginAreRefused() {
        assertThrows(ConfigException.class,
                () -> SignalingConfig.load(Optional.empty(), Map.of("LUCARNE_HOST", "bad host/")));
        assertThrows(ConfigException.class,
                () -> SignalingConfig.load(Optional.empty(), Map.of("LUCARNE_PUBLIC_ORIGIN", "http://x.example")));
        assertEquals("https://visits.example.org", SignalingConfig.load(Optional.empty(),
                Map.of("LUCARNE_PUBLIC_ORIGIN", "https://Visits.example.org:443")).origin(8443));
    }

    @Test
    void keystoreWithoutPasswordIsRefused() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> SignalingConfig.load(Optional.empty(), Map.of("LUCARNE_TLS_KEYSTORE", "/etc/lucarne/server.p12")));
        assertTrue(e.getMessage().contains("tls.keystore.password"), e.getMessage());
    }

    @Test
    void kioskListensOn8444WithTheDevelopmentCaByDefault() {
        SignalingConfig c = SignalingConfig.defaults();
        assertEquals(8444, c.kiosk().port());
        assertEquals(Optional.empty(), c.kiosk().caCertificate());
        assertEquals("https://localhost:8444", c.kioskOrigin(8444));
    }

    @Test
    void kioskPortMustDifferFromThePublicPorts() {
        ConfigException e = assertThrows(ConfigException.class, () -> SignalingConfig.load(Optional.empty(),
                Map.of("LUCARNE_KIOSK_PORT", "8443")));
        assertTrue(e.getMessage().contains("kiosk.port"), e.getMessage());
    }

    @Test
    void keystoreWithoutTabletCaIsRefused() {
        ConfigException e = assertThrows(ConfigException.class, () -> SignalingConfig.load(Optional.empty(),
                Map.of("LUCARNE_TLS_KEYSTORE", "/etc/lucarne/server.p12", "LUCARNE_TLS_KEYSTORE_PASSWORD", "x")));
        assertTrue(e.getMessage().contains("LUCARNE_KIOSK_CA_CERTIFICATE (kiosk.ca.certificate)"), e.getMessage());
        assertEquals(Optional.of(Path.of("/etc/lucarne/ca.crt")), SignalingConfig.load(Optional.empty(),
                Map.of("LUCARNE_TLS_KEYSTORE", "/etc/lucarne/server.p12", "LUCARNE_TLS_KEYSTORE_PASSWORD", "x",
                        "LUCARNE_KIOSK_CA_CERTIFICATE", "/etc/lucarne/ca.crt")).kiosk().caCertificate());
    }

    @Test
    void tabletCaKeystoreNeedsItsPasswordAndTheTabletCaCertificate() {
        ConfigException noPassword = assertThrows(ConfigException.class, () -> SignalingConfig.load(Optional.empty(),
                Map.of("LUCARNE_KIOSK_CA_KEYSTORE", "/etc/lucarne/tablets.p12",
                        "LUCARNE_KIOSK_CA_CERTIFICATE", "/etc/lucarne/tablets.crt")));
        assertTrue(noPassword.getMessage().contains("(kiosk.ca.keystore.password)"), noPassword.getMessage());
        ConfigException noCertificate = assertThrows(ConfigException.class, () -> SignalingConfig.load(
                Optional.empty(), Map.of("LUCARNE_KIOSK_CA_KEYSTORE", "/etc/lucarne/tablets.p12",
                        "LUCARNE_KIOSK_CA_KEYSTORE_PASSWORD", "x")));
        assertTrue(noCertificate.getMessage().contains("(kiosk.ca.certificate)"), noCertificate.getMessage());

        SignalingConfig.Kiosk k = SignalingConfig.load(Optional.empty(), Map.of(
                "LUCARNE_KIOSK_CA_KEYSTORE", "/etc/lucarne/tablets.p12", "LUCARNE_KIOSK_CA_KEYSTORE_PASSWORD", "x",
                "LUCARNE_KIOSK_CA_CERTIFICATE", "/etc/lucarne/tablets.crt")).kiosk();
        assertEquals(Optional.of(Path.of("/etc/lucarne/tablets.p12")), k.caKeystore());
        assertEquals(Optional.of("x"), k.caKeystorePassword());
        assertEquals(Optional.empty(), SignalingConfig.defaults().kiosk().caKeystore());
    }

    @Test
    void heartbeatMustFitInTheIdleTimeout() {
        ConfigException e = assertThrows(ConfigException.class, () -> SignalingConfig.load(Optional.empty(),
                Map.of("LUCARNE_WS_IDLE_TIMEOUT_SECONDS", "30", "LUCARNE_WS_HEARTBEAT_SECONDS", "20")));
        assertTrue(e.getMessage().contains("ws.heartbeat.seconds"), e.getMessage());
    }

    @Test
    void theTabletRingsAtMostEveryTwoMinutesByDefaultAndZeroLiftsTheLimit() {
        assertEquals(Duration.ofSeconds(120), SignalingConfig.defaults().calls().ringInterval());
        assertEquals(Duration.ZERO, ringInterval("0"));
        assertEquals(Duration.ofHours(1), ringInterval("3600"));
    }

    @Test
    void ringIntervalOutOfBoundsNamesTheVariableAndTheRange() {
        for (String bad : new String[] {"-1", "3601", "two minutes"}) {
            ConfigException e = assertThrows(ConfigException.class, () -> ringInterval(bad));
            assertEquals("LUCARNE_CALL_RING_INTERVAL_SECONDS (call.ring.interval.seconds) = '" + bad
                    + "' from environment: expected a whole number from 0 to 3600", e.getMessage());
        }
    }

    private static Duration ringInterval(String seconds) {
        return SignalingConfig.load(Optional.empty(), Map.of("LUCARNE_CALL_RING_INTERVAL_SECONDS", seconds))
                .calls().ringInterval();
    }

    @Test
    void embeddedBridgeIsOnByDefaultWithItsApiOnAnyFreeLoopbackPort() {
        SignalingConfig c = SignalingConfig.defaults();
        assertEquals(0, c.embeddedBridge().orElseThrow().httpPort());
        assertEquals(10000, c.embeddedBridge().orElseThrow().udpPort());
    }

    @Test
    void embeddedBridgeReadsTheBridgesOwnVariablesAndCanBeTurnedOff() {
        assertEquals(12000, SignalingConfig.load(Optional.empty(), Map.of("LUCARNE_BRIDGE_UDP_PORT", "12000"))
                .embeddedBridge().orElseThrow().udpPort());
        assertTrue(SignalingConfig.load(Optional.empty(), Map.of("LUCARNE_BRIDGE_EMBEDDED", "false",
                "LUCARNE_BRIDGE_URLS", "http://10.20.0.7:8080/")).embeddedBridge().isEmpty());
    }

    @Test
    void badEmbeddedBridgeSettingNamesTheVariable() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> SignalingConfig.load(Optional.empty(), Map.of("LUCARNE_BRIDGE_EMBEDDED", "yes")));
        assertTrue(e.getMessage().contains("LUCARNE_BRIDGE_EMBEDDED"), e.getMessage());
        ConfigException port = assertThrows(ConfigException.class,
                () -> SignalingConfig.load(Optional.empty(), Map.of("LUCARNE_BRIDGE_UDP_PORT", "ten")));
        assertTrue(port.getMessage().startsWith("embedded media bridge: LUCARNE_BRIDGE_UDP_PORT"), port.getMessage());
    }

    @Test
    void listedBridgesTurnTheEmbeddedOneOffUnlessItIsAskedForToo() {
        SignalingConfig listed = SignalingConfig.load(Optional.empty(),
                Map.of("LUCARNE_BRIDGE_URLS", "http://10.20.0.7:8080/,http://10.20.0.8:8080/"));
        assertTrue(listed.embeddedBridge().isEmpty());
        assertEquals(2, listed.bridgePool().orElseThrow().bridges().size());
        SignalingConfig both = SignalingConfig.load(Optional.empty(),
                Map.of("LUCARNE_BRIDGE_URLS", "http://10.20.0.7:8080/", "LUCARNE_BRIDGE_EMBEDDED", "true"));
        assertTrue(both.embeddedBridge().isPresent());
        assertEquals(1, both.bridgePool().orElseThrow().bridges().size());
    }

    @Test
    void noBridgeAtAllIsRefusedWithTheWayOut() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> SignalingConfig.load(Optional.empty(), Map.of("LUCARNE_BRIDGE_EMBEDDED", "false")));
        assertTrue(e.getMessage().contains("LUCARNE_BRIDGE_URLS"), e.getMessage());
    }
}
