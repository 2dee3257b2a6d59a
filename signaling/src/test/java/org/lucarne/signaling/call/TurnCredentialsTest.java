package org.lucarne.signaling.call;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.lucarne.signaling.config.SignalingConfig;
import org.lucarne.signaling.config.TurnSettings;
import org.lucarne.signaling.ws.protocol.CallMessage;
import org.lucarne.testing.ManualClock;

class TurnCredentialsTest {
    private static final String SECRET = "an-example-secret-of-32-characters-or-more";
    private static final List<String> URLS = List.of("turns:turn.hospital.example:443?transport=tcp",
            "turn:turn.hospital.example:3478?transport=udp");
    /** 1,795,000,000 seconds since 1970, five hours from now. */
    private static final Instant NOW = Instant.ofEpochSecond(1_795_000_000L - 5 * 3600);

    private final ManualClock clock = new ManualClock(NOW);
    private final TurnCredentials credentials = new TurnCredentials(
            new TurnSettings(URLS, SECRET, Duration.ofHours(5)), clock);

    @Test
    void usernameIsTheExpiryThenTheParticipantId() {
        CallMessage.IceServer server = credentials.forParticipant("p-7f3a");
        assertEquals("1795000000:p-7f3a", server.username());
        assertEquals(URLS, server.urls());
    }

    @Test
    void credentialIsTheBase64HmacSha1OfTheUsernameUnderTheSecret() {
        // printf '%s' '1795000000:p-7f3a' | openssl dgst -sha1 -hmac "$SECRET" -binary | base64
        assertEquals("ulNGx6we2wLTLYe0Htcx1ob8rCE=", credentials.forParticipant("p-7f3a").credential());
    }

    @Test
    void expiryFollowsTheInjectedClockAndEachSessionGetsItsOwn() {
        CallMessage.IceServer first = credentials.forParticipant("p-7f3a");
        clock.advance(Duration.ofMinutes(20));
        CallMessage.IceServer later = credentials.forParticipant("p-7f3a");
        assertEquals("1795001200:p-7f3a", later.username());
        assertNotEquals(first.credential(), later.credential());
    }

    @Test
    void usernameNamesASeatNeverAPerson() {
        String username = credentials.forParticipant("p0123456789abcdef").username();
        assertTrue(username.matches("[0-9]{10,11}:p[0-9a-f]{16}"), username);
        assertThrows(IllegalArgumentException.class, () -> credentials.forParticipant("a:b"));
    }

    @Test
    void secretIsNeverPrinted() {
        assertFalse(credentials.toString().contains(SECRET), credentials.toString());
        assertFalse(credentials.forParticipant("p-7f3a").toString().contains("ulNGx6we"), "nor a credential");
        SignalingConfig config = SignalingConfig.load(Optional.empty(), Map.of("LUCARNE_TURN_URLS", String.join(",", URLS),
                "LUCARNE_TURN_SECRET", SECRET));
        assertFalse(config.toString().contains(SECRET), "the whole configuration printed hides it too");
    }

    @Test
    void joinedCarriesTheCredentialsOnlyWhenTurnIsConfigured() {
        SignalingConfig.Calls withTurn = SignalingConfig.load(Optional.empty(), Map.of(
                "LUCARNE_TURN_URLS", String.join(",", URLS), "LUCARNE_TURN_SECRET", SECRET)).calls();
        CallMessage.Joined joined = context(withTurn).joined("vst-1", "p-7f3a");
        assertEquals(List.of(credentials.forParticipant("p-7f3a")), joined.iceServers());

        SignalingConfig.Calls without = SignalingConfig.defaults().calls();
        assertNull(context(without).joined("vst-1", "p-7f3a").iceServers(), "absent without TURN");
    }

    private CallContext context(SignalingConfig.Calls calls) {
        return new CallContext(null, null, calls, clock, null, null, null, null, null, null, null);
    }
}
