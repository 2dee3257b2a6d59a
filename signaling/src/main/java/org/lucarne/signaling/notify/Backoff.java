package org.lucarne.signaling.notify;

import java.time.Duration;
import org.lucarne.signaling.config.NotifySettings;

/** How long a message waits before its next try: {@code first}, then twice as long each time, at most {@code longest}. */
final class Backoff {
    private Backoff() {
    }

    /** The wait after {@code triesDone} tries (1 after the first). */
    static Duration after(NotifySettings.Retry retry, int triesDone) {
        if (triesDone < 1) {
            throw new IllegalArgumentException("a wait follows a try, not " + triesDone);
        }
        Duration wait = retry.first();
        for (int i = 1; i < triesDone && wait.compareTo(retry.longest()) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(retry.longest()) > 0 ? retry.longest() : wait;
    }
}
