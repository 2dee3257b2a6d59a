package org.lucarne.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A {@link Clock} that stands still until a test moves it: {@link #set} and {@link #advance}.
 * Thread-safe: the code under test may read it from any thread while the test moves it.
 * {@link #withZone} gives a view in another zone that reads the same instant, so a component that
 * converts to the hospital's time zone still follows the test's hand.
 *
 * <p>To run what is scheduled on timers as the time passes, move it through a
 * {@link ManualScheduler} instead.
 */
public final class ManualClock extends Clock {
    private final AtomicReference<Instant> now;
    private final ZoneId zone;

    public ManualClock(Instant start) {
        this(new AtomicReference<>(Objects.requireNonNull(start, "start")), ZoneOffset.UTC);
    }

    private ManualClock(AtomicReference<Instant> now, ZoneId zone) {
        this.now = now;
        this.zone = zone;
    }

    /** A clock standing at the real current instant, for tests whose other parts check real time (TLS certificates). */
    public static ManualClock startingNow() {
        return new ManualClock(Instant.now());
    }

    /** Puts the clock at {@code instant}, forward or back. */
    public void set(Instant instant) {
        now.set(Objects.requireNonNull(instant, "instant"));
    }

    /** Moves the clock forward by {@code by}, which may not be negative. */
    public void advance(Duration by) {
        Objects.requireNonNull(by, "by");
        if (by.isNegative()) {
            throw new IllegalArgumentException("a clock advances by zero or more, not " + by + "; use set() to go back");
        }
        now.updateAndGet(i -> i.plus(by));
    }

    public void advanceMillis(long millis) {
        advance(Duration.ofMillis(millis));
    }

    @Override
    public Instant instant() {
        return now.get();
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    /** The same hand in another zone: moving either moves both. */
    @Override
    public ManualClock withZone(ZoneId zone) {
        return new ManualClock(now, Objects.requireNonNull(zone, "zone"));
    }

    @Override
    public String toString() {
        return "ManualClock[" + now.get() + ", " + zone + "]";
    }
}
