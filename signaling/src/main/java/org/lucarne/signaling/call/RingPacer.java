package org.lucarne.signaling.call;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledFuture;

/**
 * Paces one visit's rings: the tablet starts ringing at most once per {@code call.ring.interval.seconds},
 * however often someone enters the lobby, leaves and comes back (docs/protocol.md, "Ring"). A ring held
 * back is retried once, when the interval has passed, on the visit's own queue. Its state is one instant
 * and one scheduled task at most; like {@link VisitCall}, it runs on the visit's executor only.
 */
final class RingPacer {
    private final CallContext ctx;
    private final Executor queue;
    private final Duration interval;
    /** When the tablet last started ringing for this visit; null before its first ring. */
    private Instant lastRing;
    /** The held-back ring's retry, if one is pending. */
    private ScheduledFuture<?> retry;

    RingPacer(CallContext ctx, Executor queue) {
        this.ctx = ctx;
        this.queue = queue;
        this.interval = ctx.calls().ringInterval();
    }

    /**
     * Whether the tablet may start ringing now. If not, {@code later} runs on the visit's queue once the
     * interval since the last ring has passed (one pending retry at most; it must check that someone
     * still waits).
     */
    boolean mayRing(Runnable later) {
        Instant now = ctx.clock().instant();
        if (lastRing == null || !now.isBefore(lastRing.plus(interval))) {
            return true;
        }
        if (retry == null) {
            retry = ctx.schedule(queue, Duration.between(now, lastRing.plus(interval)), () -> {
                retry = null;
                later.run();
            });
        }
        return false;
    }

    /** The tablet starts ringing now: the next ring waits for the interval. */
    void rang() {
        lastRing = ctx.clock().instant();
        cancel();
    }

    /** Drops a pending retry (the patient answered, the lobby was sent away, the call is over). */
    void cancel() {
        if (retry != null) {
            retry.cancel(false);
            retry = null;
        }
    }
}
