package org.lucarne.signaling.notify;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * When a visit's reminders fall due. A reminder of whole days goes at the
 * same wall-clock time that many days before, in the ward's time zone: "24 h before" a 15:00 visit is
 * 15:00 the day before, also across a change of summer time (when the day before has 23 or 25 hours).
 * A reminder of any other length goes exactly that long before the start.
 */
final class Reminders {
    private Reminders() {
    }

    /** When the reminder {@code before} a visit starting at {@code start} falls due. */
    static Instant dueAt(Instant start, ZoneId zone, Duration before) {
        if (!before.isZero() && before.toSeconds() % Duration.ofDays(1).toSeconds() == 0) {
            return start.atZone(zone).minusDays(before.toDays()).toInstant();
        }
        return start.minus(before);
    }

    /** The reminders of a visit starting at {@code start} that are still to come at {@code now}, earliest first. */
    static List<Instant> upcoming(Instant start, ZoneId zone, List<Duration> reminders, Instant now) {
        List<Instant> out = new ArrayList<>();
        for (Duration d : reminders) {
            Instant due = dueAt(start, zone, d);
            if (due.isAfter(now) && due.isBefore(start)) {
                out.add(due);
            }
        }
        out.sort(null);
        return out;
    }
}
