package org.lucarne.signaling.ws;

import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lucarne.signaling.testing.TestServer;
import org.lucarne.signaling.testing.WsTestClient;
import org.lucarne.signaling.ws.protocol.ErrorCode;
import org.lucarne.signaling.ws.protocol.Message;
import org.lucarne.signaling.ws.protocol.ProtocolCodec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The signaling socket over real TLS on a real server, with the JDK's WebSocket client. */
class SignalingSocketIT {
    private static final String HELLO = "{\"v\":1,\"type\":\"hello\",\"app\":\"family\",\"appVersion\":\"it\"}";
    private static TestServer server;
    private final ProtocolCodec codec = new ProtocolCodec();

    @BeforeAll
    static void start() {
        server = TestServer.start(Map.of(
                "LUCARNE_WS_MAX_FRAME_BYTES", "4096",
                "LUCARNE_WS_MESSAGES_PER_SECOND", "5",
                "LUCARNE_WS_MESSAGES_BURST", "10",
                "LUCARNE_WS_MAX_CONSECUTIVE_ERRORS", "10"));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private WsTestClient greeted() throws Exception {
        WsTestClient c = WsTestClient.connect(server, server.origin());
        c.send(HELLO);
        assertInstanceOf(Message.Welcome.class, codec.decodeFromServer(c.next()));
        return c;
    }

    private ErrorCode error(WsTestClient c) throws Exception {
        return assertInstanceOf(Message.Error.class, codec.decodeFromServer(c.next())).code();
    }

    @Test
    void helloThenPingGetsWelcomeThenPong() throws Exception {
        WsTestClient c = greeted();
        c.send("{\"v\":1,\"type\":\"ping\",\"seq\":9}");
        assertEquals(new Message.Pong(9), codec.decodeFromServer(c.next()));
        c.abort();
    }

    @Test
    void malformedJsonAndUnknownTypeGetErrorsAndTheSocketStaysUsable() throws Exception {
        WsTestClient c = greeted();
        c.send("{\"v\":1,");
        assertEquals(ErrorCode.MALFORMED_JSON, error(c));
        c.send("{\"v\":1,\"type\":\"teleport\"}");
        assertEquals(ErrorCode.UNKNOWN_TYPE, error(c));
        c.send("{\"v\":1,\"type\":\"ping\",\"seq\":1,\"seq\":2}");
        assertEquals(ErrorCode.DUPLICATE_KEY, error(c));
        c.send("{\"v\":1,\"type\":\"ping\",\"seq\":3}");
        assertEquals(new Message.Pong(3), codec.decodeFromServer(c.next()));
        c.abort();
    }

    @Test
    void oversizeFrameClosesWith1009AndOthersKeepWorking() throws Exception {
        WsTestClient bystander = greeted();
        WsTestClient c = greeted();
        c.send("{\"v\":1,\"type\":\"ping\",\"seq\":1,\"pad\":\"" + "x".repeat(5000) + "\"}");
        assertEquals(1009, c.awaitClose(5).code());
        bystander.send("{\"v\":1,\"type\":\"ping\",\"seq\":5}");
        assertEquals(new Message.Pong(5), codec.decodeFromServer(bystander.next()));
        bystander.abort();
    }

    @Test
    void binaryFrameClosesWith1003() throws Exception {
        WsTestClient c = greeted();
        c.sendBinary(new byte[] {1, 2, 3});
        assertEquals(1003, c.awaitClose(5).code());
    }

    @Test
    void floodIsRateLimitedThenClosedWithPolicyViolation() throws Exception {
        WsTestClient bystander = greeted();
        WsTestClient c = greeted();
        long before = server.server().stats().messagesRateLimited();
        // Send, read the answer, and stop at the 10th refusal in a row (ws.max.consecutive.errors):
        // the server closes right after it, and a client still writing would see its own abort.
        int refusedInARow = 0;
        for (int i = 0; i < 200 && refusedInARow < 10; i++) {
            c.send("{\"v\":1,\"type\":\"ping\",\"seq\":" + i + "}");
            Message answer = codec.decodeFromServer(c.next());
            boolean limited = answer instanceof Message.Error e && e.code() == ErrorCode.RATE_LIMITED;
            refusedInARow = limited ? refusedInARow + 1 : 0;
        }
        assertEquals(10, refusedInARow, "the burst ran out and the messages were refused");
        assertEquals(1008, c.awaitClose(5).code());
        assertTrue(server.server().stats().messagesRateLimited() >= before + 10);
        bystander.send("{\"v\":1,\"type\":\"ping\",\"seq\":6}");
        assertEquals(new Message.Pong(6), codec.decodeFromServer(bystander.next()));
        bystander.abort();
    }

    @Test
    void foreignOriginIsRefusedWith403BeforeAnyEndpointExists() {
        long before = server.server().connections().openedTotal();
        assertEquals(403, WsTestClient.refusedStatus(server, "https://evil.example"));
        assertEquals(403, WsTestClient.refusedStatus(server, "https://localhost:1"));
        assertEquals(403, WsTestClient.refusedStatus(server, "null"));
        assertEquals(before, server.server().connections().openedTotal());
        assertTrue(server.server().stats().upgradesRefusedForOrigin() >= 3);
    }

    @Test
    void missingOriginIsRefusedWith403() {
        assertEquals(403, WsTestClient.refusedStatus(server, null));
    }
}
