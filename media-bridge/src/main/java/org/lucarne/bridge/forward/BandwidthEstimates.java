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
 */
final class BandwidthEstimates {
    /** How long a receiver that signalled congestion keeps its REMB as a ceiling. */
    static final long CONGESTION_HOLD_MILLIS = 10_000;
    /** Far above any real link; keeps the arithmetic from overflowing on a forged value. */
    private static final long MAX_BITRATE = 1L << 40;

    private static final class Receiver {
        long latest = -1;
        long congestedUntil = Long.MIN_VALUE;
    }

    private final Map<String, Receiver> receivers = new HashMap<>();

    /**
     * The latest REMB of {@code receiverId} in bit/s, whether or not it is a ceiling; -1 when it
     * has sent none. What a layer selection reads to choose what that receiver gets.
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
            r.congestedUntil = nowMillis + CONGESTION_HOLD_MILLIS;
        }
        r.latest = b;
    }

    /** The REMB of {@code receiverId} when it is a ceiling now (congestion), else -1. */
    synchronized long ceiling(String receiverId, long nowMillis) {
        Receiver r = receivers.get(receiverId);
        return r != null && nowMillis < r.congestedUntil ? r.latest : -1;
    }

    synchronized void remove(String receiverId) {
        receivers.remove(receiverId);
    }
}
