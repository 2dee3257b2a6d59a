package org.lucarne.bridge.forward;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.lucarne.bridge.rtp.ReceiverReport;
import org.lucarne.bridge.rtp.ReportBlock;
import org.lucarne.bridge.rtp.RtcpPacket;
import org.lucarne.bridge.rtp.RtcpWriter;

/** The bridge's report on a sender's audio carries the worst loss its receivers report, so its Opus adds FEC. */
class DownstreamLossTest {
    private final TestConference conf = new TestConference();
    private final Peer a = conf.connectedPeer("a", 1111, 2222);
    private final Peer b = conf.connectedPeer("b", 3333, 4444);
    private final Peer c = conf.connectedPeer("c", 5555, 6666);
    private int sequence = 100;

    private static byte[] rrFrom(long reporter, long about, int fractionLost) {
        return RtcpWriter.receiverReport(reporter, new ReportBlock(about, fractionLost, 3, 1000, 5, 0, 0));
    }

    /** a sends audio and video for a second: the bridge's next report to a covers both. */
    private void aSends() {
        a.sendRtp(Packets.rtp(111, sequence, 960, 1111, 40));
        a.sendRtp(Packets.rtp(100, sequence++, 3000, 2222, 40));
        conf.clock.advanceMillis(ReceiverReports.INTERVAL_MILLIS);
        a.sendRtp(Packets.rtp(111, sequence++, 960, 1111, 40));
    }

    private int fractionLostToA(long ssrc) throws Exception {
        List<RtcpPacket> rrs = a.rtcp(RtcpPacket.RR, -1);
        for (int i = rrs.size() - 1; i >= 0; i--) {
            ReceiverReport rr = ReceiverReport.of(rrs.get(i));
            for (int k = 0; k < rr.reportCount(); k++) {
                if (rr.reportBlock(k).ssrc() == ssrc) {
                    return rr.reportBlock(k).fractionLost();
                }
            }
        }
        throw new AssertionError("no report on " + ssrc);
    }

    @Test
    void audioReportCarriesTheWorstLossItsReceiversReport() throws Exception {
        b.sendRtcp(rrFrom(3333, 1111, 8));
        c.sendRtcp(rrFrom(5555, 1111, 20));
        b.sendRtcp(rrFrom(3333, 2222, 50));

        aSends();

        assertEquals(20, fractionLostToA(1111), "c's loss, the worst; the bridge itself lost nothing");
        assertEquals(0, fractionLostToA(2222), "video keeps the bridge's own loss: the sender's rate is not held back");
    }

    @Test
    void staleOrDepartedReceiversCountNoMore() throws Exception {
        c.sendRtcp(rrFrom(5555, 1111, 20));
        conf.clock.advanceMillis(DownstreamLoss.FRESH_MILLIS - ReceiverReports.INTERVAL_MILLIS + 1);
        aSends();
        assertEquals(0, fractionLostToA(1111), "a report older than 5 s");

        c.sendRtcp(rrFrom(5555, 1111, 20));
        conf.router.removeEndpoint("c");
        conf.clock.advanceMillis(1000);
        aSends();
        assertEquals(0, fractionLostToA(1111), "c left");
    }
}
