package org.lucarne.bridge.forward;

import java.util.Map;

/**
 * Bridge-wide packet counters for {@code /colibri/stats}.
 *
 * <p>SCAFFOLD: signatures agreed between the conference and packet-path work; the bodies are
 * being written.
 */
public final class ForwardingStats {

    /** Counters at one instant. {@code dropped} is keyed by a stable lower-case reason name. */
    public record Snapshot(long packetsIn, long bytesIn, long packetsOut, long bytesOut, Map<String, Long> dropped) {
    }

    public Snapshot snapshot() {
        throw new UnsupportedOperationException("scaffold");
    }
}
