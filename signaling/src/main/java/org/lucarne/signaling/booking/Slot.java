package org.lucarne.signaling.booking;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/** A span of time {@code [start, end)}: a visit's slot, a free slot, or a tablet's use. */
public record Slot(Instant start, Instant end) implements Comparable<Slot> {

    public Slot {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        if (!start.isBefore(end)) {
            throw new IllegalArgumentException("a slot ends after it starts: " + start + " to " + end);
        }
    }

    public static Slot of(Instant start, Duration length) {
        return new Slot(start, start.plus(length));
    }

    public Duration length() {
        return Duration.between(start, end);
    }

    /** Whether this slot comes within {@code margin} of {@code other} (overlapping, or less than margin apart). */
    public boolean within(Slot other, Duration margin) {
        return other.start.minus(margin).isBefore(end) && start.isBefore(other.end.plus(margin));
    }

    @Override
    public int compareTo(Slot o) {
        int c = start.compareTo(o.start);
        return c != 0 ? c : end.compareTo(o.end);
    }
}
