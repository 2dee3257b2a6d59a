package org.lucarne.signaling.ws;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.lucarne.signaling.config.SignalingConfig;
import org.lucarne.signaling.ws.protocol.ErrorCode;
import org.lucarne.signaling.ws.protocol.Message;
import org.lucarne.signaling.ws.protocol.ProtocolCodec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SignalingConnectionTest {
    private final ProtocolCodec codec = new ProtocolCodec();
    private final AtomicLong nanos = new AtomicLong();
    private final List<String> sent = new ArrayList<>();
    private final List<Integer> closes = new ArrayList<>();

    private SignalingConnection connection(Map<String, String> env) {
        var limits = SignalingConfig.load(Optional.empty(), env).webSocket();
        var shared = new SignalingConnection.Shared(codec, new RateLimits(limits, nanos::get), new SignalingStats(),
                limits, "9.9.9", null);
        return new SignalingConnection(shared, new SignalingConnection.Peer() {
            @Override
            public void send(String text) {
                sent.add(text);
            }

            @Override
            public void close(int code, String reason) {
                closes.add(code);
            }
        }, "192.0.2.1");
    }

    private Message last() throws Exception {
        return codec.decodeFromServer(sent.get(sent.size() - 1));
    }

    private ErrorCode lastError() throws Exception {
        return assertInstanceOf(Message.Error.class, last()).code();
    }

    @Test
    void helloIsAnsweredWithWelcomeCarryingTheLimits() throws Exception {
        var c = connection(Map.of());
        c.onText("{\"v\":1,\"type\":\"hello\",\"app\":\"kiosk\",\"appVersion\":\"1.0\"}");
        var w = assertInstanceOf(Message.Welcome.class, last());
        assertEquals(c.id(), w.session());
        assertEquals("9.9.9", w.server());
        assertEquals(20, w.heartbeatSeconds());
        assertEquals(60, w.idleTimeoutSeconds());
        assertEquals(Message.App.KIOSK, c.app());
    }

    @Test
    void pingIsAnsweredWithPongOfTheSameSeq() throws Exception {
        var c = connection(Map.of());
        c.onText("{\"v\":1,\"type\":\"hello\",\"app\":\"family\",\"appVersion\":\"1.0\"}");
        c.onText("{\"v\":1,\"type\":\"ping\",\"seq\":41}");
        assertEquals(new Message.Pong(41), last());
    }

    @Test
    void pingBeforeHelloIsRefused() throws Exception {
        var c = connection(Map.of());
        c.onText("{\"v\":1,\"type\":\"ping\",\"seq\":1}");
        assertEquals(ErrorCode.HELLO_REQUIRED, lastError());
        assertNull(c.app());
    }

    @Test
    void callMessagesAreRefusedAsNotAvailableYetAndTheConnectionStaysUsable() throws Exception {
        var c = connection(Map.of());
        c.onText("{\"v\":1,\"type\":\"join\",\"invite\":\"AbCdEfGhIjKlMnOpQrStUvWxYz0123456789-_abcde\"}");
        assertEquals(ErrorCode.HELLO_REQUIRED, lastError(), "before hello, as every message");
        c.onText("{\"v\":1,\"type\":\"hello\",\"app\":\"family\",\"appVersion\":\"1.0\"}");
        c.onText("{\"v\":1,\"type\":\"join\",\"invite\":\"AbCdEfGhIjKlMnOpQrStUvWxYz0123456789-_abcde\"}");
        assertEquals(ErrorCode.NOT_AVAILABLE_YET, lastError());
        c.onText("{\"v\":1,\"type\":\"ping\",\"seq\":7}");
        assertEquals(new Message.Pong(7), last());
        assertTrue(closes.isEmpty());
    }

    @Test
    void secondHelloIsRefused() throws Exception {
        var c = connection(Map.of());
        c.onText("{\"v\":1,\"type\":\"hello\",\"app\":\"family\",\"appVersion\":\"1.0\"}");
        c.onText("{\"v\":1,\"type\":\"hello\",\"app\":\"staff\",\"appVersion\":\"1.0\"}");
        assertEquals(ErrorCode.ALREADY_GREETED, lastError());
        assertEquals(Message.App.FAMILY, c.app());
    }

    @Test
    void malformedFrameGetsAnErrorAndTheConnectionStaysOpen() throws Exception {
        var c = connection(Map.of());
        c.onText("{not json");
        assertEquals(ErrorCode.MALFORMED_JSON, lastError());
        assertEquals(List.of(), closes);
        c.onText("{\"v\":1,\"type\":\"hello\",\"app\":\"family\",\"appVersion\":\"1.0\"}");
        assertInstanceOf(Message.Welcome.class, last());
    }

    @Test
    void tooManyRefusedMessagesInARowClosesWithPolicyViolation() throws Exception {
        var c = connection(Map.of("LUCARNE_WS_MAX_CONSECUTIVE_ERRORS", "5"));
        for (int i = 0; i < 4; i++) {
            c.onText("garbage");
        }
        assertEquals(List.of(), closes);
        c.onText("garbage");
        assertEquals(List.of(1008), closes);
    }

    @Test
    void aGoodMessageResetsTheErrorCount() {
        var c = connection(Map.of("LUCARNE_WS_MAX_CONSECUTIVE_ERRORS", "3"));
        c.onText("garbage");
        c.onText("garbage");
        c.onText("{\"v\":1,\"type\":\"hello\",\"app\":\"family\",\"appVersion\":\"1.0\"}");
        c.onText("garbage");
        c.onText("garbage");
        assertEquals(List.of(), closes);
    }

    @Test
    void messagesBeyondTheBurstAreRateLimitedThenAllowedAgainAfterRefill() throws Exception {
        var c = connection(Map.of("LUCARNE_WS_MESSAGES_PER_SECOND", "10", "LUCARNE_WS_MESSAGES_BURST", "3",
                "LUCARNE_WS_MAX_CONSECUTIVE_ERRORS", "100"));
        c.onText("{\"v\":1,\"type\":\"hello\",\"app\":\"family\",\"appVersion\":\"1.0\"}");
        c.onText("{\"v\":1,\"type\":\"ping\",\"seq\":1}");
        c.onText("{\"v\":1,\"type\":\"ping\",\"seq\":2}");
        c.onText("{\"v\":1,\"type\":\"ping\",\"seq\":3}");
        assertEquals(ErrorCode.RATE_LIMITED, lastError());
        nanos.addAndGet(100_000_000L); // 0.1 s refills one token at 10/s
        c.onText("{\"v\":1,\"type\":\"ping\",\"seq\":4}");
        assertEquals(new Message.Pong(4), last());
    }

    @Test
    void addressLimitSpansConnections() throws Exception {
        var env = Map.of("LUCARNE_WS_ADDRESS_MESSAGES_PER_SECOND", "1", "LUCARNE_WS_ADDRESS_MESSAGES_BURST", "2");
        var limits = SignalingConfig.load(Optional.empty(), env).webSocket();
        var rate = new RateLimits(limits, nanos::get);
        assertEquals(true, rate.addressBucket("192.0.2.7").tryTake());
        assertEquals(true, rate.addressBucket("192.0.2.7").tryTake(), "the same bucket for the same address");
        assertEquals(false, rate.addressBucket("192.0.2.7").tryTake());
        assertEquals(true, rate.addressBucket("192.0.2.8").tryTake(), "another address has its own bucket");
    }
}
