package org.lucarne.bridge.forward;

/**
 * What one receiver's REMBs (draft-alvestrand-rmcat-remb-03) say about its link, against what the
 * bridge sent it meanwhile. Chromium's estimate follows what it receives, up to 1.5 times it, and
 * falls to about 0.85 times it when it sees its queue grow; so a REMB well below what was sent
 * means congestion, and a REMB that falls means the link is full. Updated on the receiver's worker,
 * read on the senders': synchronised.
 */
final class ReceiverEstimate {
    /** Below this share of what was sent, in percent, the receiver is congested. */
    static final int CONGESTED_PERCENT = 90;
    /** REMBs closer together than this keep the sent rate measured before. */
    private static final long MIN_SPAN_MILLIS = 200;
    /** Far above any link; keeps the arithmetic downstream from overflowing on a forged value. */
    private static final long MAX_BITRATE = 1L << 40;

    private long estimate = -1;
    private long sentRate = -1;
    private long lastBytes;
    private long lastMillis = -1;
    private long lastFallMillis = Long.MIN_VALUE / 2;

    /** A REMB of {@code bitrate} now, when the bridge had sent {@code bytesSent} media bytes in all. */
    synchronized void remb(long bitrate, long bytesSent, long nowMillis) {
        long value = Math.min(Math.max(bitrate, 0), MAX_BITRATE);
        if (lastMillis < 0) {
            lastMillis = nowMillis;
            lastBytes = bytesSent;
        } else if (nowMillis - lastMillis >= MIN_SPAN_MILLIS) {
            sentRate = (bytesSent - lastBytes) * 8_000 / (nowMillis - lastMillis);
            lastMillis = nowMillis;
            lastBytes = bytesSent;
        }
        if (estimate >= 0 && value * 100 < estimate * CONGESTED_PERCENT) {
            lastFallMillis = nowMillis;
        }
        estimate = value;
    }

    /** The latest REMB in bit/s, or -1 before the first. */
    synchronized long bitrate() {
        return estimate;
    }

    /** The latest REMB is well below what the bridge sent: the link does not carry it. */
    synchronized boolean congested() {
        return estimate >= 0 && sentRate > 0 && estimate * 100 < sentRate * CONGESTED_PERCENT;
    }

    /** When a REMB last fell by more than 10 % from the one before. */
    synchronized long lastFallMillis() {
        return lastFallMillis;
    }
}
