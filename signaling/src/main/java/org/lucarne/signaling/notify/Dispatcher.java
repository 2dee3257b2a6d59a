package org.lucarne.signaling.notify;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.lucarne.signaling.config.NotifySettings;
import org.lucarne.signaling.personal.PersonalData;
import org.lucarne.signaling.storage.Database;
import org.lucarne.signaling.ward.WardSettingsStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the messages that fall due. Every {@code notify.poll.seconds} the server's timers {@link #kick} it,
 * which only hands a round to the executor the server gives it for blocking work (the database, the
 * gateway, the mail server). A round gives back the claims other nodes let run out and forgets the links,
 * outbox texts and outbox files of visits that are over (once a minute), then has {@link Delivery} claim
 * and send the due messages one by one.
 */
public final class Dispatcher {
    private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);
    static final int BATCH = 20;
    /** How long a node's claim on a message lasts: far longer than any one send. */
    static final Duration CLAIM = Duration.ofMinutes(5);
    static final Duration PURGE_EVERY = Duration.ofMinutes(1);

    private final Database db;
    private final Clock clock;
    private final NotifySettings settings;
    private final Messages messages;
    private final InviteLinks links;
    private final Outbox outbox;
    private final Delivery delivery;
    private final Executor executor;
    private final Object lock = new Object();
    private boolean running;
    private boolean again;
    private volatile boolean stopped;
    private CompletableFuture<Void> idle = CompletableFuture.completedFuture(null);
    private Instant lastPurge = Instant.MIN;
    private ScheduledFuture<?> tick;

    Dispatcher(Database db, Clock clock, NotifySettings settings, Messages messages, InviteLinks links,
               WardSettingsStore wards, PersonalData personal, MessageRenderer renderer, Senders senders,
               Executor executor) {
        this.db = Objects.requireNonNull(db, "db");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.messages = Objects.requireNonNull(messages, "messages");
        this.links = Objects.requireNonNull(links, "links");
        this.outbox = senders.outbox();
        this.delivery = new Delivery(db, clock, settings, messages, links, wards, personal, renderer, senders);
        this.executor = Objects.requireNonNull(executor, "executor");
    }

    /** Looks at the queue every {@code notify.poll.seconds} on {@code timers}, the first time at once. */
    void start(ScheduledExecutorService timers) {
        long every = settings.pollInterval().toMillis();
        tick = timers.scheduleWithFixedDelay(this::kick, 0, every, TimeUnit.MILLISECONDS);
    }

    /** No new round; the one under way stops after its current message. */
    void stop() {
        stopped = true;
        if (tick != null) {
            tick.cancel(false);
        }
    }

    /**
     * Hands a round to the executor; if one is under way, another follows it (so nothing queued before this
     * call waits for the next tick). Returns at once.
     */
    public void kick() {
        synchronized (lock) {
            if (stopped) {
                return;
            }
            if (running) {
                again = true;
                return;
            }
            running = true;
            idle = new CompletableFuture<>();
        }
        try {
            executor.execute(this::rounds);
        } catch (RejectedExecutionException e) {
            finished();
        }
    }

    /** Waits until no round is under way or asked for; false if that took longer than {@code timeout}. */
    public boolean awaitIdle(Duration timeout) {
        CompletableFuture<Void> f;
        synchronized (lock) {
            f = idle;
        }
        try {
            f.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void rounds() {
        while (true) {
            try {
                round();
            } catch (RuntimeException e) {
                // A task that throws stops nothing here, but must not go unseen; the next tick tries again.
                LOG.warn("a round of sending messages failed; the next one comes within {} s",
                        settings.pollInterval().toSeconds(), e);
            }
            synchronized (lock) {
                if (again && !stopped) {
                    again = false;
                    continue;
                }
            }
            finished();
            return;
        }
    }

    private void finished() {
        CompletableFuture<Void> done;
        synchronized (lock) {
            running = false;
            again = false;
            done = idle;
        }
        done.complete(null);
    }

    /**
     * One round, on the caller's thread: once a minute, give back lapsed claims and purge what is over; then
     * send what is due. A round with nothing due writes nothing.
     */
    void round() {
        Instant now = clock.instant();
        if (!now.isBefore(lastPurge.plus(PURGE_EVERY))) {
            lastPurge = now;
            int reclaimed = db.inTransaction(c -> messages.reclaimExpired(c, now));
            if (reclaimed > 0) {
                LOG.warn("{} messages were claimed by a node that did not finish sending them; they are sent again",
                        reclaimed);
            }
            purge(now);
        }
        while (!stopped) {
            List<String> due = db.inTransaction(c -> messages.due(c, clock.instant(), BATCH));
            int mine = 0;
            for (String id : due) {
                if (stopped) {
                    return;
                }
                mine += delivery.send(id) ? 1 : 0;
            }
            if (due.size() < BATCH || mine == 0) {
                return;
            }
        }
    }

    /** Forgets links of visits over, outbox texts and outbox files. */
    private void purge(Instant now) {
        int[] counts = db.inTransaction(c -> new int[] {links.purge(c, now), messages.purgeBodies(c, now)});
        int files = 0;
        for (String id : outbox.ids()) {
            boolean keep = db.inTransaction(c -> messages.bodyKept(c, id));
            if (!keep && outbox.delete(id)) {
                files++;
            }
        }
        if (counts[0] + counts[1] + files > 0) {
            LOG.info("visits over: {} invite links, {} outbox texts and {} outbox files forgotten", counts[0], counts[1],
                    files);
        }
    }
}
