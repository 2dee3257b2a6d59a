package org.lucarne.signaling.call.bridge;

/**
 * What the pool reads from a bridge's {@code GET /colibri/stats} (JVB's {@code doc/statistics.md} names).
 *
 * @param conferences  conferences the bridge holds now ({@code conferences})
 * @param participants endpoints in them ({@code participants}), -1 when the bridge does not say
 */
public record BridgeStats(int conferences, int participants) {
    public BridgeStats {
        if (conferences < 0 || participants < -1) {
            throw new IllegalArgumentException("conferences and participants cannot be negative");
        }
    }
}
