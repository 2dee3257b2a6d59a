package org.lucarne.signaling.ward;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.lucarne.signaling.call.SerialExecutor;
import org.lucarne.signaling.policy.AccessPolicy;
import org.lucarne.signaling.policy.Action;
import org.lucarne.signaling.policy.Decision;
import org.lucarne.signaling.policy.StaffActor;
import org.lucarne.signaling.session.Sessions;
import org.lucarne.signaling.ws.StaffSockets;
import org.lucarne.signaling.ws.protocol.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells the signed-in staff of a ward, over their sockets, that something about one of its visits
 * changed ({@code ward_changed}, docs/protocol.md "Staff"): a hint with the ward's id only, after
 * which the console reads the ward's day through the staff API, which checks and audits as always.
 *
 * <p>Fed by the call focus (someone in a visit's lobby or call came, left or lost their connection),
 * by the kiosk sockets (a tablet online or offline, {@link #tabletChanged}) and by whoever books,
 * moves or cancels a visit ({@link #changed}, after the commit). Who hears it is the policy's
 * answer ({@code ward.view}) for each open staff session, role and wards read afresh at each push.
 *
 * <p>Paced per ward ({@link PushPacer}): at most one push per {@link #GAP}, and a push always
 * follows the last change. {@link #changed} returns at once on any thread (a visit's executor
 * included): the pushes, which read the database, run one at a time, in order, on the pool given;
 * a put-off push waits on the server's timers, which only hand it over. Makes no thread.
 */
public final class WardFeed implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WardFeed.class);
    /** The least time between two pushes about one ward. */
    public static final Duration GAP = Duration.ofSeconds(1);

    private final StaffSockets sockets;
    private final Sessions sessions;
    private final AccessPolicy policy;
    private final WardQueries wards;
    private final Clock clock;
    private final ScheduledExecutorService timers;
    private final Executor work;
    private final PushPacer pacer = new PushPacer(GAP);
    private volatile boolean closed;
    /** Who else hears of each change, paced as the staff are: the ward's kiosks (their next visit). */
    private volatile Consumer<String> kiosks = wardId -> { };

    /**
     * @param pool   runs the pushes and the tablets' ward look-ups (database reads), one at a time
     * @param timers the server's timers, on which a put-off push waits
     */
    public WardFeed(StaffSockets sockets, Sessions sessions, AccessPolicy policy, WardQueries wards, Clock clock,
                    ScheduledExecutorService timers, Executor pool) {
        this.sockets = Objects.requireNonNull(sockets, "sockets");
        this.sessions = Objects.requireNonNull(sessions, "sessions");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.wards = Objects.requireNonNull(wards, "wards");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.timers = Objects.requireNonNull(timers, "timers");
        this.work = new SerialExecutor(Objects.requireNonNull(pool, "pool"));
    }

    /**
     * Set once at wiring: {@code listener} hears the ward's id at each push, on the feed's pool, before the
     * staff are told (device.NextVisitFeed: the ward's tablets hear of their next visit). It must return soon.
     */
    public void alsoTell(Consumer<String> listener) {
        this.kiosks = Objects.requireNonNull(listener, "listener");
    }

    /**
     * Something about a visit of {@code wardId} changed: its staff hear of it now, or a second after
     * the last push about that ward. Call it after the change is committed, so that the day the
     * console reads again shows it. Returns at once; never throws for a stopping server.
     */
    public void changed(String wardId) {
        if (wardId == null || closed) {
            return;
        }
        Optional<Duration> delay = pacer.changed(wardId, clock.instant());
        if (delay.isEmpty()) {
            return;
        }
        try {
            if (delay.get().isZero()) {
                work.execute(() -> send(wardId));
            } else {
                timers.schedule(() -> later(wardId), delay.get().toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (RejectedExecutionException e) {
            LOG.debug("ward {}: the server is stopping; its staff are not told of a change", wardId);
        }
    }

    /** A bedside tablet came online or went offline: its ward's staff hear of it. Returns at once. */
    public void tabletChanged(String tabletId) {
        if (tabletId == null || closed) {
            return;
        }
        try {
            work.execute(() -> wards.wardOfTablet(tabletId).ifPresent(this::changed));
        } catch (RejectedExecutionException e) {
            LOG.debug("tablet {}: the server is stopping; its ward is not told", tabletId);
        }
    }

    /** On the timers: hands the put-off push to the pool. */
    private void later(String wardId) {
        try {
            work.execute(() -> {
                // Only the put-off push clears "due": an immediate one still running must not, or a change
                // in between would put off a second push behind the one already due.
                pacer.pushing(wardId);
                send(wardId);
            });
        } catch (RejectedExecutionException e) {
            LOG.debug("ward {}: the server is stopping; a push was dropped", wardId);
        }
    }

    private void send(String wardId) {
        if (closed) {
            return;
        }
        try {
            kiosks.accept(wardId);
        } catch (RuntimeException e) {
            LOG.warn("ward {}: its tablets could not be told of a change: {}", wardId, e.toString());
        }
        Set<String> open = sockets.sessions();
        if (open.isEmpty()) {
            return;
        }
        Message hint = new Message.WardChanged(wardId);
        try {
            for (Map.Entry<String, StaffActor> e : sessions.openActors(open).entrySet()) {
                if (policy.decide(e.getValue(), Action.WARD_VIEW, wardId) == Decision.ALLOWED) {
                    sockets.send(e.getKey(), hint);
                }
            }
        } catch (RuntimeException e) {
            // The consoles read the day again on their own within minutes; ids only in the log.
            LOG.warn("ward {}: its staff could not be told of a change: {}", wardId, e.toString());
        }
    }

    /** Tells nobody anything from now on (the server is stopping). */
    @Override
    public void close() {
        closed = true;
    }
}
