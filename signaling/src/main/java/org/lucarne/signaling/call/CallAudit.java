package org.lucarne.signaling.call;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.lucarne.signaling.audit.AuditAction;
import org.lucarne.signaling.audit.AuditEvent;
import org.lucarne.signaling.audit.AuditOutcome;
import org.lucarne.signaling.audit.AuditTrail;
import org.lucarne.signaling.visit.Visit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The calls' entries in the audit trail (docs/architecture.md, "Calls"): invites opened, joins
 * refused, calls started and ended, each participant joining and leaving. Ids only.
 *
 * <p>It also keeps, on the visit's row, the first moments its status is read from
 * ({@code visit.first_joined_at}, {@code visit.call_started_at}: {@link Moment}).
 *
 * <p>Entries and moments are written in the order they are recorded, one at a time, on the call pool: never on
 * a visit's executor, so a slow database delays no call. A write that fails is logged and dropped;
 * the call goes on. Past {@link #MAX_PENDING} entries waiting (a database that no longer answers),
 * new ones are dropped and counted in the log rather than held in memory.
 */
final class CallAudit {
    private static final Logger LOG = LoggerFactory.getLogger(CallAudit.class);
    static final int MAX_PENDING = 10_000;

    /** A moment of a visit kept on its row, the first time it happens. */
    enum Moment {
        /** A visitor (family or staff) first came, to the lobby or the call: the visit is not a no-show. */
        FIRST_JOINED("first_joined_at"),
        /** Two people were first in the call together. */
        CALL_STARTED("call_started_at");

        private final String column;

        Moment(String column) {
            this.column = column;
        }
    }

    private final AuditTrail trail;
    private final Clock clock;
    private final SerialExecutor writer;
    private final AtomicInteger pending = new AtomicInteger();
    private final AtomicInteger dropped = new AtomicInteger();

    CallAudit(AuditTrail trail, Clock clock, Executor pool) {
        this.trail = Objects.requireNonNull(trail, "trail");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.writer = new SerialExecutor(pool);
    }

    /** The ward of the visit's patient (their bed's), for the entries of the visit; null if the patient is gone. */
    String wardOf(Visit visit) {
        return trail.database().inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT b.ward_id FROM patient p JOIN bed b ON b.id = p.bed_id WHERE p.id = ?")) {
                ps.setString(1, visit.patientId());
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? rs.getString(1) : null;
                }
            }
        });
    }

    /** An entry about a visit: {@code visit:<id>}, with its ward and patient. */
    static AuditEvent about(Visit visit, String wardId, String actor, AuditAction action, AuditOutcome outcome) {
        return AuditEvent.of(actor, action, outcome).target("visit", visit.id()).ward(wardId)
                .patient(visit.patientId());
    }

    /** Queues {@code event} for writing; returns at once. */
    void record(AuditEvent event) {
        Objects.requireNonNull(event, "event");
        queue(event.action().stored() + " by " + event.actor() + " on " + event.target(), () -> trail.record(event));
    }

    /**
     * Queues keeping {@code moment} on the visit's row, at the clock's instant now, unless an earlier one
     * is kept already; returns at once.
     */
    void moment(Visit visit, Moment moment) {
        long at = clock.millis();
        String id = visit.id();
        queue(moment.column + " of visit:" + id, () -> trail.database().inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE visit SET " + moment.column + " = ? WHERE id = ?"
                    + " AND " + moment.column + " IS NULL")) {
                ps.setLong(1, at);
                ps.setString(2, id);
                return ps.executeUpdate();
            }
        }));
    }

    /** Runs {@code write} on the writer, in turn; {@code what} names it in the log, by ids. */
    private void queue(String what, Runnable write) {
        if (pending.incrementAndGet() > MAX_PENDING) {
            pending.decrementAndGet();
            int n = dropped.incrementAndGet();
            if (n == 1 || n % 1000 == 0) {
                LOG.error("audit: {} call entries dropped so far: the database does not keep up (last: {})", n, what);
            }
            return;
        }
        try {
            writer.execute(() -> write(what, write));
        } catch (RejectedExecutionException e) {
            pending.decrementAndGet();
            LOG.warn("audit: the server is stopping; {} was not recorded", what);
        }
    }

    private void write(String what, Runnable write) {
        try {
            write.run();
        } catch (RuntimeException e) {
            LOG.error("audit: could not record {}: {}", what, e.toString());
        } finally {
            pending.decrementAndGet();
        }
    }

    /**
     * Waits until what was recorded before this call is written, up to {@code within}.
     *
     * @return false if it was not all written in time
     */
    boolean flush(Duration within) {
        CountDownLatch done = new CountDownLatch(1);
        try {
            writer.execute(done::countDown);
            return done.await(within.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
