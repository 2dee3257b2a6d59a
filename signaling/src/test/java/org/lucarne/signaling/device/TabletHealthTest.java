package org.lucarne.signaling.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.lucarne.signaling.device.TabletHealth.Outcome;
import org.lucarne.testing.ManualClock;

/** What a tablet's statuses tell the console, and how often they may come, on a clock the test moves. */
class TabletHealthTest {
    private final ManualClock clock = ManualClock.startingNow();
    private final TabletHealth health = new TabletHealth(clock);
    private static final Duration GAP = Duration.ofSeconds(TabletHealth.STATUS_GAP_SECONDS);

    private Outcome status(Integer battery, Boolean charging) {
        Outcome o = health.report("tab-1", "1.0", battery, charging);
        clock.advance(GAP);
        return o;
    }

    @Test
    void theFirstStatusIsToldAndTheSameOneAgainIsNot() {
        assertEquals(Outcome.TELL_WARD, status(80, false));
        assertEquals(Outcome.KEPT, status(79, false));
        assertEquals(Outcome.KEPT, status(79, false));
    }

    @Test
    void theBatteryCrossingTwentyPercentIsToldBothWays() {
        status(25, false);
        assertEquals(Outcome.KEPT, status(20, false));
        assertEquals(Outcome.TELL_WARD, status(19, false));
        assertEquals(Outcome.KEPT, status(5, false));
        assertEquals(Outcome.TELL_WARD, status(20, false));
    }

    @Test
    void pluggingInANewVersionOrLosingTheBatteryReadingIsTold() {
        status(50, false);
        assertEquals(Outcome.TELL_WARD, status(50, true));
        assertEquals(Outcome.TELL_WARD, health.report("tab-1", "1.1", 50, true));
        clock.advance(GAP);
        assertEquals(Outcome.TELL_WARD, status(null, null));
    }

    @Test
    void aBurstIsKeptThenOneStatusPerGap() {
        for (int i = 0; i < TabletHealth.STATUS_BURST; i++) {
            assertTrue(health.report("tab-2", "1.0", 50, false) != Outcome.RATE_LIMITED);
        }
        assertEquals(Outcome.RATE_LIMITED, health.report("tab-2", "1.0", 10, false));
        assertEquals(50, health.of("tab-2").orElseThrow().battery(), "a dropped status changes nothing");
        clock.advance(GAP.minusMillis(1));
        assertEquals(Outcome.RATE_LIMITED, health.report("tab-2", "1.0", 10, false));
        clock.advance(Duration.ofMillis(1));
        assertEquals(Outcome.TELL_WARD, health.report("tab-2", "1.0", 10, false));
    }

    @Test
    void lastSeenMovesWithEveryMessageAndAStatusKeepsIt() {
        assertTrue(health.of("tab-3").isEmpty(), "never heard of");
        health.seen("tab-3");
        clock.advance(Duration.ofMinutes(2));
        health.seen("tab-3");
        assertEquals(clock.instant(), health.of("tab-3").orElseThrow().lastSeenAt());
        health.report("tab-3", "1.0", 40, true);
        assertEquals(new TabletHealth.Report(clock.instant(), "1.0", 40, true), health.of("tab-3").orElseThrow());
    }
}
