package org.lucarne.bridge.forward;

import java.util.HashMap;
import java.util.Map;

/**
 * What each receiver of a conference says it can take: its latest REMB
 * (draft-alvestrand-rmcat-remb-03 §2.2), and whether that REMB is a ceiling for the senders it
 * receives. Receivers' workers update it concurrently: every method is synchronised.
 *
 * <p>A receiver's estimator (Chromium's AIMD rate control, fed by abs-send-time) raises its
 * estimate slowly (about 8 % a second, and at most to 1.5 × what it receives) and lowers it only
 * when it sees the queue grow: then to about 0.85 × what it receives. So a REMB that is merely
 * behind a sender ramping up says nothing about the link, and holding the sender to it would undo
 * the ramp-up transport-cc gives. A REMB that fell since that receiver's previous one, to below
 * what the bridge is sending it, is congestion: from then on, for {@value #CONGESTION_HOLD_MILLIS}
 * ms after the last such fall, that receiver's REMB is a ceiling ({@link #ceiling}).
 *
 * <p>A receiver's link may show congestion in two more ways that its REMB can miss: loss in its
 * reports ({@link #loss}) and a growing round trip ({@link #queueing}). Any of the three gives that
 * receiver a limit for the rest of the call ({@link #limit}), which simulcast layers are chosen
 * within.
 */
final class BandwidthEstimates {
    /** How long a receiver that signalled congestion keeps its REMB as a ceiling. */
    static final long CONGESTION_HOLD_MILLIS = 10_000;
    static final long LOSS_WINDOW_MILLIS = 1000;
    /** Each block covers about a second of one stream (Chromium reports about once a second). */
    static final int LOSS_MIN_BLOCKS = 2;
    /** Queueing beyond this, on top of the least round trip seen, is congestion. */
    static final long QUEUE_CONGESTED_MILLIS = 100;
    /** 10 %, in RFC 3550's 1/256. */
    static final int LOSS_CONGESTED = 26;
    /** Far above any real link; keeps the arithmetic from overflowing on a forged value. */
    private static final long MAX_BITRATE = 1L << 40;

    private static final class Receiver {
        long latest = -1;
        /** Until when its REMB is a ceiling: 10 s after its last fall. */
        long rembFallUntil = Long.MIN_VALUE;
        /** Until when it counts as congested: 10 s after its last sign of any kind. */
        long congestedUntil = Long.MIN_VALUE;
        long limit = -1;
        long lossWindowStart;
        int lossSum;
        int lossCount;
    }

    private final Map<String, Receiver> receivers = new HashMap<>();

    /**
     * The latest REMB of {@code receiverId} in bit/s, whether or not it is a ceiling; -1 when it
     * has sent none.
     */
    synchronized long latest(String receiverId) {
        Receiver r = receivers.get(receiverId);
        return r == null ? -1 : r.latest;
    }

    /**
     * Records a REMB of {@code receiverId}.
     *
     * @param receivingBitrate what the bridge sent that receiver over the last second, bit/s
     */
    synchronized void remb(String receiverId, long bitrate, long receivingBitrate, long nowMillis) {
        long b = Math.min(Math.max(bitrate, 0), MAX_BITRATE);
        Receiver r = receivers.computeIfAbsent(receiverId, id -> new Receiver());
        if (r.latest >= 0 && b < r.latest && b < receivingBitrate) {
            r.rembFallUntil = nowMillis + CONGESTION_HOLD_MILLIS;
            r.congestedUntil = r.rembFallUntil;
            r.limit = b;
        } else if (r.limit >= 0) {
            r.limit = Math.max(r.limit, b);
        }
        r.latest = b;
    }

    /**
     * Records one report block of {@code receiverId} about a stream the bridge sends it (RFC 3550
     * §6.4.1, loss fraction in 1/256). Over each {@value #LOSS_WINDOW_MILLIS} ms, when at least
     * {@value #LOSS_MIN_BLOCKS} blocks averaged more than {@value #LOSS_CONGESTED}/256 lost, its link
     * is congested: a full queue drops what its estimator may not have signalled (a receiver's REMB
     * can sit below what it is sent and so never fall). Its limit becomes 85 % of what it was sent,
     * as Chromium's estimator does on overuse. The average over many blocks keeps a link's ordinary
     * random loss of a few percent from counting.
     *
     * @param sentBitrate what the bridge sent that receiver over the last second, bit/s
     */
    synchronized void loss(String receiverId, int fractionLost, long sentBitrate, long nowMillis) {
        Receiver r = receivers.computeIfAbsent(receiverId, id -> new Receiver());
        if (r.lossCount == 0) {
            r.lossWindowStart = nowMillis;
        } else if (nowMillis - r.lossWindowStart >= LOSS_WINDOW_MILLIS) {
            if (r.lossCount >= LOSS_MIN_BLOCKS && r.lossSum > LOSS_CONGESTED * r.lossCount) {
                congestion(r, sentBitrate, nowMillis);
            }
            r.lossWindowStart = nowMillis;
            r.lossSum = 0;
            r.lossCount = 0;
        }
        r.lossSum += fractionLost & 0xFF;
        r.lossCount++;
    }

    /**
     * Records how long {@code receiverId}'s packets now wait in a queue on the way, from its round
     * trip ({@link RoundTrips}). Over {@value #QUEUE_CONGESTED_MILLIS} ms is congestion: the link is
     * sent more than it carries and its queue grows, whatever its REMB says, and well before a
     * large queue drops anything. Its limit becomes 85 % of what it was sent.
     */
    synchronized void queueing(String receiverId, long queueingMillis, long sentBitrate, long nowMillis) {
        if (queueingMillis > QUEUE_CONGESTED_MILLIS) {
            congestion(receivers.computeIfAbsent(receiverId, id -> new Receiver()), sentBitrate, nowMillis);
        }
    }

    private static void congestion(Receiver r, long sentBitrate, long nowMillis) {
        long bound = Math.min(Math.max(sentBitrate, 0), MAX_BITRATE) * 85 / 100;
        r.limit = r.limit < 0 ? bound : Math.min(r.limit, bound);
        r.congestedUntil = nowMillis + CONGESTION_HOLD_MILLIS;
    }

    /**
     * Whether {@code receiverId}'s link signalled congestion (a fall of its REMB, loss, a queue) in the
     * last {@value #CONGESTION_HOLD_MILLIS} ms.
     */
    synchronized boolean congested(String receiverId, long nowMillis) {
        Receiver r = receivers.get(receiverId);
        return r != null && nowMillis < r.congestedUntil;
    }

    /**
     * The REMB of {@code receiverId} while it is a ceiling for one-layer senders (it fell within the
     * last {@value #CONGESTION_HOLD_MILLIS} ms), else -1. Loss and a queue do not make it one: they
     * set the limit simulcast layers are chosen within, which a one-layer sender has no use for.
     */
    synchronized long ceiling(String receiverId, long nowMillis) {
        Receiver r = receivers.get(receiverId);
        return r != null && nowMillis < r.rembFallUntil ? r.latest : -1;
    }

    /**
     * What {@code receiverId} may be sent, bit/s, once it has signalled congestion at least once; -1
     * before. A link that showed its limit keeps one: without it, each time the hold ran out the
     * bridge would send the receiver everything again and overfill its link until the next fall.
     * It is set to the REMB at each congestion, and rises with the REMB and with what a probe showed
     * the link to carry ({@link #carried}): the REMB alone climbs about 8 % a second, too slow to
     * ever let a receiver back up to a higher layer.
     */
    synchronized long limit(String receiverId) {
        Receiver r = receivers.get(receiverId);
        return r == null ? -1 : r.limit;
    }

    /** A probe showed that {@code receiverId}'s link carried {@code bitrate} without congestion. */
    synchronized void carried(String receiverId, long bitrate) {
        Receiver r = receivers.get(receiverId);
        if (r != null && r.limit >= 0) {
            r.limit = Math.max(r.limit, Math.min(bitrate, MAX_BITRATE));
        }
    }

    synchronized void remove(String receiverId) {
        receivers.remove(receiverId);
    }
}
