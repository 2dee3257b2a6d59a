package org.lucarne.signaling.ws;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * A token bucket as the generic cell rate algorithm: {@code ratePerSecond} tokens refill
 * continuously, at most {@code burst} are held. Lock-free (one compare-and-set), because every
 * connection of an address shares that address's bucket.
 */
public final class TokenBucket {
    private final long intervalNanos;
    private final long toleranceNanos;
    private final LongSupplier nanoTime;
    /** When the bucket would be full again if nothing more were taken ("theoretical arrival time"). */
    private final AtomicLong fullAt;

    public TokenBucket(double ratePerSecond, int burst, LongSupplier nanoTime) {
        this.intervalNanos = Math.max(1, Math.round(1e9 / ratePerSecond));
        this.toleranceNanos = intervalNanos * (long) burst;
        this.nanoTime = nanoTime;
        this.fullAt = new AtomicLong(nanoTime.getAsLong());
    }

    /** Takes one token if there is one. */
    public boolean tryTake() {
        long now = nanoTime.getAsLong();
        while (true) {
            long current = fullAt.get();
            long next = Math.max(current, now) + intervalNanos;
            if (next - now > toleranceNanos) {
                return false;
            }
            if (fullAt.compareAndSet(current, next)) {
                return true;
            }
        }
    }
}
