package org.lucarne.bridge.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class InboundDemuxTest {
    private static final byte[] DTLS = {22, (byte) 0xFE, (byte) 0xFD, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0};
    private static final byte[] SRTP = {(byte) 0x80, 111, 0, 1, 0, 0, 0, 1, 0, 0, 0, 7, 42, 42};
    private static final byte[] SRTCP = {(byte) 0x81, (byte) 201, 0, 1, 0, 0, 0, 7, 5, 5, 5, 5};

    private final DropCounters drops = new DropCounters();
    private final RecordingListener listener = new RecordingListener();
    private final InboundDemux demux = new InboundDemux(drops, listener);
    private final List<byte[]> handshake = new ArrayList<>();

    private DropReason route(byte[] datagram, TransportState state) {
        return demux.route(datagram, 7L, state, handshake::add);
    }

    @Test
    void dtlsGoesToTheHandshakeWhileItRuns() {
        for (TransportState s : List.of(TransportState.NEW, TransportState.CHECKING, TransportState.HANDSHAKING)) {
            assertNull(route(DTLS, s), s.toString());
        }
        assertEquals(3, handshake.size());
        assertSame(DTLS, handshake.get(0));
    }

    @Test
    void srtpAndSrtcpReachTheListenerUncopiedOnceConnected() {
        assertNull(route(SRTP, TransportState.CONNECTED));
        assertNull(route(SRTCP, TransportState.CONNECTED));
        assertSame(SRTP, listener.received.poll());
        assertSame(SRTCP, listener.received.poll());
        assertTrue(handshake.isEmpty());
    }

    @Test
    void srtpBeforeConnectedIsDroppedAndCounted() {
        assertEquals(DropReason.SRTP_BEFORE_CONNECTED, route(SRTP, TransportState.HANDSHAKING));
        assertEquals(DropReason.SRTP_BEFORE_CONNECTED, route(SRTCP, TransportState.CHECKING));
        assertEquals(2L, drops.snapshot().get("srtp_before_connected"));
        assertTrue(listener.received.isEmpty());
    }

    @Test
    void dtlsAfterTheHandshakeIsDroppedAndCounted() {
        assertEquals(DropReason.DTLS_AFTER_HANDSHAKE, route(DTLS, TransportState.CONNECTED));
        assertEquals(1L, drops.get(DropReason.DTLS_AFTER_HANDSHAKE));
        assertTrue(handshake.isEmpty());
    }

    @Test
    void dtlsRefusedByAFullHandshakeQueueIsCounted() {
        assertEquals(DropReason.DTLS_QUEUE_FULL, demux.route(DTLS, 0, TransportState.HANDSHAKING, d -> false));
        assertEquals(1L, drops.get(DropReason.DTLS_QUEUE_FULL));
    }

    @Test
    void anythingButDtlsAndRtpIsUnrecognised() {
        byte[][] others = {
            {}, {0, 1, 0, 0}, new byte[20], {19, 1}, {64, 1, 2, 3}, {127}, {(byte) 192, 1}, {(byte) 255},
            {(byte) 0x80, 111, 0, 1, 0}, // RTP first byte, shorter than an RTP header
        };
        for (byte[] o : others) {
            assertEquals(DropReason.UNRECOGNISED, route(o, TransportState.CONNECTED));
        }
        assertEquals((long) others.length, drops.get(DropReason.UNRECOGNISED));
        assertTrue(listener.received.isEmpty() && handshake.isEmpty());
    }

    @Test
    void nothingIsHandedOnAfterAFailureOrClose() {
        assertEquals(DropReason.AFTER_CLOSE, route(SRTP, TransportState.FAILED));
        assertEquals(DropReason.AFTER_CLOSE, route(DTLS, TransportState.CLOSED));
        assertEquals(2L, drops.get(DropReason.AFTER_CLOSE));
        assertTrue(listener.received.isEmpty() && handshake.isEmpty());
    }

    @Test
    void everyReasonIsListedWithAStableName() {
        assertEquals(List.of("unrecognised", "srtp_before_connected", "dtls_after_handshake", "dtls_queue_full",
                "after_close", "listener_error", "send_not_connected", "send_failed"),
                List.copyOf(drops.snapshot().keySet()));
    }
}
