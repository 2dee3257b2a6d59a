package org.lucarne.bridge.forward;

import java.util.HashMap;
import java.util.Map;

/**
 * The audio loss that the receivers of one sender report in their receiver reports (fraction lost,
 * RFC 3550 §6.4.1), so that the bridge's own report to that sender carries the worst of it. A
 * browser's Opus turns on its in-band FEC from the loss its reports show, and the bridge's own
 * reception of the sender's leg is usually lossless: without this, a receiver behind a lossy link
 * gets no FEC through the bridge, though it would in a direct call. Receivers' workers write it,
 * the sender's worker reads it: every method is synchronised. Bounded: {@value #MAX_SSRCS} SSRCs,
 * a report older than {@value #FRESH_MILLIS} ms counts no more.
 */
final class DownstreamLoss {
    static final long FRESH_MILLIS = 5_000;
    private static final int MAX_SSRCS = 64;

    private record Report(int fractionLost, long atMillis) {
    }

    private final Map<Long, Map<String, Report>> bySsrc = new HashMap<>();

    synchronized void report(long ssrc, String receiverId, int fractionLost, long nowMillis) {
        Map<String, Report> receivers = bySsrc.get(ssrc);
        if (receivers == null) {
            if (bySsrc.size() >= MAX_SSRCS) {
                return;
            }
            receivers = new HashMap<>();
            bySsrc.put(ssrc, receivers);
        }
        receivers.put(receiverId, new Report(fractionLost, nowMillis));
    }

    /** The highest fraction lost (0–255) a receiver reported for {@code ssrc} lately; 0 without one. */
    synchronized int worst(long ssrc, long nowMillis) {
        Map<String, Report> receivers = bySsrc.get(ssrc);
        int worst = 0;
        if (receivers != null) {
            for (Report r : receivers.values()) {
                if (nowMillis - r.atMillis() <= FRESH_MILLIS) {
                    worst = Math.max(worst, r.fractionLost());
                }
            }
        }
        return worst;
    }

    synchronized void forget(String receiverId) {
        bySsrc.values().forEach(receivers -> receivers.remove(receiverId));
    }
}
