package org.lucarne.bridge.bench;

import java.util.Arrays;

/** Exact nearest-rank percentiles of a set of samples. */
final class Percentiles {
    private final long[] sorted;

    private Percentiles(long[] sorted) {
        this.sorted = sorted;
    }

    static Percentiles of(long[] samples) {
        long[] copy = samples.clone();
        Arrays.sort(copy);
        return new Percentiles(copy);
    }

    int count() {
        return sorted.length;
    }

    /** The smallest sample with at least {@code p} % of the samples at or below it; {@code 0 < p <= 100}. */
    long at(double p) {
        if (!(p > 0 && p <= 100)) {
            throw new IllegalArgumentException("percentile must be in (0, 100], not " + p);
        }
        if (sorted.length == 0) {
            throw new IllegalStateException("no samples");
        }
        // The epsilon keeps binary fractions from rounding a whole rank up: 99.9 % of 1000 is rank 999.
        int rank = (int) Math.ceil(p / 100.0 * sorted.length - 1e-9);
        return sorted[Math.max(rank, 1) - 1];
    }
}
