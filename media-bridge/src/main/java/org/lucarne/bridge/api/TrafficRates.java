package org.lucarne.bridge.api;

import java.time.Clock;
import org.lucarne.bridge.forward.ForwardingStats;

/**
 * Bit and packet rates, from the deltas of the bridge's byte and packet counters between two
 * samples (taken once a second by the bridge). Thread-safe.
 */
public final class TrafficRates {
    /** Rates per second, in and out. */
    public record Rates(long bitsInPerSecond, long bitsOutPerSecond, long packetsInPerSecond,
                        long packetsOutPerSecond) {
        static final Rates NONE = new Rates(0, 0, 0, 0);
    }

    private final ForwardingStats stats;
    private final Clock clock;
    private ForwardingStats.Snapshot last;
    private long lastMillis;
    private volatile Rates rates = Rates.NONE;

    public TrafficRates(ForwardingStats stats, Clock clock) {
        this.stats = stats;
        this.clock = clock;
    }

    /** Takes a sample; the rates become those since the previous sample. */
    public synchronized void sample() {
        ForwardingStats.Snapshot now = stats.snapshot();
        long millis = clock.millis();
        if (last != null && millis > lastMillis) {
            long elapsed = millis - lastMillis;
            rates = new Rates(
                    perSecond((now.bytesIn() - last.bytesIn()) * 8, elapsed),
                    perSecond((now.bytesOut() - last.bytesOut()) * 8, elapsed),
                    perSecond(now.packetsIn() - last.packetsIn(), elapsed),
                    perSecond(now.packetsOut() - last.packetsOut(), elapsed));
        }
        if (last == null || millis > lastMillis) {
            last = now;
            lastMillis = millis;
        }
    }

    private static long perSecond(long delta, long elapsedMillis) {
        return Math.max(0, delta) * 1000 / elapsedMillis;
    }

    public Rates rates() {
        return rates;
    }
}
