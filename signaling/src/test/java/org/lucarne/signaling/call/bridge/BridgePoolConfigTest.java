package org.lucarne.signaling.call.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.lucarne.signaling.config.ConfigException;

class BridgePoolConfigTest {
    private static final String SHARED = "shared-secret-0123456789";
    private static final String OWN = "own-secret-abcdefghijk";

    @Test
    void readsTheBridgeListWithOneSecretForAllAndOneOfItsOwn() {
        BridgePoolConfig c = BridgePoolConfig.load(Map.of(
                "bridge.urls", " http://10.20.0.7:8080 , https://jvb2.example.org/jvb/",
                "bridge.shared.secret", SHARED,
                "bridge.shared.secret.2", OWN,
                "bridge.health.interval.seconds", "30"));

        assertEquals(List.of(URI.create("http://10.20.0.7:8080/"), URI.create("https://jvb2.example.org/jvb/")),
                c.bridges().stream().map(Bridge::baseUri).toList());
        assertEquals(Optional.of(SHARED), c.bridges().get(0).secret());
        assertEquals(Optional.of(OWN), c.bridges().get(1).secret());
        assertEquals(Duration.ofSeconds(30), c.healthInterval());
        assertEquals(BridgePoolConfig.DEFAULT_REQUEST_TIMEOUT, c.requestTimeout());
    }

    @Test
    void theEmbeddedBridgeIsAPoolOfOneWithTheDefaults() {
        BridgePoolConfig c = BridgePoolConfig.embedded(URI.create("http://127.0.0.1:41234/"), Optional.empty());

        assertEquals(1, c.bridges().size());
        assertEquals("http://127.0.0.1:41234/", c.bridges().get(0).name());
        assertEquals(BridgePoolConfig.DEFAULT_HEALTH_INTERVAL, c.healthInterval());
    }

    @Test
    void noBridgeIsRefusedNamingTheKey() {
        assertRefused(Map.of("bridge.urls", "  "), "LUCARNE_BRIDGE_URLS (bridge.urls) is empty");
    }

    @Test
    void aUrlThatIsNotHttpIsRefusedNamingItsPosition() {
        assertRefused(Map.of("bridge.urls", "http://10.0.0.1:8080/,ftp://10.0.0.2/"), "entry 2 'ftp://10.0.0.2/'");
    }

    @Test
    void aUrlWithCredentialsOrAQueryIsRefused() {
        ConfigException e = assertRefused(Map.of("bridge.urls", "http://user:pw@10.0.0.1:8080/"), "bridge.urls");
        assertFalse(e.getMessage().contains("pw"), e.getMessage());
        assertRefused(Map.of("bridge.urls", "http://10.0.0.1:8080/?x=1"), "without user, query or fragment");
    }

    @Test
    void anEmptyEntryIsRefused() {
        assertRefused(Map.of("bridge.urls", "http://10.0.0.1:8080/,,http://10.0.0.2:8080/"), "empty entry at position 2");
    }

    @Test
    void theSameBridgeTwiceIsRefused() {
        assertRefused(Map.of("bridge.urls", "http://10.0.0.1:8080,http://10.0.0.1:8080/"), "twice");
    }

    @Test
    void aShortSecretIsRefusedWithoutShowingIt() {
        ConfigException e = assertRefused(Map.of("bridge.urls", "http://10.0.0.1:8080/",
                "bridge.shared.secret", "hunter2"), "LUCARNE_BRIDGE_SHARED_SECRET (bridge.shared.secret)");
        assertFalse(e.getMessage().contains("hunter2"));
    }

    @Test
    void aHealthIntervalOutOfRangeIsRefusedWithTheRange() {
        assertRefused(Map.of("bridge.urls", "http://10.0.0.1:8080/", "bridge.health.interval.seconds", "0"),
                "bridge.health.interval.seconds) = '0': expected a whole number of seconds from 1 to 3600");
        assertRefused(Map.of("bridge.urls", "http://10.0.0.1:8080/", "bridge.request.timeout.seconds", "soon"),
                "bridge.request.timeout.seconds");
    }

    @Test
    void aBridgeNeverShowsItsSecret() {
        Bridge b = new Bridge(URI.create("http://10.0.0.1:8080"), Optional.of(SHARED));

        assertFalse(b.toString().contains(SHARED));
        assertFalse(new BridgePoolConfig(List.of(b), Duration.ofSeconds(5), Duration.ofSeconds(5)).toString()
                .contains(SHARED));
    }

    private static ConfigException assertRefused(Map<String, String> settings, String expected) {
        ConfigException e = assertThrows(ConfigException.class, () -> BridgePoolConfig.load(settings));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
        return e;
    }
}
