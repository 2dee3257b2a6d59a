package org.lucarne.signaling.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.lucarne.testing.ManualClock;

/** "Until the next visit", and what ends a "do not disturb", on a clock the test moves. */
class DoNotDisturbRuleTest {
    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    /** 10:00 in Paris (UTC+1 in December). */
    private final ManualClock clock = new ManualClock(Instant.parse("2026-12-04T09:00:00Z"));
    private final DoNotDisturbRule rule = new DoNotDisturbRule(clock, PARIS);
    private final Instant midnightInParis = Instant.parse("2026-12-04T23:00:00Z");

    @Test
    void untilTheNextVisitIsUntilItsStartWhenItIsToday() {
        Instant at14 = Instant.parse("2026-12-04T13:00:00Z");
        assertEquals(at14, rule.untilNextVisit(Optional.of(at14)));
    }

    @Test
    void withNoVisitLaterTodayItLastsUntilMidnightInTheHospitalsZone() {
        assertEquals(midnightInParis, rule.untilNextVisit(Optional.empty()));
        assertEquals(midnightInParis, rule.untilNextVisit(Optional.of(Instant.parse("2026-12-05T08:00:00Z"))),
                "tomorrow's visit is not today's: it never outlives the day");
    }

    @Test
    void lateInTheEveningTheDayIsTheHospitalsNotUtcs() {
        clock.set(Instant.parse("2026-12-04T23:30:00Z")); // 00:30 on the 5th in Paris
        assertEquals(Instant.parse("2026-12-05T23:00:00Z"), rule.untilNextVisit(Optional.empty()));
    }

    @Test
    void aVisitStartingBeforeTheAskedTimeEndsItAtItsStart() {
        Instant asked = Instant.parse("2026-12-04T15:00:00Z");
        Instant visit = Instant.parse("2026-12-04T12:00:00Z");
        assertEquals(visit, DoNotDisturbRule.end(asked, Optional.of(visit)));
        assertEquals(asked, DoNotDisturbRule.end(asked, Optional.of(asked.plusSeconds(1))));
        assertEquals(asked, DoNotDisturbRule.end(asked, Optional.empty()));
    }

    @Test
    void itIsOnUntilItsEndAndNotAMillisecondAfter() {
        Instant end = clock.instant().plus(Duration.ofMinutes(30));
        assertTrue(rule.on(end));
        clock.advance(Duration.ofMinutes(30).minusMillis(1));
        assertTrue(rule.on(end));
        clock.advance(Duration.ofMillis(1));
        assertFalse(rule.on(end));
    }

    @Test
    void staffMayAskForAnyTimeAfterNowUpToAWeekAhead() {
        Instant now = clock.instant();
        assertFalse(rule.acceptable(now));
        assertFalse(rule.acceptable(now.minusSeconds(60)));
        assertTrue(rule.acceptable(now.plusMillis(1)));
        assertTrue(rule.acceptable(now.plus(DoNotDisturbRule.LONGEST)));
        assertFalse(rule.acceptable(now.plus(DoNotDisturbRule.LONGEST).plusMillis(1)));
    }
}
