package org.lucarne.bridge.forward;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.lucarne.bridge.rtp.RtcpWriter;

/**
 * Keyframe requests to senders, one conference's worth: a PLI (RFC 4585 §6.3.1) from the
 * bridge's video feedback SSRC, at most one per sender SSRC every {@value #MIN_INTERVAL_MILLIS} ms
 * whoever asks; the requests in between are counted and dropped, the keyframe already asked for
 * serves them too. Receivers' PLIs and FIRs (RFC 5104 §4.3.1) both end here.
 */
final class KeyframeRequests {
    static final long MIN_INTERVAL_MILLIS = 300;

    private final long feedbackSsrc;
    private final ForwardingStats stats;
    private final Clock clock;
    private final Map<Long, Long> lastSentMillis = new ConcurrentHashMap<>();

    KeyframeRequests(long feedbackSsrc, ForwardingStats stats, Clock clock) {
        this.feedbackSsrc = feedbackSsrc;
        this.stats = stats;
        this.clock = clock;
    }

    /** Asks {@code sender} for a keyframe on {@code mediaSsrc}, unless one was asked for lately. */
    void request(RouterEndpoint sender, long mediaSsrc) {
        if (!sender.isConnected()) {
            return;
        }
        long now = clock.millis();
        boolean[] due = {false};
        lastSentMillis.compute(mediaSsrc, (ssrc, last) -> {
            if (last != null && now - last < MIN_INTERVAL_MILLIS) {
                return last;
            }
            due[0] = true;
            return now;
        });
        if (due[0]) {
            sender.outbound().sendRtcp(RtcpWriter.pli(feedbackSsrc, mediaSsrc));
        } else {
            stats.dropped(ForwardingStats.KEYFRAME_REQUEST_THROTTLED);
        }
    }

    /** Forgets the SSRCs of a sender that left. */
    void forget(long[] ssrcs) {
        for (long ssrc : ssrcs) {
            lastSentMillis.remove(ssrc);
        }
    }
}
