package org.lucarne.signaling.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.lucarne.signaling.call.CallSockets.next;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lucarne.e2ee.wire.EnvelopeHeader;
import org.lucarne.e2ee.wire.EnvelopeType;
import org.lucarne.signaling.call.CallSockets;
import org.lucarne.signaling.call.CallSockets.TestVisit;
import org.lucarne.signaling.testing.AuditRows;
import org.lucarne.signaling.testing.TestDevice;
import org.lucarne.signaling.testing.TestServer;
import org.lucarne.signaling.testing.WsTestClient;
import org.lucarne.signaling.ws.protocol.Base64Url;
import org.lucarne.testing.ManualScheduler;

/**
 * The relay over real sockets (docs/protocol.md, "Messages"): family devices bound through their links, the kiosk on
 * its mutual-TLS listener with its identity, envelopes stored while the tablet is away and delivered in order when
 * it comes back, acknowledgements that delete, the circle's refusals, the bounds and the expiry.
 */
class RelayIT {
    @TempDir
    static Path dir;
    private static ManualScheduler timers;
    private static TestServer server;
    private static CallSockets sockets;
    private TestVisit visit;
    private final TestDevice phone = TestDevice.create();
    private final TestDevice tablet = TestDevice.create();

    @BeforeAll
    static void start() {
        timers = ManualScheduler.startingNow();
        server = TestServer.start(Map.of(), timers);
        sockets = new CallSockets(server, dir.resolve("tablets"));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @BeforeEach
    void book() {
        visit = sockets.book(timers.clock(), Duration.ofHours(2));
    }

    @AfterEach
    void closeSockets() {
        sockets.close();
    }

    /** The visit's kiosk, its identity published: a member of its patient's circle, attached to the relay. */
    private WsTestClient kioskProven(TestVisit v, TestDevice identity) {
        WsTestClient k = sockets.kiosk(v);
        k.send(identity.identityFrame());
        next(k, "e2ee_circle");
        next(k, "e2ee_prekeys_state");
        return k;
    }

    /** A family page of the visit's invite, bound to {@code device}, attached to the relay. */
    private WsTestClient familyProven(TestVisit v, TestDevice device) {
        WsTestClient page = sockets.hello("family");
        JsonNode bound = sockets.bind(page, v.invite(), device);
        assertEquals("e2ee_bound", bound.get("type").asText(), bound.toString());
        next(page, "e2ee_prekeys_state");
        return page;
    }

    /** A normal-message envelope from {@code from} to {@code to}: a clear part and a 256-byte bucket with its tag. */
    static byte[] envelope(TestDevice from, byte[] to, int n) {
        byte[] ratchet = new byte[32];
        ratchet[0] = (byte) n;
        byte[] clear = new EnvelopeHeader(1, 1, EnvelopeType.NORMAL, from.deviceId(), to, null, ratchet, 0, n, 272)
                .encode();
        byte[] out = new byte[clear.length + 272];
        System.arraycopy(clear, 0, out, 0, clear.length);
        out[out.length - 1] = (byte) n;
        return out;
    }

    static String send(byte[] envelope) {
        return "{\"v\":1,\"type\":\"e2ee_send\",\"envelope\":\"" + Base64Url.encode(envelope) + "\"}";
    }

    private static void assertError(String code, JsonNode frame) {
        assertEquals("error", frame.get("type").asText(), frame.toString());
        assertEquals(code, frame.get("code").asText(), frame.toString());
    }

    private int queued(String recipient) {
        return server.server().database().inTransaction(c -> {
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                    "SELECT COUNT(*) FROM e2ee_queue WHERE recipient_id = '" + recipient + "'")) {
                rs.next();
                return rs.getInt(1);
            }
        });
    }

    @Test
    void aFamilyWritesWhileTheTabletIsAwayAndTheTabletReadsBothInOrderThenTheyAreGone() {
        WsTestClient kiosk = kioskProven(visit, tablet);
        kiosk.abort();
        WsTestClient page = familyProven(visit, phone);
        byte[] first = envelope(phone, tablet.deviceId(), 1);
        byte[] second = envelope(phone, tablet.deviceId(), 2);
        page.send(send(first));
        JsonNode sent1 = next(page, "e2ee_sent");
        page.send(send(second));
        JsonNode sent2 = next(page, "e2ee_sent");
        assertEquals(tablet.deviceIdText(), sent1.get("recipient").asText());
        assertEquals(sent1.get("seq").asLong() + 1, sent2.get("seq").asLong());
        assertEquals(2, queued(tablet.deviceIdText()), "stored durably before e2ee_sent");

        WsTestClient back = kioskProven(visit, tablet);
        JsonNode d1 = next(back, "e2ee_deliver");
        JsonNode d2 = next(back, "e2ee_deliver");
        assertEquals(Base64Url.encode(first), d1.get("envelope").asText());
        assertEquals(Base64Url.encode(second), d2.get("envelope").asText());
        assertEquals(timers.clock().millis(), d1.get("at").asLong());
        back.send("{\"v\":1,\"type\":\"e2ee_ack\",\"seqs\":[" + d1.get("seq").asLong() + "," + d2.get("seq").asLong()
                + "]}");
        back.send("{\"v\":1,\"type\":\"ping\",\"seq\":1}");
        next(back, "pong");
        assertEquals(0, queued(tablet.deviceIdText()), "acknowledged: deleted");
    }
}
