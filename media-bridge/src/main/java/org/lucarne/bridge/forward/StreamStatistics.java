package org.lucarne.bridge.forward;

import org.lucarne.bridge.rtp.ReportBlock;

/**
 * What the bridge has received on one SSRC, for the reception report block it sends back
 * (RFC 3550 §6.4.1): extended highest sequence number and loss (Appendix A.1, A.3), interarrival
 * jitter (§6.4.1, A.8), and the last SR (LSR, DLSR). Used by the owning endpoint's worker only.
 */
final class StreamStatistics {
    /** RFC 3550 A.1: a jump this far ahead is a restart, not loss. */
    private static final int MAX_DROPOUT = 3000;
    private static final int MAX_MISORDER = 100;
    private static final int SEQ_MOD = 1 << 16;

    private final long ssrc;
    private boolean started;
    private int maxSeq;
    private long cycles;
    private long baseSeq;
    private int badSeq = -1;
    private long received;
    private long expectedPrior;
    private long receivedPrior;

    private long firstArrivalNanos;
    private long lastTransit;
    private double jitter;

    private long lastSr;
    private long lastSrAtMillis;

    StreamStatistics(long ssrc) {
        this.ssrc = ssrc;
    }

    /** One RTP packet; {@code clockRate} turns its arrival time into timestamp units. */
    void packet(int seq, long rtpTimestamp, long arrivalNanos, long clockRate) {
        if (!started) {
            restart(seq);
            firstArrivalNanos = arrivalNanos;
            started = true;
        } else {
            int delta = (seq - maxSeq) & 0xFFFF;
            if (delta != 0 && delta < MAX_DROPOUT) {
                if (seq < maxSeq) {
                    cycles += SEQ_MOD;
                }
                maxSeq = seq;
            } else if (delta >= MAX_DROPOUT && delta <= SEQ_MOD - MAX_MISORDER) {
                // A.1: a big jump counts only when the next packet confirms it.
                if (seq != badSeq) {
                    badSeq = (seq + 1) & 0xFFFF;
                    return;
                }
                restart(seq);
            }
        }
        received++;
        updateJitter(rtpTimestamp, arrivalNanos, clockRate);
    }

    /** A sender report on this SSRC arrived: its NTP time is echoed as LSR (RFC 3550 §6.4.1). */
    void senderReport(long ntpTimestamp, long nowMillis) {
        lastSr = (ntpTimestamp >>> 16) & 0xFFFF_FFFFL;
        lastSrAtMillis = nowMillis;
    }

    boolean hasPackets() {
        return started;
    }

    long ssrc() {
        return ssrc;
    }

    /** The block for this SSRC; the loss fraction covers the time since the previous block. */
    ReportBlock reportBlock(long nowMillis) {
        long extendedMax = cycles + maxSeq;
        long expected = extendedMax - baseSeq + 1;
        long lost = Math.max(-0x800000, Math.min(0x7FFFFF, expected - received));
        long expectedInterval = expected - expectedPrior;
        long lostInterval = expectedInterval - (received - receivedPrior);
        expectedPrior = expected;
        receivedPrior = received;
        int fraction = expectedInterval == 0 || lostInterval <= 0
                ? 0 : (int) Math.min(255, (lostInterval << 8) / expectedInterval);
        long dlsr = lastSrAtMillis == 0 && lastSr == 0 ? 0 : (nowMillis - lastSrAtMillis) * 65536 / 1000;
        return new ReportBlock(ssrc, fraction, (int) lost, extendedMax & 0xFFFF_FFFFL,
                (long) jitter & 0xFFFF_FFFFL, lastSr, lastSr == 0 ? 0 : dlsr & 0xFFFF_FFFFL);
    }

    private void restart(int seq) {
        maxSeq = seq;
        baseSeq = seq;
        cycles = 0;
        badSeq = -1;
        received = 0;
        expectedPrior = 0;
        receivedPrior = 0;
    }

    /** RFC 3550 A.8: J += (|D| − J) / 16 with D the change in transit time. */
    private void updateJitter(long rtpTimestamp, long arrivalNanos, long clockRate) {
        long arrival = (arrivalNanos - firstArrivalNanos) / 1000 * clockRate / 1_000_000;
        long transit = arrival - rtpTimestamp;
        if (received > 1) {
            int d = Math.abs((int) (transit - lastTransit));
            jitter += (d - jitter) / 16.0;
        }
        lastTransit = transit;
    }
}
