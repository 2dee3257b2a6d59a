package org.lucarne.bridge.forward;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.lucarne.bridge.colibri.MediaSource;
import org.lucarne.bridge.colibri.MediaType;
import org.lucarne.bridge.colibri.Source;
import org.lucarne.bridge.rtp.Remb;
import org.lucarne.bridge.rtp.RtcpPacket;
import org.lucarne.bridge.rtp.RtcpWriter;

/**
 * A receiver's REMB caps a one-layer sender only when it signals congestion: it fell, to below
 * what the bridge sends that receiver. Otherwise the sender hears that there is no ceiling.
 */
class BandwidthTest {
    private final TestConference conf = new TestConference();
    private final Peer a = conf.connectedPeer("a", 1111, 2222);
    private final Peer b = conf.connectedPeer("b", 3333, 4444);
    private final Peer c = conf.connectedPeer("c", 5555, 6666);
    private int sequence;

    private List<RtcpPacket> rembsToA() {
        return a.rtcp().stream().filter(RtcpPacket::isRemb).toList();
    }

    private long lastRembToA() throws Exception {
        List<RtcpPacket> rembs = rembsToA();
        return Remb.of(rembs.get(rembs.size() - 1)).bitrate();
    }

    /** a's video to b and c for the next 100 ms: 50 packets of 1,212 bytes, about 500 kbit/s over a second. */
    private void aSendsVideo() {
        for (int i = 0; i < 50; i++) {
            a.sendRtp(Packets.rtp(100, sequence++, 3000, 2222, 1200));
        }
    }

    @Test
    void rembThatMerelyFollowsTheIncomingRateSetsNoCeiling() throws Exception {
        aSendsVideo();
        b.sendRtcp(RtcpWriter.remb(3333, 300_000, 2222));
        conf.clock.advanceMillis(600);
        b.sendRtcp(RtcpWriter.remb(3333, 320_000, 2222));

        assertEquals(SenderRemb.NO_CEILING, lastRembToA(), "below what b gets, but rising: behind a ramp-up");
        Remb remb = Remb.of(rembsToA().get(0));
        assertEquals(TestConference.FEEDBACK.video(), remb.senderSsrc());
        assertEquals(1, remb.ssrcCount());
        assertEquals(2222, remb.ssrc(0));
        assertEquals(320_000, conf.router.bandwidth().latest("b"), "each receiver's latest REMB is kept");
        assertEquals(-1, conf.router.bandwidth().latest("a"), "a sent none");
    }

    @Test
    void fallToBelowWhatTheReceiverGetsCapsTheSenderAtOnce() throws Exception {
        aSendsVideo();
        b.sendRtcp(RtcpWriter.remb(3333, 900_000, 2222));
        conf.clock.advanceMillis(100);

        b.sendRtcp(RtcpWriter.remb(3333, 400_000, 2222));

        assertEquals(2, rembsToA().size(), "a fall is sent without waiting 500 ms");
        assertEquals(400_000, lastRembToA());
    }

    @Test
    void fallThatStaysAboveWhatTheReceiverGetsIsNoCongestion() throws Exception {
        aSendsVideo();
        b.sendRtcp(RtcpWriter.remb(3333, 2_000_000, 2222));
        conf.clock.advanceMillis(600);

        b.sendRtcp(RtcpWriter.remb(3333, 1_500_000, 2222));

        assertEquals(SenderRemb.NO_CEILING, lastRembToA());
    }

    @Test
    void congestedReceiverCapsForTenSecondsAfterItsLastFallFollowingItsRemb() throws Exception {
        aSendsVideo();
        b.sendRtcp(RtcpWriter.remb(3333, 900_000, 2222));
        b.sendRtcp(RtcpWriter.remb(3333, 400_000, 2222));
        conf.clock.advanceMillis(5_000);
        aSendsVideo();
        b.sendRtcp(RtcpWriter.remb(3333, 450_000, 2222));
        assertEquals(450_000, lastRembToA(), "within the hold the ceiling follows the receiver's REMB up");

        conf.clock.advanceMillis(5_000);
        b.sendRtcp(RtcpWriter.remb(3333, 480_000, 2222));

        assertEquals(SenderRemb.NO_CEILING, lastRembToA(), "ten seconds without a fall: the ceiling is lifted");
    }

    @Test
    void senderGetsTheLowestCeilingOfItsCongestedReceivers() throws Exception {
        aSendsVideo();
        b.sendRtcp(RtcpWriter.remb(3333, 900_000, 2222));
        b.sendRtcp(RtcpWriter.remb(3333, 450_000, 2222));
        c.sendRtcp(RtcpWriter.remb(5555, 5_000_000, 2222)); // not congested
        c.sendRtcp(RtcpWriter.remb(5555, 300_000, 2222));

        assertEquals(300_000, lastRembToA(), "the weakest congested receiver sets the rate");
    }

    @Test
    void smallChangesWaitFiveHundredMilliseconds() throws Exception {
        aSendsVideo();
        b.sendRtcp(RtcpWriter.remb(3333, 900_000, 2222));
        b.sendRtcp(RtcpWriter.remb(3333, 400_000, 2222));
        int sent = rembsToA().size();
        conf.clock.advanceMillis(100);
        b.sendRtcp(RtcpWriter.remb(3333, 380_000, 2222));
        assertEquals(sent, rembsToA().size(), "5 % lower within 500 ms: not yet");
        conf.clock.advanceMillis(400);

        b.sendRtcp(RtcpWriter.remb(3333, 380_000, 2222));

        assertEquals(sent + 1, rembsToA().size());
        assertEquals(380_000, lastRembToA());
    }

    @Test
    void leavingReceiverNoLongerHoldsTheRateDown() throws Exception {
        aSendsVideo();
        c.sendRtcp(RtcpWriter.remb(5555, 900_000, 2222, 4444));
        c.sendRtcp(RtcpWriter.remb(5555, 200_000, 2222, 4444));
        assertEquals(200_000, lastRembToA());
        conf.router.removeEndpoint("c");
        conf.clock.advanceMillis(600);

        b.sendRtcp(RtcpWriter.remb(3333, 2_000_000, 2222));

        assertEquals(SenderRemb.NO_CEILING, lastRembToA());
        assertEquals(-1, conf.router.bandwidth().latest("c"));
    }

    @Test
    void senderOfSeveralVideoLayersIsNeverCapped() throws Exception {
        a.endpoint.setSources(List.of(new MediaSource(MediaType.VIDEO, "a-v0",
                List.of(Source.of(2222), Source.of(2224), Source.of(2226)), List.of())));
        aSendsVideo();
        b.sendRtcp(RtcpWriter.remb(3333, 900_000, 2222));
        b.sendRtcp(RtcpWriter.remb(3333, 100_000, 2222));

        assertTrue(rembsToA().isEmpty(), "the receivers' REMBs choose their layers instead");
        assertEquals(100_000, conf.router.bandwidth().latest("b"));
    }
}
