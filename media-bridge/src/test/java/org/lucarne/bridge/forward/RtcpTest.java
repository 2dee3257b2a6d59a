package org.lucarne.bridge.forward;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.lucarne.bridge.rtp.ReceiverReport;
import org.lucarne.bridge.rtp.ReportBlock;
import org.lucarne.bridge.rtp.RtcpPacket;
import org.lucarne.bridge.rtp.RtcpWriter;
import org.lucarne.bridge.rtp.SenderReport;

/** Sender reports go on, receiver reports end at the bridge, which reports on what it receives. */
class RtcpTest {
    private final TestConference conf = new TestConference();
    private final Peer a = conf.connectedPeer("a", 1111, 2222);
    private final Peer b = conf.connectedPeer("b", 3333, 4444);
    private final Peer c = conf.connectedPeer("c", 5555, 6666);

    @Test
    void senderReportIsForwardedWithoutItsReportBlocks() throws Exception {
        long ntp = 0xE8E8_0000_8000_0000L;

        a.sendRtcp(Packets.senderReportWithBlock(1111, ntp, 48_000));

        for (Peer receiver : List.of(b, c)) {
            List<RtcpPacket> srs = receiver.rtcp(RtcpPacket.SR, -1);
            assertEquals(1, srs.size(), receiver.id);
            SenderReport sr = SenderReport.of(srs.get(0));
            assertEquals(1111, sr.senderSsrc());
            assertEquals(ntp, sr.ntpTimestamp());
            assertEquals(48_000, sr.rtpTimestamp());
            assertEquals(0, sr.reportCount());
        }
        assertTrue(a.rtcp(RtcpPacket.SR, -1).isEmpty());
    }

    @Test
    void senderReportFromAnUnannouncedSsrcIsDropped() {
        a.sendRtcp(Packets.senderReportWithBlock(8888, 1L << 40, 0));

        assertTrue(b.rtcp(RtcpPacket.SR, -1).isEmpty());
        assertEquals(1, conf.stats.snapshot().dropped(ForwardingStats.UNKNOWN_SSRC));
    }

    @Test
    void receiverReportIsConsumed() {
        b.sendRtcp(RtcpWriter.receiverReport(3333, new ReportBlock(2222, 0, 0, 100, 5, 0, 0)));

        assertTrue(a.rtcp(RtcpPacket.RR, -1).isEmpty());
        assertTrue(c.rtcp(RtcpPacket.RR, -1).isEmpty());
    }

    @Test
    void bridgeReportsLossExtendedSequenceAndLastSrToTheSender() throws Exception {
        a.sendRtp(Packets.rtp(100, 65_534, 0, 2222, 20));
        a.clear();
        for (int seq : new int[] {65_535, 1, 2, 4, 5, 6}) { // 0 and 3 are lost, across the wrap
            a.sendRtp(Packets.rtp(100, seq, 3000L * seq, 2222, 20));
        }
        a.sendRtcp(Packets.senderReportWithBlock(2222, 0x0000_1234_5678_0000L, 9000));
        assertTrue(a.rtcp(RtcpPacket.RR, -1).isEmpty(), "less than a second since the first report");
        conf.clock.advanceMillis(1_000);

        a.sendRtp(Packets.rtp(100, 7, 21_000, 2222, 20));

        List<RtcpPacket> rrs = a.rtcp(RtcpPacket.RR, -1);
        assertEquals(1, rrs.size());
        ReceiverReport rr = ReceiverReport.of(rrs.get(0));
        assertEquals(TestConference.FEEDBACK.video(), rr.senderSsrc());
        assertEquals(1, rr.reportCount());
        ReportBlock block = rr.reportBlock(0);
        assertEquals(2222, block.ssrc());
        assertEquals(65_536 + 7, block.extendedHighestSequence());
        assertEquals(2, block.cumulativeLost(), "10 expected, 8 received");
        assertEquals(2 * 256 / 9, block.fractionLost(), "2 lost of the 9 expected since the last report");
        assertEquals(0x1234_5678L, block.lastSr());
        assertEquals(65_536, block.delaySinceLastSr(), "one second in 1/65536 s");
    }

    @Test
    void audioIsReportedFromTheAudioFeedbackSsrc() throws Exception {
        a.sendRtp(Packets.rtp(111, 1, 960, 1111, 20));

        ReceiverReport rr = ReceiverReport.of(a.rtcp(RtcpPacket.RR, -1).get(0));
        assertEquals(TestConference.FEEDBACK.audio(), rr.senderSsrc());
        assertEquals(1111, rr.reportBlock(0).ssrc());
        assertEquals(0, rr.reportBlock(0).cumulativeLost());
    }

    @Test
    void malformedRtcpIsCountedByReason() {
        byte[] pli = java.util.Arrays.copyOf(RtcpWriter.pli(4444, 2222), 16);
        pli[3] = 3; // RFC 4585 §6.3.1: a PLI has no FCI, this one has a word of it

        b.sendRtcp(pli);

        assertEquals(1, conf.stats.snapshot().dropped("malformed_bad_fci"));
    }
}
