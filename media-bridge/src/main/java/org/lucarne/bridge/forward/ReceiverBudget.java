package org.lucarne.bridge.forward;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * How a receiver's bandwidth, once it is limited ({@link BandwidthEstimates#limit}), is shared among
 * the simulcast senders it receives. The voices come first: {@value #AUDIO_BPS} bit/s for every
 * other endpoint that sends audio. Then each video sender's lowest layer, in the order the receiver
 * shows them (its tallest tile first, so the patient before the other relatives): the first that
 * does not fit, and every one after it, is paused for that receiver. The first one is never paused:
 * the biggest picture stays, at its lowest layer, and what it brings keeps the receiver's estimator
 * fed (a receiver's REMB follows the video it receives). What is left after the lowest
 * layers goes to the first sender in that order, which may climb from its lowest layer with it.
 *
 * <p>So on a link too weak for every picture the voices stay whole and the biggest picture stays;
 * the smaller tiles show their names until the link carries more.
 */
final class ReceiverBudget {
    /**
     * What one sender's audio takes of a receiver's link: Opus at 32 kbit/s with 50 packets a second
     * of RTP, SRTP, UDP and IP headers, and its RTCP.
     */
    static final long AUDIO_BPS = 64_000;
    /** {@link #of}'s answer when the sender's lowest layer does not fit: pause it for that receiver. */
    static final long PAUSE = -2;

    /** How long a worked-out budget is used before it is worked out again (unless the estimate changed). */
    static final long REFRESH_MILLIS = 100;

    private ReceiverBudget() {
    }

    /**
     * One sender's budget for one receiver, worked out again only when the estimate changed or
     * every {@value #REFRESH_MILLIS} ms: {@link #of} walks every endpoint, too much for every packet.
     * Used on the sender's worker only.
     */
    static final class Memo {
        private long at = Long.MIN_VALUE;
        private long estimate = -1;
        private long value;

        long of(RouterEndpoint sender, RouterEndpoint receiver, long estimate, long nowMillis) {
            if (estimate != this.estimate || nowMillis - at >= REFRESH_MILLIS || nowMillis < at) {
                value = ReceiverBudget.of(sender, receiver, estimate, nowMillis);
                this.estimate = estimate;
                at = nowMillis;
            }
            return value;
        }
    }

    /**
     * What {@code sender}'s video may take of what {@code receiver} can receive ({@code estimate}, bit/s),
     * never below 0, or {@link #PAUSE}.
     */
    static long of(RouterEndpoint sender, RouterEndpoint receiver, long estimate, long nowMillis) {
        List<RouterEndpoint> video = new ArrayList<>();
        long left = estimate;
        for (RouterEndpoint e : sender.router().endpoints()) {
            if (e == receiver) {
                continue;
            }
            if (e.sources().sendsAudio()) {
                left -= AUDIO_BPS;
            }
            if (e.sources().sendsVideo() && e != sender) {
                video.add(e);
            }
        }
        video.add(sender);
        video.sort(Comparator.comparingInt((RouterEndpoint e) -> -shownHeight(receiver, e)).thenComparing(RouterEndpoint::id));
        long lowest = 0;
        for (RouterEndpoint e : video) {
            lowest += e.simulcast().lowestBitrate(nowMillis);
            if (lowest > left && e != video.get(0)) {
                return PAUSE;
            }
            if (e == sender) {
                long own = e.simulcast().lowestBitrate(nowMillis);
                return e == video.get(0) ? Math.max(0, own + rest(video, left, nowMillis)) : own;
            }
        }
        return PAUSE;
    }

    /** What is left of {@code left} once every sender in {@code video} that fits has its lowest layer. */
    private static long rest(List<RouterEndpoint> video, long left, long nowMillis) {
        long lowest = 0;
        for (RouterEndpoint e : video) {
            long low = e.simulcast().lowestBitrate(nowMillis);
            if (lowest + low > left) {
                break;
            }
            lowest += low;
        }
        return left - lowest;
    }

    /** How tall the receiver shows {@code e}: a sender it says nothing of comes first. */
    private static int shownHeight(RouterEndpoint receiver, RouterEndpoint e) {
        int h = receiver.wishHeight(e.id());
        return h == LayerSelection.NO_WISH ? Integer.MAX_VALUE : h;
    }
}
