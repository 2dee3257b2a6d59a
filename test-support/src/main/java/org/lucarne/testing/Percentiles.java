package org.lucarne.testing;

import java.util.Arrays;

/**
 * Exact percentiles of a set of samples (nanoseconds), by the nearest-rank method: the p-th
 * percentile is the smallest sample such that at least p % of the samples are less than or equal
 * to it. A sorted {@code long[]} is enough for a few hundred thousand samples.
 */
public final class Percentiles {
    private final long[] sorted;

    private Percentiles(long[] sorted) {
        this.sorted = sorted;
    }

    /** Copies and sorts {@code samples}. */
    public static Percentiles of(long[] samples) {
        long[] copy = samples.clone();
        Arrays.sort(copy);
        return new Percentiles(copy);
    }

    public int count() {
        return sorted.length;
    }

    /** The nearest-rank percentile, {@code 0 < p <= 100}; fails when there is no sample. */
    public long at(double p) {
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

    public long max() {
        return at(100);
    }
}
