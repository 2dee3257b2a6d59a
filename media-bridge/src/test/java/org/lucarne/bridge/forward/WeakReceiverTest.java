package org.lucarne.bridge.forward;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.lucarne.bridge.colibri.MediaSource;
import org.lucarne.bridge.colibri.MediaType;
import org.lucarne.bridge.colibri.Source;
import org.lucarne.bridge.colibri.SsrcGroup;
import org.lucarne.bridge.rtp.RtcpWriter;
import org.lucarne.bridge.rtp.RtpPacket;

/**
 * A receiver whose link is too weak for every picture: its budget goes to the voices, then to the
 * sender it shows tallest, which keeps its lowest layer; the smaller tiles are paused for it, and
 * come back when its link shows it carries more.
 */
class WeakReceiverTest {
    private final TestConference conf = new TestConference();
    /** The patient: shown big. */
    private final Sender patient = new Sender("s1", 5000);
    /** Another relative: a small tile. */
    private final Sender relative = new Sender("s2", 6000);
    private final Peer weak = conf.connectedPeer("weak", 1111, 2222);
    private int frame;

    /** Audio at {@code base}, video layers at base+10 (RTX +11) and base+12 (RTX +13). */
    private final class Sender {
        final Peer peer;
        final long low;
        final long high;

        Sender(String id, long base) {
            low = base + 10;
            high = base + 12;
            peer = new Peer(conf.router, id, (int) base);
            peer.endpoint.setSources(List.of(
                    new MediaSource(MediaType.AUDIO, id + "-a0", List.of(Source.of(base)), List.of()),
                    new MediaSource(MediaType.VIDEO, id + "-v0",
                            List.of(Source.of(low), Source.of(low + 1), Source.of(high), Source.of(high + 1)),
                            List.of(new SsrcGroup("SIM", List.of(low, high)), new SsrcGroup("FID", List.of(low, low + 1)),
                                    new SsrcGroup("FID", List.of(high, high + 1))))));
            peer.connect();
        }

        /** One frame of each layer: the low one 500 bytes (40 kbit/s at 10 frames/s), the high one 1,200 (96 kbit/s). */
        void frame(int n, boolean key) {
            peer.sendRtp(Arrays.copyOf(Packets.vp8(100 + n, 3000L * n, low, n, n, true, key, key ? 180 : 0), 500));
            peer.sendRtp(Arrays.copyOf(Packets.vp8(20_000 + n, 7000 + 3000L * n, high, 300 + n, 50 + n, true, key,
                    key ? 360 : 0), 1200));
        }

        boolean reaches(Peer receiver) {
            return receiver.rtp().stream().map(RtpPacket::ssrc).anyMatch(s -> s == low);
        }
    }

    /** A second of both senders' layers, a keyframe first when {@code key}. */
    private void second(boolean key) {
        for (int i = 0; i < 10; i++) {
            patient.frame(frame, key && i == 0);
            relative.frame(frame, key && i == 0);
            frame++;
            conf.clock.advanceMillis(100);
        }
    }

    @Test
    void theSmallerTileIsPausedForAWeakLinkAndTheBigPictureKeepsItsLowestLayer() {
        weak.endpoint.setVideoHeights(Map.of("s1", 720, "s2", 180));
        second(true);
        second(false);
        assertTrue(patient.reaches(weak) && relative.reaches(weak), "both pictures before any congestion");

        weak.sendRtcp(RtcpWriter.remb(2222, 400_000, patient.low));
        weak.sendRtcp(RtcpWriter.remb(2222, 100_000, patient.low)); // fell below the ~140 kbit/s it gets
        second(false);
        weak.clear();
        second(true);

        assertTrue(patient.reaches(weak), "the big picture stays, though the voices alone take more than 100 kbit/s");
        assertFalse(relative.reaches(weak), "the small tile is paused");
        assertTrue(weak.rtp().stream().noneMatch(p -> p.ssrc() == relative.low + 1 && p.hasPadding()),
                "and not probed through");
    }

    @Test
    void aPausedTileComesBackAtItsLowestLayerWhenTheLinkCarriesIt() {
        weak.endpoint.setVideoHeights(Map.of("s1", 720, "s2", 180));
        second(true);
        weak.sendRtcp(RtcpWriter.remb(2222, 400_000, patient.low));
        weak.sendRtcp(RtcpWriter.remb(2222, 100_000, patient.low));
        second(true);
        weak.clear();
        second(false);
        assertFalse(relative.reaches(weak));

        weak.sendRtcp(RtcpWriter.remb(2222, 420_000, patient.low)); // its estimate rose: two voices and two low layers fit in 80 %
        second(true);
        List<RtpPacket> got = weak.rtp().stream().filter(p -> p.ssrc() == relative.low).toList();
        assertFalse(got.isEmpty(), "back");
        assertTrue(org.lucarne.bridge.rtp.Vp8Descriptor.keyframeHeight(got.get(0).buffer(), got.get(0).payloadOffset(),
                got.get(0).payloadLength()) == 180, "from a keyframe of its lowest layer");
    }
}
