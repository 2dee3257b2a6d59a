package org.lucarne.bridge.forward;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lucarne.bridge.rtp.RtcpPacket;
import org.lucarne.bridge.rtp.RtpPacket;
import org.lucarne.bridge.rtp.TransportCc;
import org.lucarne.bridge.sdp.CallCodecs;

/** With the call's codec table, the bridge ends each sender's transport-cc leg. */
class TransportCcForwardingTest {
    private static final int ABS_SEND_TIME = 2;
    private static final int TRANSPORT_CC = 4;

    private final TestConference conf = new TestConference();
    private final Peer a = conf.connectedPeer("a", 1111, 2222);
    private final Peer b = conf.connectedPeer("b", 3333, 4444);

    @BeforeEach
    void callCodecs() {
        a.endpoint.setMedias(CallCodecs.medias());
        b.endpoint.setMedias(CallCodecs.medias());
        assertEquals(TRANSPORT_CC, CallCodecs.VIDEO_EXTENSIONS.stream()
                .filter(e -> e.uri().equals(TransportCc.EXTENSION_URI)).findFirst().orElseThrow().id());
    }

    /** VP8 RTP with abs-send-time and a transport-wide sequence number, as Chromium sends it. */
    private static byte[] video(int sequence, int transportSequence) {
        return ByteBuffer.allocate(12 + 4 + 8 + 8)
                .put((byte) 0x90).put((byte) CallCodecs.VP8).putShort((short) sequence).putInt(3000).putInt(2222)
                .putShort((short) 0xBEDE).putShort((short) 2)
                .put((byte) (ABS_SEND_TIME << 4 | 2)).put((byte) 0x11).put((byte) 0x22).put((byte) 0x33)
                .put((byte) (TRANSPORT_CC << 4 | 1)).putShort((short) transportSequence).put((byte) 0)
                .putLong(0x0102030405060708L)
                .array();
    }

    private List<TransportCc> feedbackToA() throws Exception {
        List<TransportCc> out = new java.util.ArrayList<>();
        for (RtcpPacket p : a.rtcp(RtcpPacket.RTPFB, RtcpPacket.FMT_TRANSPORT_CC)) {
            out.add(TransportCc.of(p));
        }
        return out;
    }

    @Test
    void senderGetsFeedbackOnItsTransportWideSequence() throws Exception {
        a.sendRtp(video(1, 500));
        a.sendRtp(video(2, 501));
        conf.clock.advanceMillis(50);
        a.sendRtp(video(3, 503));

        List<TransportCc> fbs = feedbackToA();

        assertEquals(2, fbs.size(), "one at once, one 50 ms later");
        assertEquals(500, fbs.get(0).baseSequenceNumber());
        assertEquals(1, fbs.get(0).packetStatusCount(), "the first packet makes the first feedback due");
        TransportCc second = fbs.get(1);
        assertEquals(501, second.baseSequenceNumber());
        assertEquals(3, second.packetStatusCount());
        assertTrue(second.received(0) && !second.received(1) && second.received(2));
        assertEquals(80, second.delta(2), "the peer's packets arrive 20 ms apart: 502 lost, 503 40 ms after 501");
        assertEquals(TestConference.FEEDBACK.video(), second.senderSsrc());
        assertEquals(2222, second.mediaSsrc());
    }

    @Test
    void receiverGetsThePacketWithoutTheSendersSequenceButWithTheBridgesSendTime() {
        long before = System.nanoTime();
        a.sendRtp(video(1, 500));
        long after = System.nanoTime();

        RtpPacket got = b.rtp().get(0);

        assertEquals(-1, got.extensionOffset(TRANSPORT_CC), "blanked into padding");
        Packets.assertStampedBetween(got, ABS_SEND_TIME, before, after); // for the receiver's REMB: the bridge-to-receiver hop
        assertEquals(0x01, got.buffer()[got.payloadOffset()], "payload untouched");
        assertTrue(b.rtcp(RtcpPacket.RTPFB, RtcpPacket.FMT_TRANSPORT_CC).isEmpty(), "the receiver gets no feedback");
    }
}
