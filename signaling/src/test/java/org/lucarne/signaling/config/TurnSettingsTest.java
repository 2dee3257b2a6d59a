package org.lucarne.signaling.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TurnSettingsTest {
    private static final String SECRET = "0123456789abcdef0123456789abcdef-turn";
    private static final String URLS = "turns:turn.hospital.example:443?transport=tcp, "
            + "turn:turn.hospital.example:3478?transport=udp";

    private static Optional<TurnSettings> load(String... keysAndValues) {
        Map<String, String> env = new HashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            env.put(ConfigSource.envName(keysAndValues[i]), keysAndValues[i + 1]);
        }
        return SignalingConfig.load(Optional.empty(), env).calls().turn();
    }

    private static String refusal(String... keysAndValues) {
        return assertThrows(ConfigException.class, () -> load(keysAndValues)).getMessage();
    }

    private static String urlRefusal(String urls) {
        return refusal("turn.urls", urls, "turn.secret", SECRET);
    }

    @Test
    void noTurnUnlessItsUrlsAreSet() {
        assertTrue(load().isEmpty());
    }

    @Test
    void urlsAndSecretGiveTurnWithFiveHourCredentials() {
        TurnSettings t = load("turn.urls", URLS, "turn.secret", SECRET).orElseThrow();
        assertEquals(List.of("turns:turn.hospital.example:443?transport=tcp",
                "turn:turn.hospital.example:3478?transport=udp"), t.urls());
        assertEquals(SECRET, t.secret());
        assertEquals(Duration.ofHours(5), t.ttl());
        assertEquals(Duration.ofMinutes(30), load("turn.urls", "turn:127.0.0.1:3478", "turn.secret", SECRET,
                "turn.ttl.seconds", "1800").orElseThrow().ttl());
        assertEquals(List.of("turn:[2001:db8::7]:3478?transport=tcp", "turns:turn.hospital.example"),
                load("turn.urls", "turn:[2001:db8::7]:3478?transport=tcp,turns:turn.hospital.example",
                        "turn.secret", SECRET).orElseThrow().urls());
    }

    @Test
    void secretIsRequiredLongAndNeverShown() {
        assertTrue(refusal("turn.urls", URLS).startsWith("LUCARNE_TURN_SECRET (turn.secret) is required when turn.urls"
                + " is set"));
        String shortOne = refusal("turn.urls", URLS, "turn.secret", "short-secret-of-24-chars");
        assertTrue(shortOne.startsWith("LUCARNE_TURN_SECRET (turn.secret) must be 32 to 256 printable"), shortOne);
        assertFalse(shortOne.contains("short-secret-of-24-chars"), shortOne);
        String spaced = refusal("turn.urls", URLS, "turn.secret", "0123456789abcdef 0123456789abcdef");
        assertFalse(spaced.contains("0123456789abcdef"), spaced);
        assertFalse(load("turn.urls", URLS, "turn.secret", SECRET).orElseThrow().toString().contains(SECRET));
    }

    @Test
    void secretOrLifetimeWithoutUrlsIsRefused() {
        assertTrue(refusal("turn.secret", SECRET).startsWith("LUCARNE_TURN_URLS (turn.urls) is required when"
                + " turn.secret is set"));
        assertTrue(refusal("turn.ttl.seconds", "3600").startsWith("LUCARNE_TURN_URLS (turn.urls) is required when"
                + " turn.ttl.seconds is set"));
    }

    @Test
    void lifetimeIsBounded() {
        for (String ttl : List.of("599", "86401", "forever", "-1")) {
            assertTrue(refusal("turn.urls", URLS, "turn.secret", SECRET, "turn.ttl.seconds", ttl)
                    .startsWith("LUCARNE_TURN_TTL_SECONDS (turn.ttl.seconds) = '" + ttl + "' from environment: expected"
                            + " a whole number from 600 to 86400"), ttl);
        }
    }

    @Test
    void everyBadUrlIsRefusedNamingTheKeyAndTheEntry() {
        Map<String, String> bad = Map.of(
                "stun:turn.hospital.example:3478", "entry 1 'stun:turn.hospital.example:3478' is not a TURN URL",
                "turn:", "entry 1 'turn:' is not a TURN URL",
                "turn:turn.hospital.example:0", "entry 1 'turn:turn.hospital.example:0' has port 0",
                "turn:turn.hospital.example:70000", "has port 70000",
                "turn:turn.hospital.example:3478?transport=sctp", "has transport 'sctp'",
                "turns:turn.hospital.example:443?transport=udp", "asks for turns over UDP",
                "turn:bad_host:3478", "is not a TURN URL",
                "turn:a.example:3478,,turn:b.example:3478", "has an empty entry at position 2",
                "turn:a.example:3478,turn:a.example:3478", "entry 2 'turn:a.example:3478' is listed twice",
                "https://turn.hospital.example/", "is not a TURN URL");
        bad.forEach((urls, why) -> {
            String message = urlRefusal(urls);
            assertTrue(message.startsWith("LUCARNE_TURN_URLS (turn.urls) "), message);
            assertTrue(message.contains(why), message);
        });
        assertTrue(urlRefusal("turn:a.example," .repeat(9) + "turn:z.example").contains("lists 10 URLs: expected at"
                + " most 8"));
        assertTrue(urlRefusal("turn:" + "a".repeat(300) + ".example").contains("is not a TURN URL"));
    }
}
