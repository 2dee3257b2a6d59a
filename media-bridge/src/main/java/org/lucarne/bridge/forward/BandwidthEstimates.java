package org.lucarne.bridge.forward;

import java.util.HashMap;
import java.util.Map;

/**
 * What the receivers of one sender can take, from their REMBs (draft-alvestrand-rmcat-remb-03
 * §2.2), and when the sender must hear of it: the minimum over receivers, sent at most every
 * {@value #MIN_INTERVAL_MILLIS} ms, but at once when it falls by more than 10 % since the last
 * one sent. Receivers' workers update it concurrently: every method is synchronised.
 */
final class BandwidthEstimates {
    static final long MIN_INTERVAL_MILLIS = 500;
    /** Far above any real link; keeps the arithmetic below from overflowing on a forged value. */
    private static final long MAX_BITRATE = 1L << 40;

    private final Map<String, Long> byReceiver = new HashMap<>();
    private long lastSentBitrate = -1;
    private long lastSentMillis;

    /**
     * Records {@code receiverId}'s estimate.
     *
     * @return the bitrate to send the sender now, or -1 when nothing is due
     */
    synchronized long update(String receiverId, long bitrate, long nowMillis) {
        byReceiver.put(receiverId, Math.min(Math.max(bitrate, 0), MAX_BITRATE));
        long min = minimum();
        boolean first = lastSentBitrate < 0;
        boolean intervalPassed = nowMillis - lastSentMillis >= MIN_INTERVAL_MILLIS;
        boolean sharpDrop = !first && min * 10 < lastSentBitrate * 9;
        if (first || intervalPassed || sharpDrop) {
            lastSentBitrate = min;
            lastSentMillis = nowMillis;
            return min;
        }
        return -1;
    }

    synchronized void remove(String receiverId) {
        byReceiver.remove(receiverId);
    }

    synchronized long minimum() {
        return byReceiver.values().stream().mapToLong(Long::longValue).min().orElse(-1);
    }
}
