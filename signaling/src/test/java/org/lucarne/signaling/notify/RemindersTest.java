package org.lucarne.signaling.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

class RemindersTest {
    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private static final List<Duration> DEFAULT = List.of(Duration.ofHours(24), Duration.ofMinutes(15));

    private static Instant paris(String local) {
        return LocalDateTime.parse(local).atZone(PARIS).toInstant();
    }

    @Test
    void dayReminderComesAtTheSameWallClockTimeTheDayBeforeAcrossTheSpringChange() {
        // Summer time starts on Sunday 29 March 2026 at 02:00: that Sunday has 23 hours.
        Instant visit = paris("2026-03-29T15:00");
        Instant due = Reminders.dueAt(visit, PARIS, Duration.ofHours(24));
        assertEquals(paris("2026-03-28T15:00"), due);
        assertEquals(Duration.ofHours(23), Duration.between(due, visit));
    }

    @Test
    void dayReminderComesAtTheSameWallClockTimeTheDayBeforeAcrossTheAutumnChange() {
        // Summer time ends on Sunday 25 October 2026 at 03:00: that Sunday has 25 hours.
        Instant visit = paris("2026-10-25T15:00");
        Instant due = Reminders.dueAt(visit, PARIS, Duration.ofHours(24));
        assertEquals(paris("2026-10-24T15:00"), due);
        assertEquals(Duration.ofHours(25), Duration.between(due, visit));
    }

    @Test
    void minuteReminderComesExactlyThatLongBefore() {
        Instant visit = paris("2026-03-29T03:05");
        assertEquals(visit.minus(Duration.ofMinutes(15)), Reminders.dueAt(visit, PARIS, Duration.ofMinutes(15)));
        assertEquals(Instant.parse("2026-03-29T00:50:00Z"), Reminders.dueAt(visit, PARIS, Duration.ofMinutes(15)));
    }

    @Test
    void onlyRemindersStillToComeAreKeptEarliestFirst() {
        Instant visit = paris("2026-03-10T15:00");
        assertEquals(List.of(paris("2026-03-09T15:00"), paris("2026-03-10T14:45")),
                Reminders.upcoming(visit, PARIS, DEFAULT, paris("2026-03-01T09:00")));
        assertEquals(List.of(paris("2026-03-10T14:45")),
                Reminders.upcoming(visit, PARIS, DEFAULT, paris("2026-03-09T15:00")));
        assertEquals(List.of(), Reminders.upcoming(visit, PARIS, DEFAULT, paris("2026-03-10T14:50")));
    }
}
