package org.lucarne.bridge.forward;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.lucarne.bridge.rtp.Nack;
import org.lucarne.bridge.rtp.RtcpPacket;
import org.lucarne.bridge.rtp.RtcpWriter;
import org.lucarne.bridge.rtp.RtpPacket;
import org.lucarne.bridge.srtp.SrtpSession;
import org.lucarne.bridge.srtp.SrtpStatus;

/** A receiver's NACK is answered from the cache; what the cache lacks is asked of the sender. */
class NackTest {
    private final TestConference conf = new TestConference();
    private final Peer a = conf.connectedPeer("a", 1111, 2222);
    private final Peer b = conf.connectedPeer("b", 3333, 4444);

    @Test
    void lostPacketIsResentFromTheCacheAndDecryptsAtTheReceiver() {
        a.sendRtp(Packets.rtp(100, 1, 3000, 2222, 50));
        b.rtp();
        byte[] lost = Packets.rtp(100, 2, 6000, 2222, 50);
        a.sendRtp(lost);
        b.losePending();
        a.sendRtp(Packets.rtp(100, 3, 9000, 2222, 50));
        a.clear();

        b.sendRtcp(RtcpWriter.nack(4444, 2222, 2));

        List<RtpPacket> got = b.rtp();
        assertEquals(3, got.size(), "1, 3, then 2 again");
        assertArrayEquals(lost, ForwardingTest.bytes(got.get(2)));
        assertEquals(0, a.rtcp(RtcpPacket.RTPFB, RtcpPacket.FMT_NACK).size(), "the sender is not bothered");
    }

    @Test
    void sequencesNotInTheCacheAreCountedAndNackedUpstream() throws Exception {
        a.sendRtp(Packets.rtp(100, 10, 3000, 2222, 50));
        b.losePending();
        a.clear();

        b.sendRtcp(RtcpWriter.nack(4444, 2222, 10, 11, 12));

        assertEquals(1, b.rtp().size(), "10 resent");
        List<RtcpPacket> upstream = a.rtcp(RtcpPacket.RTPFB, RtcpPacket.FMT_NACK);
        assertEquals(1, upstream.size());
        Nack nack = Nack.of(upstream.get(0));
        assertEquals(TestConference.FEEDBACK.video(), nack.senderSsrc());
        assertEquals(2222, nack.mediaSsrc());
        assertArrayEquals(new int[] {11, 12}, nack.lostSequenceNumbers());
        assertEquals(2, conf.stats.snapshot().dropped(ForwardingStats.NACK_NOT_IN_CACHE));
    }

    @Test
    void packetsOlderThanASecondAreNoLongerInTheCache() throws Exception {
        a.sendRtp(Packets.rtp(100, 20, 3000, 2222, 50));
        b.losePending();
        a.clear();
        conf.clock.advanceMillis(PacketCache.MAX_AGE_MILLIS + 1);

        b.sendRtcp(RtcpWriter.nack(4444, 2222, 20));

        assertEquals(0, b.rtp().size());
        assertArrayEquals(new int[] {20}, Nack.of(a.rtcp(RtcpPacket.RTPFB, RtcpPacket.FMT_NACK).get(0)).lostSequenceNumbers());
    }

    @Test
    void audioIsNotCachedSoItsNacksGoToTheSender() throws Exception {
        a.sendRtp(Packets.rtp(111, 30, 960, 1111, 50));
        b.losePending();
        a.clear();

        b.sendRtcp(RtcpWriter.nack(3333, 1111, 30));

        assertEquals(0, b.rtp().size(), "browsers negotiate NACK for video only: audio is not kept");
        assertArrayEquals(new int[] {30}, Nack.of(a.rtcp(RtcpPacket.RTPFB, RtcpPacket.FMT_NACK).get(0)).lostSequenceNumbers());
    }

    @Test
    void aLongerPacketInAReusedSlotIsResentWhole() {
        int reused = PacketCache.SLOTS + 1; // the slot of sequence 1, which held a 50-byte payload
        for (int seq = 1; seq < reused; seq++) {
            a.sendRtp(Packets.rtp(100, seq, 3000L * seq, 2222, 50));
        }
        b.clear();
        a.sendRtp(Packets.rtp(100, reused, 3000L * reused, 2222, 1200));
        b.losePending();
        a.clear();

        b.sendRtcp(RtcpWriter.nack(4444, 2222, reused));

        List<RtpPacket> got = b.rtp();
        assertEquals(1, got.size());
        assertArrayEquals(Packets.rtp(100, reused, 3000L * reused, 2222, 1200), ForwardingTest.bytes(got.get(0)));
    }

    /** Why the cache holds protected bytes, not plaintext to re-encrypt. */
    @Test
    void srtpRefusesToProtectTheSameIndexTwice() {
        try (SrtpSession session = SrtpSession.create(Peer.keys(3))) {
            byte[] rtp = Packets.rtp(100, 5, 3000, 2222, 20);
            assertEquals(SrtpStatus.OK, session.protectRtp(rtp, 0, rtp.length).status());

            assertEquals(SrtpStatus.REPLAYED, session.protectRtp(rtp, 0, rtp.length).status());
        }
    }
}
