package org.lucarne.signaling.ward;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * When to tell a ward's staff of a change: at once when the last push of that ward is at least
 * {@code gap} old, else once, {@code gap} after the last push; a change while a push is already due
 * adds nothing. So a burst of changes gives at most one push per {@code gap}, and the last change is
 * always followed by a push. Pure: the caller gives the instant and runs the pushes. Thread-safe. One
 * entry per ward ever changed: wards are few.
 */
final class PushPacer {
    /** The last push decided for a ward, and whether a later one is already due. */
    private record State(Instant lastPush, boolean due) {
    }

    private final Duration gap;
    private final Map<String, State> wards = new HashMap<>();

    PushPacer(Duration gap) {
        if (gap.isNegative() || gap.isZero()) {
            throw new IllegalArgumentException("the gap between two pushes must be positive, not " + gap);
        }
        this.gap = gap;
    }

    /**
     * A change of {@code ward} at {@code now}.
     *
     * @return the delay after which to push ({@link Duration#ZERO}: now), or empty when a push is
     *         already due and will tell this change too
     */
    synchronized Optional<Duration> changed(String ward, Instant now) {
        Objects.requireNonNull(ward, "ward");
        State s = wards.get(ward);
        if (s != null && s.due()) {
            return Optional.empty();
        }
        Instant earliest = s == null ? now : s.lastPush().plus(gap);
        if (!earliest.isAfter(now)) {
            wards.put(ward, new State(now, false));
            return Optional.of(Duration.ZERO);
        }
        wards.put(ward, new State(earliest, true));
        return Optional.of(Duration.between(now, earliest));
    }

    /** The push that {@link #changed} put off is starting: a change from now on needs another. */
    synchronized void pushing(String ward) {
        wards.computeIfPresent(ward, (k, s) -> new State(s.lastPush(), false));
    }
}
