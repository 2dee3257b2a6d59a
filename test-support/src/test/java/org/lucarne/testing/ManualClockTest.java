package org.lucarne.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;

class ManualClockTest {
    private static final Instant START = Instant.parse("2025-03-01T10:00:00Z");

    @Test
    void standsStillUntilMoved() {
        ManualClock clock = new ManualClock(START);
        assertEquals(START, clock.instant());
        assertEquals(START.toEpochMilli(), clock.millis());
        assertEquals(ZoneOffset.UTC, clock.getZone());
    }

    @Test
    void advancesBySetsToAndGoesBackOnlyBySet() {
        ManualClock clock = new ManualClock(START);
        clock.advance(Duration.ofMillis(1));
        assertEquals(START.plusMillis(1), clock.instant());
        clock.advanceMillis(999);
        assertEquals(START.plusSeconds(1), clock.instant());
        clock.set(START.minusSeconds(60));
        assertEquals(START.minusSeconds(60), clock.instant());
        assertThrows(IllegalArgumentException.class, () -> clock.advance(Duration.ofMillis(-1)));
        assertEquals(START.minusSeconds(60), clock.instant(), "a refused move moves nothing");
    }

    @Test
    void aZonedViewFollowsTheSameHand() {
        ManualClock clock = new ManualClock(START);
        ManualClock paris = clock.withZone(ZoneId.of("Europe/Paris"));
        clock.advance(Duration.ofHours(2));
        assertEquals(START.plus(Duration.ofHours(2)), paris.instant());
        assertEquals(13, ZonedDateTime.now(paris).getHour(), "12:00 UTC is 13:00 in Paris in March");
        paris.advance(Duration.ofMinutes(5));
        assertEquals(START.plus(Duration.ofMinutes(125)), clock.instant());
    }
}
