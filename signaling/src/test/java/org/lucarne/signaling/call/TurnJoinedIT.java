package org.lucarne.signaling.call;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.lucarne.signaling.call.CallSockets.next;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lucarne.signaling.call.CallSockets.TestVisit;
import org.lucarne.signaling.testing.TestServer;
import org.lucarne.signaling.testing.WsTestClient;
import org.lucarne.testing.ManualScheduler;

/**
 * With {@code turn.*} set, every media session's {@code joined} on a real socket carries the TURN URLs with
 * credentials made then, on the server's clock: the first join, an ICE restart, a reconnect.
 */
class TurnJoinedIT {
    private static final String SECRET = "a-turn-secret-of-the-test-0123456789abcdef";
    private static final String URLS = "turns:turn.hospital.example:443?transport=tcp,"
            + "turn:turn.hospital.example:3478?transport=udp";

    @TempDir
    Path dir;

    @Test
    void everyMediaSessionsJoinedCarriesCredentialsMadeThen() throws Exception {
        ManualScheduler timers = ManualScheduler.startingNow();
        try (TestServer server = TestServer.start(Map.of("LUCARNE_TURN_URLS", URLS, "LUCARNE_TURN_SECRET", SECRET,
                "LUCARNE_TURN_TTL_SECONDS", "3600"), timers);
             CallSockets sockets = new CallSockets(server, dir.resolve("tablets"))) {
            long start = timers.clock().instant().getEpochSecond();
            TestVisit visit = sockets.book(timers.clock(), Duration.ofHours(1));
            WsTestClient kiosk = sockets.kiosk(visit);
            WsTestClient family = sockets.family(visit);
            next(kiosk, "ring");
            kiosk.send(visit.msg("answer"));

            assertTurn(next(kiosk, "joined"), start + 3600);
            JsonNode first = next(family, "joined");
            assertTurn(first, start + 3600);
            next(family, "sdp_offer");

            timers.advance(Duration.ofMinutes(10));
            family.send(visit.msg("ice_restart"));
            JsonNode restarted = next(family, "joined");
            assertTurn(restarted, start + 600 + 3600);
            assertNotEquals(first.get("iceServers"), restarted.get("iceServers"), "a new session, new credentials");

            timers.advance(Duration.ofMinutes(5));
            family.abort();
            WsTestClient back = sockets.family(visit);
            assertTurn(next(back, "joined"), start + 900 + 3600);
        }
    }

    /** The one TURN server, its username {@code <expiry>:<participant id>} and its HMAC-SHA1 under the secret. */
    private static void assertTurn(JsonNode joined, long expiry) throws Exception {
        JsonNode servers = joined.get("iceServers");
        assertEquals(1, servers.size(), joined.toString());
        JsonNode s = servers.get(0);
        assertEquals(List.of("turns:turn.hospital.example:443?transport=tcp",
                "turn:turn.hospital.example:3478?transport=udp"), List.of(s.get("urls").get(0).asText(),
                s.get("urls").get(1).asText()));
        String username = expiry + ":" + joined.get("participant").asText();
        assertEquals(username, s.get("username").asText(), "expires turn.ttl.seconds after it was made, names the"
                + " participant id");
        Mac mac = Mac.getInstance("HmacSHA1");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.US_ASCII), "HmacSHA1"));
        assertEquals(Base64.getEncoder().encodeToString(mac.doFinal(username.getBytes(StandardCharsets.UTF_8))),
                s.get("credential").asText());
    }
}
