package org.lucarne.bridge.forward;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.lucarne.bridge.rtp.Remb;
import org.lucarne.bridge.rtp.RtcpPacket;
import org.lucarne.bridge.rtp.RtcpWriter;

/** The sender hears the lowest of its receivers' REMB estimates. */
class BandwidthTest {
    private final TestConference conf = new TestConference();
    private final Peer a = conf.connectedPeer("a", 1111, 2222);
    private final Peer b = conf.connectedPeer("b", 3333, 4444);
    private final Peer c = conf.connectedPeer("c", 5555, 6666);

    private List<RtcpPacket> rembsToA() {
        return a.rtcp().stream().filter(RtcpPacket::isRemb).toList();
    }

    private long lastRembToA() throws Exception {
        List<RtcpPacket> rembs = rembsToA();
        return Remb.of(rembs.get(rembs.size() - 1)).bitrate();
    }

    @Test
    void senderGetsTheMinimumOverItsReceivers() throws Exception {
        b.sendRtcp(RtcpWriter.remb(3333, 2_000_000, 2222));
        conf.clock.advanceMillis(600);

        c.sendRtcp(RtcpWriter.remb(5555, 300_000, 2222));

        assertEquals(300_000, lastRembToA(), "the weak receiver sets the rate");
        Remb remb = Remb.of(rembsToA().get(0));
        assertEquals(TestConference.FEEDBACK.video(), remb.senderSsrc());
        assertEquals(1, remb.ssrcCount());
        assertEquals(2222, remb.ssrc(0));
    }

    @Test
    void dropOfMoreThanTenPercentIsSentAtOnceSmallChangesWait() throws Exception {
        b.sendRtcp(RtcpWriter.remb(3333, 1_000_000, 2222));
        conf.clock.advanceMillis(100);
        b.sendRtcp(RtcpWriter.remb(3333, 950_000, 2222));
        assertEquals(1, rembsToA().size(), "5 % lower within 500 ms: not yet");
        conf.clock.advanceMillis(100);

        c.sendRtcp(RtcpWriter.remb(5555, 500_000, 2222));

        assertEquals(2, rembsToA().size());
        assertEquals(500_000, lastRembToA());
    }

    @Test
    void riseIsSentOnlyAfter500Milliseconds() throws Exception {
        b.sendRtcp(RtcpWriter.remb(3333, 500_000, 2222));
        conf.clock.advanceMillis(100);
        b.sendRtcp(RtcpWriter.remb(3333, 900_000, 2222));
        assertEquals(1, rembsToA().size());
        conf.clock.advanceMillis(400);

        b.sendRtcp(RtcpWriter.remb(3333, 900_000, 2222));

        assertEquals(2, rembsToA().size());
        assertEquals(900_000, lastRembToA());
    }

    @Test
    void leavingReceiverNoLongerHoldsTheRateDown() throws Exception {
        b.sendRtcp(RtcpWriter.remb(3333, 2_000_000, 2222));
        c.sendRtcp(RtcpWriter.remb(5555, 200_000, 2222, 4444));
        conf.router.removeEndpoint("c");
        conf.clock.advanceMillis(600);

        b.sendRtcp(RtcpWriter.remb(3333, 2_000_000, 2222));

        assertEquals(2_000_000, lastRembToA());
        assertArrayEquals(new long[] {2222}, new long[] {Remb.of(rembsToA().get(0)).ssrc(0)});
    }
}
