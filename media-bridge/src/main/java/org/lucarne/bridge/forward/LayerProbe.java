package org.lucarne.bridge.forward;

/**
 * One receiver's climb back to a higher simulcast layer of one sender, after its bandwidth moved it
 * down. A receiver's REMB (draft-alvestrand-rmcat-remb-03) follows what it receives, up to 1.5 times
 * it, so a receiver held on a low layer could never show that it can take a higher one; and simply
 * moving it up would congest a link that cannot carry it, again and again. So the bridge probes
 * first: after a hold of {@value #HOLD_MILLIS} ms it adds padding for {@value #PROBE_MILLIS} ms, in
 * steps (see {@link #wantUp}) up to what the higher layer needs beyond the current one (at most
 * {@value #MAX_PADDING_BPS} bit/s).
 * If the receiver does not become congested meanwhile (its REMB falling below what it is sent, or
 * its reports showing loss: {@link BandwidthEstimates}), the link carries it: the receiver's limit
 * rises to what it was sent, and it moves up once a probe covered the gap; if it becomes
 * congested, the padding stops at once and the next probe waits {@value #FIRST_BACKOFF_MILLIS} ms,
 * twice as long after each failure, up to {@value #MAX_BACKOFF_MILLIS} ms. A move down for the
 * receiver's tile needs no probe to come back. Used on the sender's worker only.
 */
final class LayerProbe {
    static final long PROBE_MILLIS = 2000;
    /** The wait between a probe that went through without covering the gap and the next, bigger one. */
    static final long STEP_MILLIS = 500;
    /** The least padding a probe adds, when the receiver gets little. */
    static final long MIN_STEP_BPS = 30_000;
    static final long FIRST_BACKOFF_MILLIS = 10_000;
    static final long MAX_BACKOFF_MILLIS = 60_000;
    static final long MAX_PADDING_BPS = 1_500_000;
    static final long HOLD_MILLIS = 4000;
    /** The padding of one packet, in bytes (RFC 3550 §5.1: the count is one byte). */
    static final int PADDING_BYTES = 240;
    /** Padding owed is sent in bursts of at most this much time's worth. */
    private static final long BURST_MILLIS = 100;

    private long lastDownMillis = Long.MIN_VALUE / 2;
    private boolean needsProbe;
    private long probeUntil = -1;
    private long nextProbeMillis;
    private long backoff = FIRST_BACKOFF_MILLIS;
    private long paddingBps;
    /** What the receiver was sent when the probe started. */
    private long probeBase;
    /** What the last probe that went through added, while the gap is not covered yet. */
    private long provenBps;
    private long owedBits;
    private long lastPaddingMillis;
    private int probes;

    /** The receiver's bandwidth moved it down a layer now: moving up again needs a probe. */
    void movedDown(long nowMillis) {
        lastDownMillis = nowMillis;
        needsProbe = true;
        stop();
    }

    /** Moving up is allowed: no probe is owed and the last move down is {@value #HOLD_MILLIS} ms old. */
    boolean mayMoveUp(long nowMillis) {
        return !needsProbe && nowMillis - lastDownMillis >= HOLD_MILLIS;
    }

    /** A move up waits for a probe that succeeds. */
    boolean needsProbe() {
        return needsProbe;
    }

    /**
     * The receiver wants the next layer up, which needs {@code gapBps} more than the
     * {@code sendingBps} it is sent now: starts a probe when none runs, the receiver is not
     * {@code congested} and the hold and the last failure's wait are over. A running one fails when
     * the receiver becomes congested (its REMB fell below what it is sent): its estimator saw the
     * queue grow. One that lasts its {@value #PROBE_MILLIS} ms without that went through: the link
     * carried what the receiver was sent with the padding, which is returned (else -1). The REMB
     * itself is not waited for: it climbs about 8 % a second, far slower than a probe.
     *
     * <p>A probe adds at most half of what the receiver gets, or half again what the last probe
     * that went through added: a link that cannot carry the higher layer is overfilled a little
     * and briefly, never by the whole layer. A probe that went through without covering the gap
     * is followed by a bigger one after {@value #STEP_MILLIS} ms; the one that covers it lets the
     * receiver move up.
     */
    long wantUp(long nowMillis, long gapBps, long sendingBps, boolean congested) {
        if (probeUntil >= 0) {
            if (congested) {
                failed(nowMillis);
            } else if (nowMillis >= probeUntil) {
                long carried = probeBase + paddingBps;
                backoff = FIRST_BACKOFF_MILLIS;
                if (paddingBps >= gapBps) {
                    needsProbe = false; // the link carried the higher rate for the whole probe
                    provenBps = 0;
                } else {
                    provenBps = paddingBps;
                    nextProbeMillis = nowMillis + STEP_MILLIS;
                }
                stop();
                return carried;
            }
            return -1;
        }
        if (congested || nowMillis < nextProbeMillis || nowMillis - lastDownMillis < HOLD_MILLIS) {
            return -1;
        }
        long step = Math.max(Math.max(sendingBps / 2, provenBps * 3 / 2), MIN_STEP_BPS);
        probeUntil = nowMillis + PROBE_MILLIS;
        probeBase = sendingBps;
        paddingBps = Math.min(Math.min(gapBps, step), MAX_PADDING_BPS);
        owedBits = 0;
        lastPaddingMillis = nowMillis;
        probes++;
        return -1;
    }

    /** No probe now: the receiver no longer wants more, or its link is congested. */
    void stop() {
        probeUntil = -1;
        paddingBps = 0;
    }

    boolean probing(long nowMillis) {
        return probeUntil >= 0 && nowMillis < probeUntil;
    }

    /** How many probes started so far. */
    int probes() {
        return probes;
    }

    /** How many padding packets of {@value #PADDING_BYTES} bytes are due now. */
    int paddingPacketsDue(long nowMillis) {
        if (!probing(nowMillis)) {
            return 0;
        }
        long elapsed = Math.min(nowMillis - lastPaddingMillis, BURST_MILLIS);
        lastPaddingMillis = nowMillis;
        owedBits += paddingBps * elapsed / 1000;
        int packets = (int) (owedBits / (PADDING_BYTES * 8L));
        owedBits -= packets * PADDING_BYTES * 8L;
        return packets;
    }

    private void failed(long nowMillis) {
        stop();
        provenBps = 0;
        nextProbeMillis = nowMillis + backoff;
        backoff = Math.min(backoff * 2, MAX_BACKOFF_MILLIS);
    }
}
