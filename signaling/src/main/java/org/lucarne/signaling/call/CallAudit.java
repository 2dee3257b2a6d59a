package org.lucarne.signaling.call;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
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
 * <p>Entries are written in the order they are recorded, one at a time, on the call pool: never on
 * a visit's executor, so a slow database delays no call. A write that fails is logged and dropped;
 * the call goes on. Past {@link #MAX_PENDING} entries waiting (a database that no longer answers),
 * new ones are dropped and counted in the log rather than held in memory.
 */
final class CallAudit {
    private static final Logger LOG = LoggerFactory.getLogger(CallAudit.class);
    static final int MAX_PENDING = 10_000;

    private final AuditTrail trail;
    private final SerialExecutor writer;
    private final AtomicInteger pending = new AtomicInteger();
    private final AtomicInteger dropped = new AtomicInteger();

    CallAudit(AuditTrail trail, Executor pool) {
        this.trail = Objects.requireNonNull(trail, "trail");
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
        if (pending.incrementAndGet() > MAX_PENDING) {
            pending.decrementAndGet();
            int n = dropped.incrementAndGet();
            if (n == 1 || n % 1000 == 0) {
                LOG.error("audit: {} call entries dropped so far: the database does not keep up (last: {} on {})",
                        n, event.action().stored(), event.target());
            }
            return;
        }
        try {
            writer.execute(() -> write(event));
        } catch (RejectedExecutionException e) {
            pending.decrementAndGet();
            LOG.warn("audit: the server is stopping; {} by {} on {} was not recorded", event.action().stored(),
                    event.actor(), event.target());
        }
    }

    private void write(AuditEvent event) {
        try {
            trail.record(event);
        } catch (RuntimeException e) {
            LOG.error("audit: could not record {} by {} on {}: {}", event.action().stored(), event.actor(),
                    event.target(), e.toString());
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
