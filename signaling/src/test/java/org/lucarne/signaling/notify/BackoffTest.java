package org.lucarne.signaling.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.lucarne.signaling.config.NotifySettings;

class BackoffTest {
    private static final NotifySettings.Retry RETRY = new NotifySettings.Retry(6, Duration.ofSeconds(30),
            Duration.ofHours(1));

    @Test
    void waitDoublesAfterEachTry() {
        assertEquals(Duration.ofSeconds(30), Backoff.after(RETRY, 1));
        assertEquals(Duration.ofSeconds(60), Backoff.after(RETRY, 2));
        assertEquals(Duration.ofSeconds(120), Backoff.after(RETRY, 3));
        assertEquals(Duration.ofSeconds(480), Backoff.after(RETRY, 5));
    }

    @Test
    void waitStopsGrowingAtTheLongest() {
        assertEquals(Duration.ofHours(1), Backoff.after(RETRY, 8));
        assertEquals(Duration.ofHours(1), Backoff.after(RETRY, 60));
    }

    @Test
    void noWaitBeforeTheFirstTry() {
        assertThrows(IllegalArgumentException.class, () -> Backoff.after(RETRY, 0));
    }
}
