package org.lucarne.bridge.forward;

/**
 * The round trip between the bridge and one receiver, from the sender reports the bridge forwards
 * it and the report blocks it sends back (RFC 3550 §6.4.1: a block's LSR is the middle 32 bits of
 * the NTP time of the last SR it got, DLSR how long it held it): RTT = now − when the bridge
 * forwarded that SR − DLSR. What the RTT gains over the least seen recently is the time packets
 * wait in a queue on the way: the first sign of a link that is sent more than it carries, before
 * it drops anything and whatever the receiver's REMB says. Receivers' and senders' workers reach
 * it: synchronised, bounded ({@value #KEPT} SRs remembered).
 */
final class RoundTrips {
    /** How many forwarded SRs are remembered: a few seconds of every sender's. */
    static final int KEPT = 32;
    /** The least RTT is forgotten after this long, so that a longer path (a new network) is learnt again. */
    static final long BASE_MILLIS = 30_000;

    private final long[] lsr = new long[KEPT];
    private final long[] forwardedAt = new long[KEPT];
    private int next;
    private long base = -1;
    private long baseAt;
    private long latest = -1;

    /** The bridge forwarded this receiver an SR with NTP time {@code ntp} (64-bit, RFC 3550 §4) now. */
    synchronized void forwarded(long ntp, long nowMillis) {
        lsr[next] = (ntp >>> 16) & 0xFFFF_FFFFL;
        forwardedAt[next] = nowMillis;
        next = (next + 1) % KEPT;
    }

    /**
     * One of the receiver's report blocks: {@code lastSr} (LSR) and {@code delaySinceLastSr} (DLSR,
     * 1/65536 s). Returns the RTT it gives in ms, or -1 when the SR is not one the bridge remembers
     * forwarding (LSR 0: none received yet).
     */
    synchronized long report(long lastSr, long delaySinceLastSr, long nowMillis) {
        if (lastSr == 0) {
            return -1;
        }
        for (int i = 0; i < KEPT; i++) {
            if (lsr[i] == lastSr) {
                long rtt = nowMillis - forwardedAt[i] - delaySinceLastSr * 1000 / 65_536;
                if (rtt < 0) {
                    return -1;
                }
                latest = rtt;
                if (base < 0 || rtt <= base || nowMillis - baseAt >= BASE_MILLIS) {
                    base = rtt;
                    baseAt = nowMillis;
                }
                return rtt;
            }
        }
        return -1;
    }

    /** How much the latest RTT exceeds the least seen recently, in ms; -1 before any. */
    synchronized long queueingMillis() {
        return latest < 0 ? -1 : latest - base;
    }
}
