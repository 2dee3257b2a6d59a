package org.lucarne.bridge.forward;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.lucarne.bridge.colibri.MediaSource;
import org.lucarne.bridge.colibri.MediaType;
import org.lucarne.bridge.colibri.Source;
import org.lucarne.bridge.colibri.SsrcGroup;
import org.lucarne.bridge.rtp.Nack;
import org.lucarne.bridge.rtp.Pli;
import org.lucarne.bridge.rtp.RtcpPacket;
import org.lucarne.bridge.rtp.RtcpWriter;
import org.lucarne.bridge.rtp.RtpPacket;
import org.lucarne.bridge.rtp.SenderReport;

/** A sender's simulcast layers through the conference: each receiver gets one layer, on one SSRC. */
class SimulcastTest {
    private static final long LOW = 5000;
    private static final long HIGH = 5002;
    private final TestConference conf = new TestConference();

    /** Audio 4000; video layers 5000 (RTX 5001) and 5002 (RTX 5003). */
    private Peer simulcastSender() {
        Peer p = new Peer(conf.router, "s", 99);
        p.endpoint.setSources(List.of(
                new MediaSource(MediaType.AUDIO, "s-a0", List.of(Source.of(4000)), List.of()),
                new MediaSource(MediaType.VIDEO, "s-v0",
                        List.of(Source.of(LOW), Source.of(LOW + 1), Source.of(HIGH), Source.of(HIGH + 1)),
                        List.of(new SsrcGroup("SIM", List.of(LOW, HIGH)), new SsrcGroup("FID", List.of(LOW, LOW + 1)),
                                new SsrcGroup("FID", List.of(HIGH, HIGH + 1))))));
        p.connect();
        return p;
    }

    /** One frame of each layer; keyframes when {@code key}. */
    private void frame(Peer s, int n, boolean key) {
        s.sendRtp(Packets.vp8(100 + n, 3000L * n, LOW, n, n, true, key, 180));
        s.sendRtp(Packets.vp8(20_000 + n, 7000 + 3000L * n, HIGH, 300 + n, 50 + n, true, key, 360));
    }

    /**
     * Keyframes on both layers, then forgets what the receivers got: a receiver starts on the
     * first layer that arrives and moves to the tallest at its keyframe.
     */
    private void startLayers(Peer s, Peer... receivers) {
        frame(s, 0, true);
        for (Peer r : receivers) {
            r.clear();
        }
    }

    private static List<RtpPacket> video(Peer p) {
        return p.rtp().stream().filter(r -> r.payloadType() == 100).toList();
    }

    @Test
    void eachReceiverGetsTheTallestLayerOnTheFirstLayersSsrc() {
        Peer s = simulcastSender();
        Peer r = conf.connectedPeer("r", 1111, 2222);
        startLayers(s, r);
        frame(s, 1, false);
        frame(s, 2, false);

        List<RtpPacket> got = video(r);
        assertEquals(2, got.size(), "one layer of two frames");
        assertEquals(List.of(-1, -1), got.stream().map(SimulcastTest::keyframeHeightOf).toList());
        assertTrue(got.stream().allMatch(p -> p.ssrc() == LOW));
        assertEquals(1, got.get(1).sequenceNumber() - got.get(0).sequenceNumber());
    }

    @Test
    void receiversThatShowSmallTilesGetTheLowLayerTheOthersTheHigh() {
        Peer s = simulcastSender();
        Peer small = conf.connectedPeer("small", 1111, 2222);
        Peer big = conf.connectedPeer("big", 3333, 4444);
        small.endpoint.setVideoHeights(Map.of("s", 120));
        startLayers(s, small, big);
        frame(s, 1, true);
        frame(s, 2, false);

        assertEquals(List.of(180, -1), video(small).stream().map(SimulcastTest::keyframeHeightOf).toList());
        assertEquals(List.of(360, -1), video(big).stream().map(SimulcastTest::keyframeHeightOf).toList());
        assertTrue(video(big).stream().allMatch(p -> p.ssrc() == LOW), "on the SSRC the receiver was offered");
    }

    @Test
    void sourcesToldAgainUnchangedKeepTheReceiversStream() throws Exception {
        Peer s = simulcastSender();
        Peer r = conf.connectedPeer("r", 1111, 2222);
        startLayers(s, r);
        frame(s, 1, false);
        s.endpoint.setSources(List.copyOf(sourcesOf(s)));
        frame(s, 2, false);

        List<RtpPacket> got = video(r);
        assertEquals(2, got.size(), "no wait for a keyframe");
        assertEquals(got.get(0).sequenceNumber() + 1, got.get(1).sequenceNumber());
    }

    private static List<MediaSource> sourcesOf(Peer p) {
        return List.of(
                new MediaSource(MediaType.AUDIO, "s-a0", List.of(Source.of(4000)), List.of()),
                new MediaSource(MediaType.VIDEO, "s-v0",
                        List.of(Source.of(LOW), Source.of(LOW + 1), Source.of(HIGH), Source.of(HIGH + 1)),
                        List.of(new SsrcGroup("SIM", List.of(LOW, HIGH)), new SsrcGroup("FID", List.of(LOW, LOW + 1)),
                                new SsrcGroup("FID", List.of(HIGH, HIGH + 1)))));
    }

    @Test
    void aSilentLayerIsLeftForAnotherAtItsKeyframeAskedWithAPli() throws Exception {
        Peer s = simulcastSender();
        Peer r = conf.connectedPeer("r", 1111, 2222);
        startLayers(s, r);
        frame(s, 1, false);
        s.clear();
        conf.clock.advanceMillis(1_500);
        s.sendRtp(Packets.vp8(110, 30_000, LOW, 10, 10, true, false, 0));
        assertTrue(asksKeyframeOf(s, LOW),
                "the bridge asks the low layer for a keyframe");
        s.sendRtp(Packets.vp8(111, 33_000, LOW, 11, 11, true, true, 180));

        List<RtpPacket> got = video(r);
        assertEquals(2, got.size());
        assertEquals(got.get(0).sequenceNumber() + 1, got.get(1).sequenceNumber(), "no gap at the switch");
        assertEquals(pictureIdOf(got.get(0)) + 1, pictureIdOf(got.get(1)));
        assertEquals(180, keyframeHeightOf(got.get(1)));
    }

    @Test
    void aReceiversNackAndPliReachTheForwardedLayerInItsOwnNumbers() throws Exception {
        Peer s = simulcastSender();
        Peer r = conf.connectedPeer("r", 1111, 2222);
        startLayers(s, r);
        frame(s, 1, false);
        conf.clock.advanceMillis(2_000);
        s.clear();
        RtpPacket sent = video(r).get(0);

        r.sendRtcp(RtcpWriter.nack(2222, LOW, sent.sequenceNumber() + 1));
        r.sendRtcp(RtcpWriter.pli(2222, LOW));

        Nack nack = Nack.of(s.rtcp(RtcpPacket.RTPFB, RtcpPacket.FMT_NACK).get(0));
        assertEquals(HIGH, nack.mediaSsrc());
        assertEquals(20_002, nack.lostSequenceNumbers()[0]);
        assertEquals(HIGH, Pli.of(s.rtcp(RtcpPacket.PSFB, RtcpPacket.FMT_PLI).get(0)).mediaSsrc());
    }

    @Test
    void theForwardedLayersSenderReportGoesOutOnTheFirstSsrcWithTheReceiversTimestamp() throws Exception {
        Peer s = simulcastSender();
        Peer r = conf.connectedPeer("r", 1111, 2222);
        frame(s, 0, true);
        long highKeyframeTimestamp = video(r).get(video(r).size() - 1).timestamp();
        r.clear();

        s.sendRtcp(Packets.senderReportWithBlock(LOW, 1L << 40, 7));
        s.sendRtcp(Packets.senderReportWithBlock(HIGH, 1L << 40, 7000));

        List<RtcpPacket> srs = r.rtcp(RtcpPacket.SR, -1);
        assertEquals(1, srs.size(), "only the forwarded layer's");
        SenderReport sr = SenderReport.of(srs.get(0));
        assertEquals(LOW, sr.senderSsrc());
        assertEquals(highKeyframeTimestamp, sr.rtpTimestamp(), "the high layer's, as its packets were sent");
    }

    private static boolean asksKeyframeOf(Peer sender, long ssrc) throws Exception {
        for (RtcpPacket p : sender.rtcp(RtcpPacket.PSFB, RtcpPacket.FMT_PLI)) {
            if (Pli.of(p).mediaSsrc() == ssrc) {
                return true;
            }
        }
        return false;
    }

    /** A second of both layers, 10 packets each: the low layer at 16 kbit/s, the high at 96 kbit/s. */
    private void secondOfLayers(Peer s, int from) {
        for (int n = from; n < from + 10; n++) {
            s.sendRtp(sized(Packets.vp8(100 + n, 3000L * n, LOW, n, n, true, false, 0), 200));
            s.sendRtp(sized(Packets.vp8(20_000 + n, 7000 + 3000L * n, HIGH, 300 + n, 50 + n, true, false, 0), 1200));
            conf.clock.advanceMillis(100);
        }
    }

    private static byte[] sized(byte[] packet, int length) {
        return java.util.Arrays.copyOf(packet, length);
    }

    /** Congestion as BandwidthEstimates sees it: a REMB that fell since the last, below what was sent. */
    private void congest(Peer s, Peer weak) {
        weak.sendRtcp(RtcpWriter.remb(2222, 150_000, LOW));
        secondOfLayers(s, 1);
        weak.sendRtcp(RtcpWriter.remb(2222, 30_000, LOW));
    }

    /** Seconds of layers, each with a steady REMB from {@code weak}, from frame {@code from} on; the next frame. */
    private int steady(Peer s, Peer weak, int from, int seconds) {
        return steady(s, weak, from, seconds, 30_000);
    }

    private int steady(Peer s, Peer weak, int from, int seconds, long remb) {
        for (int second = 0; second < seconds; second++) {
            secondOfLayers(s, from + 10 * second);
            weak.sendRtcp(RtcpWriter.remb(2222, remb, LOW));
        }
        return from + 10 * seconds;
    }

    @Test
    void aCongestedReceiverGetsTheLowLayerProbesAndComesBackWhileTheOthersKeepTheHigh() throws Exception {
        Peer s = simulcastSender();
        Peer weak = conf.connectedPeer("weak", 1111, 2222);
        Peer strong = conf.connectedPeer("strong", 3333, 4444);
        weak.endpoint.setMedias(TestConference.medias(111, 100, 96, 2));
        startLayers(s, weak, strong);
        strong.sendRtcp(RtcpWriter.remb(4444, 1_000_000, LOW));
        congest(s, weak);
        s.clear();
        weak.clear();
        strong.clear();
        frame(s, 11, true);

        assertEquals(List.of(180), video(weak).stream().map(SimulcastTest::keyframeHeightOf).toList(),
                "a REMB that fell to 30 kbit/s, below the ~100 kbit/s sent: congested, the low layer");
        assertEquals(List.of(360), video(strong).stream().map(SimulcastTest::keyframeHeightOf).toList());
        assertTrue(s.rtcp(RtcpPacket.PSFB, RtcpPacket.FMT_AFB).isEmpty(), "a simulcast sender is never capped");

        weak.clear();
        int next = steady(s, weak, 12, 12);
        List<RtpPacket> padding = weak.rtp().stream().filter(p -> p.ssrc() == LOW + 1 && p.hasPadding()).toList();
        assertTrue(padding.size() > 5, "once the congestion is over, the weak receiver is probed with padding on its"
                + " RTX stream: " + padding.size());
        for (int i = 1; i < padding.size(); i++) {
            assertEquals((padding.get(i - 1).sequenceNumber() + 1) & 0xFFFF, padding.get(i).sequenceNumber());
        }
        assertTrue(padding.get(0).extensionOffset(2) > 0, "with abs-send-time");
        assertTrue(padding.size() <= LayerProbe.PROBE_MILLIS * LayerProbe.MAX_PADDING_BPS / 1000 / 8 / LayerProbe.PADDING_BYTES,
                "bounded: " + padding.size());
        assertTrue(strong.rtp().stream().noneMatch(RtpPacket::hasPadding), "no padding to a receiver that has what it wants");

        weak.clear();
        next = steady(s, weak, next, 24, 400_000); // its estimate follows what the probes add, step by step
        frame(s, next, true);
        List<RtpPacket> got = video(weak);
        assertEquals(360, keyframeHeightOf(got.get(got.size() - 1)),
                "the probe went through without congestion: back on the high layer at its keyframe");
    }

    @Test
    void aProbeStopsWhenTheReceiverBecomesCongested() throws Exception {
        Peer s = simulcastSender();
        Peer weak = conf.connectedPeer("weak", 1111, 2222);
        weak.endpoint.setMedias(TestConference.medias(111, 100, 96, 2));
        startLayers(s, weak);
        congest(s, weak);
        frame(s, 11, true);
        int next = steady(s, weak, 12, 11);
        assertTrue(weak.rtp().stream().anyMatch(RtpPacket::hasPadding), "a probe runs");

        weak.sendRtcp(RtcpWriter.remb(2222, 10_000, LOW));
        weak.clear();
        next = steady(s, weak, next, 1);
        assertTrue(weak.rtp().stream().noneMatch(RtpPacket::hasPadding), "congestion ends the probe at once");
        frame(s, next, true);
        assertEquals(List.of(180), video(weak).stream().map(SimulcastTest::keyframeHeightOf).filter(h -> h > 0).toList());
    }

    private static int keyframeHeightOf(RtpPacket p) {
        return org.lucarne.bridge.rtp.Vp8Descriptor.keyframeHeight(p.buffer(), p.payloadOffset(), p.payloadLength());
    }

    private static int pictureIdOf(RtpPacket p) {
        return org.lucarne.bridge.rtp.Vp8Descriptor.pictureId(p.buffer(), p.payloadOffset(), p.payloadLength());
    }
}
