package org.lucarne.signaling.device;

import java.time.Clock;
import java.time.Instant;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.lucarne.signaling.call.CallPeer;
import org.lucarne.signaling.call.SerialExecutor;
import org.lucarne.signaling.ws.protocol.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells each greeted kiosk what its idle screen shows ({@code next_visit}, docs/protocol.md "Kiosk"): right
 * after {@code welcome}, again when a visit of its ward is booked, moved or cancelled or a call of it ends
 * ({@link #wardChanged}, fed by the ward feed after the commit), and when the visit it names is over. A
 * kiosk hears it only when it differs from what it heard last. The message goes to the tablet's own
 * sockets only (names are personal data) and is never logged.
 *
 * <p>Makes no thread: the look-ups after a change run one at a time on the pool given; the end of a visit
 * waits on the server's timers, which only hand the look-up over. Sockets of this node only: a kiosk on
 * another node hears of a booking at its next {@code welcome} or at the end of the visit it knows.
 */
public final class NextVisitFeed implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(NextVisitFeed.class);

    /** One tablet's greeted sockets, what they heard last, and the timer for when that goes stale. */
    private static final class Kiosk {
        final Set<CallPeer> peers = Collections.newSetFromMap(new IdentityHashMap<>()); // each socket once
        Message.NextVisit last;
        ScheduledFuture<?> stale;
    }

    private final NextVisits visits;
    private final Clock clock;
    private final ScheduledExecutorService timers;
    private final Executor work;
    private final Map<String, Kiosk> kiosks = new HashMap<>(); // guarded by this
    private volatile boolean closed;

    public NextVisitFeed(NextVisits visits, Clock clock, ScheduledExecutorService timers, Executor pool) {
        this.visits = Objects.requireNonNull(visits, "visits");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.timers = Objects.requireNonNull(timers, "timers");
        this.work = new SerialExecutor(Objects.requireNonNull(pool, "pool"));
    }

    /** A kiosk was just sent {@code welcome}: it hears its agenda now, on the caller's thread, then its changes. */
    public void greeted(CallPeer peer) {
        Optional<String> tablet = peer.tablet();
        if (tablet.isEmpty() || closed) {
            return;
        }
        Optional<NextVisits.Agenda> agenda = read(tablet.get());
        synchronized (this) {
            Kiosk k = kiosks.computeIfAbsent(tablet.get(), t -> new Kiosk());
            k.peers.add(peer);
            agenda.ifPresent(a -> {
                peer.send(a.message());
                if (!a.message().equals(k.last)) {
                    k.last = a.message();
                    staleAt(k, tablet.get(), a.staleAt());
                }
            });
        }
    }

    /** The socket closed: forgotten, and with the tablet's last one, its timer too. */
    public synchronized void closed(CallPeer peer) {
        peer.tablet().ifPresent(t -> {
            Kiosk k = kiosks.get(t);
            if (k != null && k.peers.remove(peer) && k.peers.isEmpty()) {
                cancel(k);
                kiosks.remove(t);
            }
        });
    }

    /** Something about a visit of the ward changed (committed): its kiosks here hear their agenda if it changed. Returns at once. */
    public void wardChanged(String wardId) {
        if (wardId == null || closed) {
            return;
        }
        execute(() -> {
            Set<String> here;
            synchronized (this) {
                if (kiosks.isEmpty()) {
                    return;
                }
                here = Set.copyOf(kiosks.keySet());
            }
            List<String> ofWard;
            try {
                ofWard = visits.tabletsOfWard(wardId);
            } catch (RuntimeException e) {
                LOG.warn("ward {}: its tablets could not be told of their next visit: {}", wardId, e.toString());
                return;
            }
            ofWard.stream().filter(here::contains).forEach(this::refresh);
        });
    }

    private void refresh(String tabletId) {
        Optional<NextVisits.Agenda> agenda = read(tabletId);
        synchronized (this) {
            Kiosk k = kiosks.get(tabletId);
            if (k == null || agenda.isEmpty() || agenda.get().message().equals(k.last) || closed) {
                return;
            }
            k.last = agenda.get().message();
            k.peers.forEach(p -> p.send(k.last));
            staleAt(k, tabletId, agenda.get().staleAt());
        }
    }

    private Optional<NextVisits.Agenda> read(String tabletId) {
        try {
            return visits.of(tabletId);
        } catch (RuntimeException e) {
            LOG.warn("tablet {}: its next visit could not be read: {}", tabletId, e.toString());
            return Optional.empty();
        }
    }

    /** Under the lock: a look-up again when the visit named is over. */
    private void staleAt(Kiosk k, String tabletId, Optional<Instant> at) {
        cancel(k);
        if (at.isEmpty()) {
            return;
        }
        long delay = Math.max(0, at.get().toEpochMilli() - clock.millis());
        try {
            k.stale = timers.schedule(() -> execute(() -> refresh(tabletId)), delay, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            LOG.debug("tablet {}: the server is stopping; no look-up at the end of its visit", tabletId);
        }
    }

    private static void cancel(Kiosk k) {
        if (k.stale != null) {
            k.stale.cancel(false);
            k.stale = null;
        }
    }

    private void execute(Runnable task) {
        try {
            work.execute(task);
        } catch (RejectedExecutionException e) {
            LOG.debug("the server is stopping; a next-visit look-up was dropped");
        }
    }

    /** Tells nobody anything from now on (the server is stopping). */
    @Override
    public synchronized void close() {
        closed = true;
        kiosks.values().forEach(NextVisitFeed::cancel);
        kiosks.clear();
    }
}
