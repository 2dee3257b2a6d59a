package org.lucarne.bridge.forward;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.lucarne.bridge.colibri.MediaSource;
import org.lucarne.bridge.colibri.MediaType;
import org.lucarne.bridge.colibri.Source;
import org.lucarne.bridge.rtp.Pli;
import org.lucarne.bridge.rtp.RtcpPacket;
import org.lucarne.bridge.rtp.RtcpWriter;

/** Receivers' keyframe requests reach the sender as throttled PLIs; newcomers get keyframes at once. */
class KeyframeTest {
    private final TestConference conf = new TestConference();

    @Test
    void receiversPliBecomesOnePliFromTheBridgeToTheSender() throws Exception {
        Peer a = conf.connectedPeer("a", 1111, 2222);
        Peer b = conf.connectedPeer("b", 3333, 4444);
        conf.clock.advanceMillis(1_000);
        a.clear();

        b.sendRtcp(RtcpWriter.pli(4444, 2222));

        List<RtcpPacket> plis = a.rtcp(RtcpPacket.PSFB, RtcpPacket.FMT_PLI);
        assertEquals(1, plis.size());
        Pli pli = Pli.of(plis.get(0));
        assertEquals(TestConference.FEEDBACK.video(), pli.senderSsrc());
        assertEquals(2222, pli.mediaSsrc());
    }

    @Test
    void firIsAnsweredWithAPliToo() throws Exception {
        Peer a = conf.connectedPeer("a", 1111, 2222);
        Peer b = conf.connectedPeer("b", 3333, 4444);
        conf.clock.advanceMillis(1_000);
        a.clear();

        b.sendRtcp(RtcpWriter.fir(4444, 2222, 1));

        assertEquals(2222, Pli.of(a.rtcp(RtcpPacket.PSFB, RtcpPacket.FMT_PLI).get(0)).mediaSsrc());
    }

    @Test
    void requestsWithin300MillisecondsAreThrottledAndCounted() {
        Peer a = conf.connectedPeer("a", 1111, 2222);
        Peer b = conf.connectedPeer("b", 3333, 4444);
        Peer c = conf.connectedPeer("c", 5555, 6666);
        conf.clock.advanceMillis(1_000);
        a.clear();
        long throttledBefore = conf.stats.snapshot().dropped(ForwardingStats.KEYFRAME_REQUEST_THROTTLED);

        b.sendRtcp(RtcpWriter.pli(4444, 2222));
        conf.clock.advanceMillis(100);
        c.sendRtcp(RtcpWriter.pli(6666, 2222));
        conf.clock.advanceMillis(100);
        b.sendRtcp(RtcpWriter.fir(4444, 2222, 2));
        conf.clock.advanceMillis(150);
        c.sendRtcp(RtcpWriter.pli(6666, 2222));

        assertEquals(2, a.rtcp(RtcpPacket.PSFB, RtcpPacket.FMT_PLI).size(), "at 0 ms and at 350 ms");
        assertEquals(2, conf.stats.snapshot().dropped(ForwardingStats.KEYFRAME_REQUEST_THROTTLED) - throttledBefore);
    }

    @Test
    void joiningEndpointMakesEveryVideoSenderSendAKeyframe() throws Exception {
        Peer a = conf.connectedPeer("a", 1111, 2222);
        conf.clock.advanceMillis(1_000);
        Peer b = conf.connectedPeer("b", 3333, 4444);
        conf.clock.advanceMillis(1_000);
        a.clear();
        b.clear();

        conf.connectedPeer("c", 5555, 6666);

        assertEquals(2222, Pli.of(a.rtcp(RtcpPacket.PSFB, RtcpPacket.FMT_PLI).get(0)).mediaSsrc());
        assertEquals(4444, Pli.of(b.rtcp(RtcpPacket.PSFB, RtcpPacket.FMT_PLI).get(0)).mediaSsrc(),
                "not the RTX SSRC 4445");
        assertEquals(1, a.rtcp(RtcpPacket.PSFB, RtcpPacket.FMT_PLI).size());
    }

    @Test
    void newVideoSourceIsAskedForAKeyframe() throws Exception {
        Peer a = conf.connectedPeer("a", 1111, 2222);
        conf.connectedPeer("b", 3333, 4444);
        conf.clock.advanceMillis(1_000);
        a.clear();

        a.endpoint.setSources(List.of(
                new MediaSource(MediaType.VIDEO, "a-v0", List.of(Source.of(2222)), List.of()),
                new MediaSource(MediaType.VIDEO, "a-desktop", List.of(Source.of(7777)), List.of())));

        List<RtcpPacket> plis = a.rtcp(RtcpPacket.PSFB, RtcpPacket.FMT_PLI);
        assertEquals(1, plis.size(), "only the new one");
        assertEquals(7777, Pli.of(plis.get(0)).mediaSsrc());
    }

    @Test
    void pliForAnSsrcNobodySendsIsCounted() {
        conf.connectedPeer("a", 1111, 2222);
        Peer b = conf.connectedPeer("b", 3333, 4444);

        b.sendRtcp(RtcpWriter.pli(4444, 123456));

        assertTrue(conf.stats.snapshot().dropped(ForwardingStats.FEEDBACK_FOR_UNKNOWN_SSRC) >= 1);
    }
}
