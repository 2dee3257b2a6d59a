package org.lucarne.signaling.enrol;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Clock;
import java.util.Objects;

/**
 * At most {@code perMinute} events a minute for each key (an address, a staff session), in windows of one
 * minute read from the injected clock. At most {@value #MAX_KEYS} keys are kept, the least recently used going
 * first. In memory: each signaling node keeps its own counts.
 */
final class MinuteLimit {
    static final long MAX_KEYS = 10_000;
    private static final long MINUTE = 60_000;

    private record Window(long start, int count) {
    }

    private final Clock clock;
    private final int perMinute;
    private final Cache<String, Window> windows = Caffeine.newBuilder().maximumSize(MAX_KEYS).build();

    MinuteLimit(Clock clock, int perMinute) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.perMinute = perMinute;
    }

    /** Counts one event of {@code key}: whether it is within the limit. */
    boolean tryAcquire(String key) {
        long now = clock.millis();
        Window w = windows.asMap().compute(key, (k, old) -> old == null || now - old.start() >= MINUTE
                ? new Window(now, 1) : new Window(old.start(), old.count() + 1));
        return w.count() <= perMinute;
    }

    /** Whether {@code key} has used up this minute's events (without counting one). */
    boolean exhausted(String key) {
        Window w = windows.getIfPresent(key);
        return w != null && clock.millis() - w.start() < MINUTE && w.count() >= perMinute;
    }
}
