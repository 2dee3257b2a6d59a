package org.lucarne.bridge.forward;

/**
 * Bytes sent over the last second, as a bitrate: ten buckets of 100 ms on the injected clock.
 * Every sender's worker adds to it at once: synchronised; allocates nothing.
 */
final class RateMeter {
    private static final int BUCKETS = 10;
    private static final long BUCKET_MILLIS = 100;

    private final long[] bytes = new long[BUCKETS];
    private final long[] bucketStart = new long[BUCKETS];

    RateMeter() {
        java.util.Arrays.fill(bucketStart, Long.MIN_VALUE);
    }

    synchronized void add(int length, long nowMillis) {
        long start = Math.floorDiv(nowMillis, BUCKET_MILLIS);
        int i = (int) Math.floorMod(start, (long) BUCKETS);
        if (bucketStart[i] != start) {
            bucketStart[i] = start;
            bytes[i] = 0;
        }
        bytes[i] += length;
    }

    /** Bit/s over the last second, the current bucket included. */
    synchronized long bitrate(long nowMillis) {
        long now = Math.floorDiv(nowMillis, BUCKET_MILLIS);
        long sum = 0;
        for (int i = 0; i < BUCKETS; i++) {
            if (bucketStart[i] != Long.MIN_VALUE && now - bucketStart[i] < BUCKETS) {
                sum += bytes[i];
            }
        }
        return sum * 8 * 1000 / (BUCKETS * BUCKET_MILLIS);
    }
}
