package org.lucarne.signaling.ward;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PushPacerTest {
    private static final Instant T0 = Instant.parse("2026-03-29T00:59:59.500Z");
    private static final Duration SECOND = Duration.ofSeconds(1);
    private final PushPacer pacer = new PushPacer(SECOND);

    private static Optional<Duration> in(long millis) {
        return Optional.of(Duration.ofMillis(millis));
    }

    @Test
    void aFirstChangeIsPushedAtOnce() {
        assertEquals(in(0), pacer.changed("w", T0));
    }

    @Test
    void aBurstIsPushedAtOnceThenOnceASecondAfter() {
        assertEquals(in(0), pacer.changed("w", T0));
        assertEquals(in(1000), pacer.changed("w", T0), "a change right after a push waits for the gap");
        for (int i = 1; i < 10; i++) {
            assertEquals(Optional.empty(), pacer.changed("w", T0.plusMillis(i * 50)), "told by the push already due");
        }
        pacer.pushing("w");
        assertEquals(in(1000), pacer.changed("w", T0.plusMillis(1000)), "a change during that push waits again");
    }

    @Test
    void aChangeWellAfterTheLastPushIsPushedAtOnce() {
        pacer.changed("w", T0);
        assertEquals(in(0), pacer.changed("w", T0.plus(SECOND)));
        assertEquals(in(400), pacer.changed("w", T0.plusMillis(1600)));
    }

    @Test
    void wardsArePacedEachOnTheirOwn() {
        assertEquals(in(0), pacer.changed("a", T0));
        assertEquals(in(0), pacer.changed("b", T0));
        assertEquals(in(1000), pacer.changed("a", T0));
        assertEquals(Optional.empty(), pacer.changed("a", T0));
        assertEquals(in(1000), pacer.changed("b", T0));
    }

    @Test
    void aGapMustBePositive() {
        assertThrows(IllegalArgumentException.class, () -> new PushPacer(Duration.ZERO));
    }
}
