package org.lucarne.bridge.transport;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Consent freshness (RFC 7675 §5.1) for one connected transport: fails it when nothing at all came
 * from the peer for the timeout, counting both datagrams and ICE consent confirmations. One shared
 * timer thread checks every transport a few times per timeout.
 */
final class ConsentTimer {
    private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "transport-consent-timer");
        t.setDaemon(true);
        return t;
    });

    /** What the timer reads and calls. */
    interface Subject {
        /** {@link System#nanoTime()} of the last datagram from the peer. */
        long lastDatagramNanos();

        /** {@link System#currentTimeMillis()} of the last ICE consent confirmation, or -1. */
        long lastConsentMillis();

        void expired(String reason);
    }

    private ConsentTimer() {
    }

    /** Starts checking; cancel the returned future to stop. */
    static ScheduledFuture<?> start(Duration timeout, Subject subject) {
        long period = Math.max(50, Math.min(5_000, timeout.toMillis() / 6));
        return TIMER.scheduleWithFixedDelay(() -> {
            try {
                check(timeout, subject);
            } catch (RuntimeException e) {
                // a throwing listener must not stop the checks of every other transport
            }
        }, period, period, TimeUnit.MILLISECONDS);
    }

    static void check(Duration timeout, Subject subject) {
        long sinceDatagram = System.nanoTime() - subject.lastDatagramNanos();
        long consent = subject.lastConsentMillis();
        long sinceConsent = consent < 0 ? Long.MAX_VALUE
                : TimeUnit.MILLISECONDS.toNanos(Math.max(0, System.currentTimeMillis() - consent));
        if (Math.min(sinceDatagram, sinceConsent) >= timeout.toNanos()) {
            subject.expired("consent expired: nothing received from the peer for " + describe(timeout)
                    + " (RFC 7675 §5.1); the client left, or its network changed without an ICE restart");
        }
    }

    static String describe(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }
}
