package org.lucarne.signaling.retention;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.lucarne.signaling.audit.AuditAction;
import org.lucarne.signaling.audit.AuditEvent;
import org.lucarne.signaling.audit.AuditOutcome;
import org.lucarne.signaling.audit.AuditTrail;
import org.lucarne.signaling.config.E2eeSettings;
import org.lucarne.signaling.config.RetentionSettings;
import org.lucarne.signaling.contact.Contacts;
import org.lucarne.signaling.personal.PersonalData;
import org.lucarne.signaling.storage.Database;
import org.lucarne.signaling.storage.Dialect;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The retention purge (docs/operations.md, "Retention"; docs/security.md, "Retention"): a minute after start
 * (once the demo, say, has booked its visit), then every {@code retention.interval.minutes}, the server's timers
 * hand a run to the executor given for blocking work. A
 * run purges batch after batch ({@link RetentionPurge}), each in a transaction of its own with its
 * {@code retention.purged} audit entry (counts only), until a batch finds less than a full one, or after
 * {@value #MAX_BATCHES} batches (the next run goes on); then, on SQLite, the WAL is emptied into the database
 * file, whose freed space {@code secure_delete} has zeroed.
 *
 * <p>Several nodes on one PostgreSQL: a batch first tries a transaction-scoped advisory lock; a node that does not
 * get it leaves the run to the node that holds it. Each wipe is conditional ({@code WHERE … IS NULL}), so a
 * contact or patient is wiped and counted once whatever happens.
 */
public final class Retention {
    private static final Logger LOG = LoggerFactory.getLogger(Retention.class);
    /** The most batches one run takes: {@value}, so {@code 100 × BATCH} contacts at most an interval. */
    static final int MAX_BATCHES = 100;
    /** The first run's delay after start. */
    static final Duration FIRST_RUN = Duration.ofMinutes(1);
    /** The advisory lock one PostgreSQL node holds while it purges a batch ("Rete"). */
    static final long LOCK_KEY = 0x52657465L;

    private final RetentionSettings settings;
    private final Database db;
    private final AuditTrail audit;
    private final Clock clock;
    private final Executor executor;
    private final RetentionPurge purge;
    private final Duration relayQueue;
    private final AtomicBoolean running = new AtomicBoolean();
    private volatile boolean stopped;
    private ScheduledFuture<?> tick;

    public Retention(RetentionSettings settings, Database db, PersonalData personal, AuditTrail audit, Clock clock,
                     Executor executor) {
        this(settings, E2eeSettings.defaults().queueFor(), db, personal, audit, clock, executor);
    }

    /** {@code relayQueue}: how long the relay keeps envelopes and photos ({@code e2ee.queue.days}). */
    public Retention(RetentionSettings settings, Duration relayQueue, Database db, PersonalData personal,
                     AuditTrail audit, Clock clock, Executor executor) {
        this.relayQueue = Objects.requireNonNull(relayQueue, "relayQueue");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.db = Objects.requireNonNull(db, "db");
        this.audit = Objects.requireNonNull(audit, "audit");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.executor = Objects.requireNonNull(executor, "executor");
        this.purge = new RetentionPurge(personal, new Contacts(personal, clock, new SecureRandom()));
    }

    /**
     * Runs {@link #FIRST_RUN} after now, then every {@code retention.interval.minutes}, on {@code timers} (which only
     * hand it on).
     */
    public void start(ScheduledExecutorService timers) {
        tick = timers.scheduleWithFixedDelay(this::kick, FIRST_RUN.toMillis(), settings.interval().toMillis(),
                TimeUnit.MILLISECONDS);
    }

    /** No new run; the one under way stops after its current batch. */
    public void stop() {
        stopped = true;
        if (tick != null) {
            tick.cancel(false);
        }
    }

    /** Hands a run to the executor, unless one is under way. Returns at once. */
    void kick() {
        if (stopped || !running.compareAndSet(false, true)) {
            return;
        }
        try {
            executor.execute(() -> {
                try {
                    run();
                } catch (RuntimeException e) {
                    // Nothing may escape onto the executor; the next interval tries again.
                    LOG.warn("the retention purge failed; it runs again in {} min", settings.interval().toMinutes(), e);
                } finally {
                    running.set(false);
                }
            });
        } catch (RejectedExecutionException e) {
            running.set(false);
        }
    }

    /**
     * One run, on the caller's thread: what was over {@code retention.days} ago is purged.
     *
     * @return what it purged, in all
     */
    public Purged run() {
        Instant now = clock.instant();
        Instant cutoff = now.minus(settings.keepFor());
        Purged total = Purged.NONE;
        for (int i = 0; i < MAX_BATCHES && !stopped; i++) {
            Purged batch = db.inTransaction(c -> batch(c, cutoff, now.minus(relayQueue), now));
            total = total.plus(batch);
            if (!batch.full()) {
                break;
            }
        }
        if (total.contacts() + total.patients() > 0) {
            db.scrub(List.of()); // SQLite: the WAL's older pages into the file, the WAL emptied; nothing on PostgreSQL
        }
        if (total.any()) {
            LOG.info("retention: visits over before {} ({} days): {}", cutoff, settings.keepFor().toDays(),
                    total.words());
        }
        return total;
    }

    private Purged batch(Connection c, Instant cutoff, Instant relayCutoff, Instant now) throws SQLException {
        if (!claim(c)) {
            LOG.debug("retention: another node is purging; this one leaves it the run");
            return Purged.NONE;
        }
        Purged batch = purge.batch(c, cutoff, relayCutoff, now);
        if (batch.any()) {
            audit.append(c, AuditEvent.of(AuditEvent.SYSTEM, AuditAction.RETENTION_PURGED, AuditOutcome.SUCCESS)
                    .detail(batch.words() + " days=" + settings.keepFor().toDays() + " before=" + cutoff));
        }
        return batch;
    }

    /** On PostgreSQL, this node's turn to purge (until the transaction ends); SQLite has one writer anyway. */
    private boolean claim(Connection c) throws SQLException {
        if (db.dialect() != Dialect.POSTGRESQL) {
            return true;
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT pg_try_advisory_xact_lock(?)")) {
            ps.setLong(1, LOCK_KEY);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }
}
