package org.lucarne.bridge.forward;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.lucarne.bridge.colibri.Media;
import org.lucarne.bridge.colibri.MediaType;
import org.lucarne.bridge.colibri.PayloadType;
import org.lucarne.bridge.rtp.RtpPacket;

/** Each receiver sees the header-extension ids and payload types it negotiated. */
class HeaderRewriteTest {
    private final TestConference conf = new TestConference();
    private final Peer a = conf.connectedPeer("a", 1111, 2222);
    private final Peer b = conf.connectedPeer("b", 3333, 4444);

    @Test
    void extensionIdIsRemappedByUri() {
        a.endpoint.setMedias(TestConference.medias(111, 100, 101, 3));
        b.endpoint.setMedias(TestConference.medias(111, 100, 101, 5));

        long before = System.nanoTime();
        a.sendRtp(Packets.rtpWithExtension(100, 1, 2222, 3));
        long after = System.nanoTime();

        RtpPacket got = b.rtp().get(0);
        assertEquals(-1, got.extensionOffset(3), "old id gone");
        assertTrue(got.extensionOffset(5) > 0, "abs-send-time under the receiver's id");
        Packets.assertStampedBetween(got, 5, before, after);
        assertEquals(0xCAFEBABEL & 0xFFFFFFFFL, Integer.toUnsignedLong(java.nio.ByteBuffer.wrap(got.buffer(),
                got.payloadOffset(), 4).getInt()), "payload untouched");
    }

    @Test
    void extensionTheReceiverLacksIsBlanked() {
        a.endpoint.setMedias(TestConference.medias(111, 100, 101, 3));
        b.endpoint.setMedias(List.of(new Media(MediaType.VIDEO,
                List.of(new PayloadType(100, "VP8", 90_000, null, Map.of(), List.of())), List.of(), false)));

        a.sendRtp(Packets.rtpWithExtension(100, 1, 2222, 3));

        RtpPacket got = b.rtp().get(0);
        assertEquals(-1, got.extensionOffset(3));
        got.forEachExtension((id, buf, off, len) -> {
            throw new AssertionError("element " + id + " left");
        });
    }

    @Test
    void payloadTypeIsRemappedByCodecNameAndClockRate() {
        a.endpoint.setMedias(TestConference.medias(111, 100, 101, 3));
        b.endpoint.setMedias(TestConference.medias(109, 96, 97, 3));

        a.sendRtp(Packets.rtp(100, 1, 3000, 2222, 30));
        a.sendRtp(Packets.rtp(101, 2, 3000, 2223, 30));
        a.sendRtp(Packets.rtp(111, 3, 960, 1111, 30));

        List<RtpPacket> got = b.rtp();
        assertEquals(96, got.get(0).payloadType(), "VP8");
        assertEquals(97, got.get(1).payloadType(), "RTX of VP8");
        assertEquals(109, got.get(2).payloadType(), "Opus");
    }

    @Test
    void sameIdsOnBothSidesLeaveThePacketUntouchedButItsSendTime() {
        a.endpoint.setMedias(TestConference.medias(111, 100, 101, 3));
        b.endpoint.setMedias(TestConference.medias(111, 100, 101, 3));
        byte[] sent = Packets.rtpWithExtension(100, 1, 2222, 3);

        a.sendRtp(sent.clone());

        RtpPacket got = b.rtp().get(0);
        byte[] expected = sent.clone();
        int at = got.extensionOffset(3) - got.offset();
        System.arraycopy(got.buffer(), got.offset() + at, expected, at, 3);
        assertArrayEquals(expected, ForwardingTest.bytes(got), "all but the three bytes of abs-send-time");
    }

    @Test
    void theSendersMidIsBlankedEvenWhenBothSidesUseTheSameIds() {
        a.endpoint.setMedias(TestConference.medias(111, 100, 101, 3));
        b.endpoint.setMedias(TestConference.medias(111, 100, 101, 3));

        a.sendRtp(Packets.rtpWithExtension(111, 1, 1111, 1));

        RtpPacket got = b.rtp().get(0);
        assertEquals(-1, got.extensionOffset(1), "the receiver's m-sections are not the sender's");
        assertEquals(Packets.rtpWithExtension(111, 1, 1111, 1).length, got.length(), "blanked in place");
    }

    @Test
    void codecTheReceiverDidNotNegotiateIsNotSentToIt() {
        a.endpoint.setMedias(TestConference.medias(111, 100, 101, 3));
        b.endpoint.setMedias(List.of(new Media(MediaType.VIDEO,
                List.of(new PayloadType(98, "VP9", 90_000, null, Map.of(), List.of())), List.of(), false)));

        a.sendRtp(Packets.rtp(100, 1, 3000, 2222, 30));

        assertTrue(b.rtp().isEmpty());
        assertEquals(1, conf.stats.snapshot().dropped(ForwardingStats.PAYLOAD_TYPE_UNMAPPED));
    }

    @Test
    void oneByteFormCannotCarryAnIdAbove14SoTheElementIsBlanked() {
        a.endpoint.setMedias(TestConference.medias(111, 100, 101, 3));
        b.endpoint.setMedias(TestConference.medias(111, 100, 101, 20));

        a.sendRtp(Packets.rtpWithExtension(100, 1, 2222, 3));

        RtpPacket got = b.rtp().get(0);
        assertEquals(-1, got.extensionOffset(3));
        assertEquals(-1, got.extensionOffset(20));
    }
}
