package org.lucarne.signaling.report;

import java.time.Instant;
import java.util.Arrays;
import java.util.OptionalLong;

/** Counts visits as a report reads them, and keeps the call lengths of the completed ones for their median. */
final class Tally {
    private int scheduled;
    private int ready;
    private int completed;
    private int cancelled;
    private int noShow;
    /** Call lengths in milliseconds, {@code lengthCount} of them. */
    private long[] lengths = new long[16];
    private int lengthCount;

    void add(ReportVisit v, Instant now) {
        switch (v.status(now)) {
            case SCHEDULED -> scheduled++;
            case READY, IN_CALL -> ready++;
            case COMPLETED -> {
                completed++;
                v.callLength().ifPresent(d -> addLength(d.toMillis()));
            }
            case CANCELLED -> cancelled++;
            case NO_SHOW -> noShow++;
        }
    }

    void addAll(Tally other) {
        scheduled += other.scheduled;
        ready += other.ready;
        completed += other.completed;
        cancelled += other.cancelled;
        noShow += other.noShow;
        for (int i = 0; i < other.lengthCount; i++) {
            addLength(other.lengths[i]);
        }
    }

    private void addLength(long millis) {
        if (lengthCount == lengths.length) {
            lengths = Arrays.copyOf(lengths, lengths.length * 2);
        }
        lengths[lengthCount++] = millis;
    }

    Figures figures() {
        int booked = scheduled + ready + completed + cancelled + noShow;
        if (lengthCount == 0) {
            return new Figures(booked, scheduled, ready, completed, cancelled, noShow, 0, OptionalLong.empty(),
                    OptionalLong.empty());
        }
        long[] sorted = Arrays.copyOf(lengths, lengthCount);
        Arrays.sort(sorted);
        long sum = 0;
        for (long l : sorted) {
            sum += l;
        }
        int mid = lengthCount / 2;
        double median = lengthCount % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2.0;
        return new Figures(booked, scheduled, ready, completed, cancelled, noShow, lengthCount,
                OptionalLong.of(Math.round(sum / 1000.0 / lengthCount)), OptionalLong.of(Math.round(median / 1000.0)));
    }
}
