package org.lucarne.bridge.forward;

/**
 * When one sender hears the ceiling its receivers set, as a REMB from the bridge: at most every
 * {@value #MIN_INTERVAL_MILLIS} ms, but at once when it falls by more than 10 % since the last one
 * sent. With no receiver congested the REMB says {@link #NO_CEILING}: Chromium's congestion
 * controller takes a REMB as an upper limit on its own estimate (GoogCC's receiver limit), so that
 * lifts an earlier ceiling and leaves the ramp-up to the sender's transport-cc estimate. Receivers'
 * workers call it concurrently: every method is synchronised.
 */
final class SenderRemb {
    static final long MIN_INTERVAL_MILLIS = 500;
    /** A REMB that limits nothing: 2^30 bit/s (about 1 Gbit/s, exact in REMB's mantissa and exponent), far above a camera. */
    static final long NO_CEILING = 1L << 30;

    private long lastSentBitrate = -1;
    private long lastSentMillis;

    /**
     * @param ceiling the lowest ceiling over the sender's receivers, or -1 for none
     * @return the bitrate to send the sender now, or -1 when nothing is due
     */
    synchronized long due(long ceiling, long nowMillis) {
        long value = ceiling < 0 ? NO_CEILING : Math.min(ceiling, NO_CEILING);
        boolean first = lastSentBitrate < 0;
        boolean intervalPassed = nowMillis - lastSentMillis >= MIN_INTERVAL_MILLIS;
        boolean sharpDrop = !first && value * 10 < lastSentBitrate * 9;
        if (first || intervalPassed || sharpDrop) {
            lastSentBitrate = value;
            lastSentMillis = nowMillis;
            return value;
        }
        return -1;
    }
}
