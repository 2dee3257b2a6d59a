package org.lucarne.signaling.device;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Objects;
import java.util.Optional;

/**
 * When a tablet's "do not disturb" ends (docs/staff-api.md, "Tablets"). Pure but for the clock it is given.
 *
 * <ul>
 *   <li>"Until the next visit" (the patient's button) lasts until the start of the tablet's next booked visit,
 *       if it starts today, else until the end of today (midnight in the hospital's time zone): it never
 *       outlives the day, so a forgotten one does not keep tomorrow quiet.</li>
 *   <li>Whatever its {@code until}, it ends at the start of the first booked visit of the tablet after it was
 *       turned on: a visit booked meanwhile ends it too.</li>
 *   <li>Staff may set an {@code until} after now and at most {@link #LONGEST} ahead.</li>
 * </ul>
 */
public final class DoNotDisturbRule {
    /** The furthest ahead staff may set it. */
    public static final Duration LONGEST = Duration.ofDays(7);

    private final Clock clock;
    private final ZoneId zone;

    public DoNotDisturbRule(Clock clock, ZoneId zone) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.zone = Objects.requireNonNull(zone, "zone");
    }

    public Instant now() {
        return clock.instant();
    }

    /** Until when "until the next visit", turned on now, lasts, given the start of the tablet's next visit. */
    public Instant untilNextVisit(Optional<Instant> nextVisitStart) {
        Instant endOfDay = clock.instant().atZone(zone).toLocalDate().plusDays(1).atStartOfDay(zone).toInstant();
        return nextVisitStart.filter(start -> start.isBefore(endOfDay)).orElse(endOfDay);
    }

    /**
     * When a setting ends: its {@code until}, or the start of the first visit of the tablet booked to start
     * after it was set, whichever comes first.
     */
    public static Instant end(Instant until, Optional<Instant> firstVisitStartAfterSet) {
        return firstVisitStartAfterSet.filter(start -> start.isBefore(until)).orElse(until);
    }

    /** Whether a setting that ends at {@code end} is on now. */
    public boolean on(Instant end) {
        return clock.instant().isBefore(end);
    }

    /** Whether staff may ask for it until {@code until}: after now, and at most {@link #LONGEST} ahead. */
    public boolean acceptable(Instant until) {
        Instant now = clock.instant();
        return until.isAfter(now) && !until.isAfter(now.plus(LONGEST));
    }
}
