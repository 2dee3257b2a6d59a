package org.lucarne.bridge.forward;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import org.lucarne.bridge.colibri.Media;
import org.lucarne.bridge.colibri.MediaSource;
import org.lucarne.bridge.colibri.MediaType;
import org.lucarne.bridge.colibri.PayloadType;
import org.lucarne.bridge.colibri.RtcpFb;
import org.lucarne.bridge.colibri.RtpHdrExt;
import org.lucarne.bridge.colibri.Source;
import org.lucarne.bridge.colibri.SsrcGroup;
import org.lucarne.testing.ManualClock;

/** One conference with a hand-moved clock; by default its workers run tasks on the caller's thread. */
final class TestConference {
    static final FeedbackSsrcs FEEDBACK = new FeedbackSsrcs(0xA0A0_A0A0L, 0xB0B0_B0B0L);
    static final String ABS_SEND_TIME = "http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time";
    static final String SDES_MID = "urn:ietf:params:rtp-hdrext:sdes:mid";

    final ManualClock clock = new ManualClock(Instant.parse("2025-03-01T10:00:00Z"));
    final ForwardingStats stats = new ForwardingStats();
    final ConferenceRouter router;
    private int keySeed = 1;

    TestConference() {
        this(Runnable::run, ConferenceRouter.DEFAULT_QUEUE_CAPACITY);
    }

    TestConference(Executor workers, int queueCapacity) {
        router = new ConferenceRouter("visit-1", FEEDBACK, stats, workers, clock, queueCapacity);
    }

    /** A connected peer sending audio {@code audioSsrc} and video {@code videoSsrc} with RTX {@code videoSsrc + 1}. */
    Peer connectedPeer(String id, long audioSsrc, long videoSsrc) {
        Peer p = new Peer(router, id, keySeed += 10);
        p.endpoint.setSources(sources(id, audioSsrc, videoSsrc));
        p.connect();
        return p;
    }

    static List<MediaSource> sources(String id, long audioSsrc, long videoSsrc) {
        return List.of(
                new MediaSource(MediaType.AUDIO, id + "-a0", List.of(Source.of(audioSsrc)), List.of()),
                new MediaSource(MediaType.VIDEO, id + "-v0", List.of(Source.of(videoSsrc), Source.of(videoSsrc + 1)),
                        List.of(new SsrcGroup("FID", List.of(videoSsrc, videoSsrc + 1)))));
    }

    /** Opus and VP8 (+ RTX) at the given payload types, abs-send-time at {@code extensionId}. */
    static List<Media> medias(int opus, int vp8, int rtx, int extensionId) {
        List<RtcpFb> fbs = List.of(new RtcpFb("nack", null), new RtcpFb("nack", "pli"), new RtcpFb("goog-remb", null));
        return List.of(
                new Media(MediaType.AUDIO, List.of(new PayloadType(opus, "opus", 48_000, 2, Map.of(), List.of())),
                        List.of(new RtpHdrExt(1, SDES_MID)), false),
                new Media(MediaType.VIDEO, List.of(
                        new PayloadType(vp8, "VP8", 90_000, null, Map.of(), fbs),
                        new PayloadType(rtx, "rtx", 90_000, null, Map.of("apt", String.valueOf(vp8)), List.of())),
                        List.of(new RtpHdrExt(extensionId, ABS_SEND_TIME)), false));
    }
}
