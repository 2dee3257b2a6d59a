package org.lucarne.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BridgeConfigTest {
    private static final String SECRET = "0123456789abcdef0123";

    @Test
    void defaultsSuitAOneMachineDemo() {
        BridgeConfig c = BridgeConfig.defaults();
        assertEquals("127.0.0.1", c.httpHost());
        assertEquals(8080, c.httpPort());
        assertEquals("127.0.0.1", c.udpHost());
        assertEquals(10000, c.udpPort());
        assertEquals(Optional.empty(), c.advertisedAddress());
        assertEquals(Duration.ofSeconds(60), c.expire());
        assertEquals(Optional.empty(), c.sharedSecret());
    }

    @Test
    void sampleFileLoadsAndMatchesTheDefaults() {
        Path sample = Path.of("bridge.sample.conf");
        assertTrue(Files.isRegularFile(sample), "media-bridge/bridge.sample.conf is missing");
        assertEquals(BridgeConfig.defaults(), BridgeConfig.load(Optional.of(sample), Map.of()));
    }

    @Test
    void sampleFileDocumentsEveryKey() throws IOException {
        String text = Files.readString(Path.of("bridge.sample.conf"));
        for (String key : BridgeConfig.KEYS) {
            assertTrue(text.contains("#" + key + " ="), "bridge.sample.conf does not document " + key);
        }
    }

    @Test
    void everyFieldHasAnEnvironmentVariable() {
        BridgeConfig c = BridgeConfig.load(Optional.empty(), Map.of(
                "LUCARNE_BRIDGE_HTTP_HOST", "0.0.0.0",
                "LUCARNE_BRIDGE_HTTP_PORT", "9090",
                "LUCARNE_BRIDGE_UDP_HOST", "10.20.0.7",
                "LUCARNE_BRIDGE_UDP_PORT", "10001",
                "LUCARNE_BRIDGE_ADVERTISED_ADDRESS", "198.51.100.23",
                "LUCARNE_BRIDGE_EXPIRE_SECONDS", "30",
                "LUCARNE_BRIDGE_SHARED_SECRET", SECRET));
        assertEquals(new BridgeConfig("0.0.0.0", 9090, "10.20.0.7", 10001, Optional.of("198.51.100.23"),
                Duration.ofSeconds(30), Optional.of(SECRET)), c);
    }

    @Test
    void iceTcpIsOffUnlessItsPortIsSet() {
        assertEquals(OptionalInt.empty(), BridgeConfig.defaults().tcpPort());
        BridgeConfig c = BridgeConfig.load(Optional.empty(), Map.of("LUCARNE_BRIDGE_TCP_PORT", "4443"));
        assertEquals(OptionalInt.of(4443), c.tcpPort());
        assertTrue(c.toString().contains("tcp=127.0.0.1:4443"), c.toString());
    }

    @Test
    void aBadIceTcpPortNamesTheVariable() {
        var e = assertThrows(BridgeConfigException.class, () -> BridgeConfig.load(Optional.empty(),
                Map.of("LUCARNE_BRIDGE_TCP_PORT", "70000")));
        assertEquals("LUCARNE_BRIDGE_TCP_PORT (bridge.tcp.port) = '70000' from the environment: expected a whole "
                + "number from 0 to 65535", e.getMessage());
    }

    @Test
    void environmentOverridesTheFile(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("bridge.conf");
        Files.writeString(file, "bridge.http.port = 8181\nbridge.udp.port = 10005\n");
        BridgeConfig c = BridgeConfig.load(Optional.of(file), Map.of("LUCARNE_BRIDGE_UDP_PORT", "10006"));
        assertEquals(8181, c.httpPort());
        assertEquals(10006, c.udpPort());
    }

    @Test
    void badPortNamesTheVariableTheKeyAndWhereItCameFrom() {
        var e = assertThrows(BridgeConfigException.class, () -> BridgeConfig.load(Optional.empty(),
                Map.of("LUCARNE_BRIDGE_HTTP_PORT", "80a")));
        assertEquals("LUCARNE_BRIDGE_HTTP_PORT (bridge.http.port) = '80a' from the environment: expected a whole "
                + "number from 0 to 65535", e.getMessage());
    }

    @Test
    void expireOutOfRangeIsRefused() {
        var e = assertThrows(BridgeConfigException.class, () -> BridgeConfig.load(Optional.empty(),
                Map.of("LUCARNE_BRIDGE_EXPIRE_SECONDS", "1")));
        assertTrue(e.getMessage().startsWith("LUCARNE_BRIDGE_EXPIRE_SECONDS (bridge.expire.seconds)"), e.getMessage());
    }

    @Test
    void unknownKeyInTheFileIsRefused(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("bridge.conf");
        Files.writeString(file, "bridge.http.prot = 8181\n");
        var e = assertThrows(BridgeConfigException.class, () -> BridgeConfig.load(Optional.of(file), Map.of()));
        assertTrue(e.getMessage().contains("unknown key 'bridge.http.prot'"), e.getMessage());
    }

    @Test
    void missingFileIsNamed(@TempDir Path dir) {
        Path file = dir.resolve("nowhere.conf");
        var e = assertThrows(BridgeConfigException.class, () -> BridgeConfig.load(Optional.of(file), Map.of()));
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
    }

    @Test
    void apiBeyondLoopbackRefusesToStartWithoutASecret() {
        var e = assertThrows(BridgeConfigException.class, () -> BridgeConfig.load(Optional.empty(),
                Map.of("LUCARNE_BRIDGE_HTTP_HOST", "0.0.0.0")));
        assertTrue(e.getMessage().startsWith("LUCARNE_BRIDGE_SHARED_SECRET (bridge.shared.secret) is required"),
                e.getMessage());
    }

    @Test
    void loopbackNamesNeedNoSecret() {
        for (String host : new String[] {"127.0.0.1", "localhost", "::1", "127.0.0.2"}) {
            assertEquals(host, BridgeConfig.load(Optional.empty(), Map.of("LUCARNE_BRIDGE_HTTP_HOST", host)).httpHost());
        }
    }

    @Test
    void shortSecretIsRefusedWithoutShowingIt() {
        var e = assertThrows(BridgeConfigException.class, () -> BridgeConfig.load(Optional.empty(),
                Map.of("LUCARNE_BRIDGE_SHARED_SECRET", "hunter2")));
        assertTrue(e.getMessage().startsWith("LUCARNE_BRIDGE_SHARED_SECRET (bridge.shared.secret) must be at least"));
        assertFalse(e.getMessage().contains("hunter2"));
    }

    @Test
    void wildcardUdpAddressIsRefusedBecauseItIsAlsoTheHostCandidate() {
        var e = assertThrows(BridgeConfigException.class, () -> BridgeConfig.load(Optional.empty(),
                Map.of("LUCARNE_BRIDGE_UDP_HOST", "0.0.0.0")));
        assertTrue(e.getMessage().startsWith("LUCARNE_BRIDGE_UDP_HOST (bridge.udp.host) = '0.0.0.0'"), e.getMessage());
    }

    @Test
    void advertisedAddressMustBeALiteral() {
        var e = assertThrows(BridgeConfigException.class, () -> BridgeConfig.load(Optional.empty(),
                Map.of("LUCARNE_BRIDGE_ADVERTISED_ADDRESS", "bridge.example")));
        assertTrue(e.getMessage().startsWith("LUCARNE_BRIDGE_ADVERTISED_ADDRESS (bridge.advertised.address)"));
    }

    @Test
    void toStringNeverShowsTheSecret() {
        BridgeConfig c = BridgeConfig.load(Optional.empty(), Map.of("LUCARNE_BRIDGE_SHARED_SECRET", SECRET));
        assertFalse(c.toString().contains(SECRET), c.toString());
    }

    @Test
    void testConfigUsesLoopbackAndFreePorts() {
        BridgeConfig c = BridgeConfig.loopbackForTests();
        assertEquals("127.0.0.1", c.httpHost());
        assertEquals(0, c.httpPort());
        assertEquals("127.0.0.1", c.udpHost());
        assertEquals(0, c.udpPort());
    }
}
