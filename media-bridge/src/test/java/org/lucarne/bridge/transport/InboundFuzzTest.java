package org.lucarne.bridge.transport;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import org.ice4j.StunException;
import org.ice4j.message.Message;
import org.lucarne.bridge.srtp.SrtpSession;

/**
 * What arrives on the shared port from anyone: the STUN decoder ice4j's harvester runs on every
 * datagram (to find the ufrag) may only refuse with {@link StunException}; the transport's demux
 * never throws, and hands each datagram on exactly once or counts it as dropped.
 */
class InboundFuzzTest {

    @FuzzTest(maxDuration = "60s")
    void stunDecoderRefusesOnlyWithStunException(byte[] data) {
        try {
            Message m = Message.decode(data, 0, data.length);
            check(m != null, "decode returned null");
        } catch (StunException e) {
            // the documented refusal; anything else escaping fails the test
        }
    }

    @FuzzTest(maxDuration = "60s")
    void demuxHandsOnOrCountsEveryDatagram(byte[] data) {
        TransportState state = data.length == 0 ? TransportState.NEW
                : TransportState.values()[(data[0] & 0xFF) % TransportState.values().length];
        byte[] datagram = data.length == 0 ? data : Arrays.copyOfRange(data, 1, data.length);
        boolean queueFull = data.length > 1 && (data[1] & 1) == 1;

        AtomicInteger media = new AtomicInteger();
        AtomicInteger dtls = new AtomicInteger();
        DropCounters drops = new DropCounters();
        InboundDemux demux = new InboundDemux(drops, new TransportListener() {
            @Override
            public void connected(SrtpSession srtp) {
                throw new AssertionError("demux never connects");
            }

            @Override
            public void received(byte[] d, long at) {
                check(d == datagram, "listener got another array");
                media.incrementAndGet();
            }

            @Override
            public void failed(String reason) {
                throw new AssertionError("demux never fails");
            }
        });
        DropReason dropped = demux.route(datagram, 1L, state, d -> {
            dtls.incrementAndGet();
            return !queueFull;
        });

        long counted = drops.snapshot().values().stream().mapToLong(Long::longValue).sum();
        int first = datagram.length == 0 ? -1 : datagram[0] & 0xFF;
        if (dropped == null) {
            check(counted == 0 && media.get() + dtls.get() == 1, "handed on exactly once");
        } else {
            check(counted == 1 && media.get() == 0, "dropped once, counted once");
        }
        if (media.get() == 1) {
            check(state == TransportState.CONNECTED && first >= 128 && first <= 191, "media only when connected");
        }
        if (dtls.get() == 1) {
            check(state != TransportState.CONNECTED && first >= 20 && first <= 63, "DTLS only to a handshake");
        }
    }

    private static void check(boolean ok, String what) {
        if (!ok) {
            throw new AssertionError(what);
        }
    }
}
