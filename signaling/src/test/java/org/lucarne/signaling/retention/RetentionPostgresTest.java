package org.lucarne.signaling.retention;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.lucarne.signaling.audit.AuditTrail;
import org.lucarne.signaling.invite.Invite;
import org.lucarne.signaling.invite.Invites;
import org.lucarne.signaling.storage.Database;
import org.lucarne.signaling.storage.DatabaseSettings;
import org.lucarne.signaling.storage.Dialect;
import org.lucarne.signaling.testing.AuditRows;
import org.lucarne.signaling.visit.NewVisit;
import org.lucarne.signaling.visit.Visit;
import org.lucarne.signaling.visit.Visits;

/** The contract on PostgreSQL, and what only PostgreSQL has: several nodes, and transactions that run side by side. */
class RetentionPostgresTest extends RetentionContract {

    @Override
    protected Dialect dialect() {
        return Dialect.POSTGRESQL;
    }

    @Test
    void twoNodesPurgingAtOnceWipeEachContactOnce() throws Exception {
        List<String> ids = rows.contacts("patient-1", 250);
        clock.set(T0.plus(Duration.ofDays(31)));
        ExecutorService two = Executors.newFixedThreadPool(2);
        try (Database otherNode = Database.open(backend.settings())) {
            Retention first = retention();
            Retention second = new Retention(SETTINGS, otherNode, rows.personal, new AuditTrail(otherNode, clock), clock,
                    Runnable::run);
            Future<Purged> a = two.submit(first::run);
            Future<Purged> b = two.submit(second::run);
            assertEquals(250, a.get(60, TimeUnit.SECONDS).contacts() + b.get(60, TimeUnit.SECONDS).contacts());
        } finally {
            two.shutdownNow();
        }
        assertTrue(ids.stream().allMatch(this::removed));
        int audited = 0;
        for (AuditRows.Row e : audit.since("retention.purged")) {
            audited += Integer.parseInt(e.detail().split(" ")[0].substring("contacts=".length()));
        }
        assertEquals(250, audited, "each contact counted once in the trail");
    }

    @Test
    void aBookingUnderWayKeepsTheContactItInvites() throws Exception {
        String alice = rows.contact("patient-1", "Alice Martin");
        clock.set(T0.plus(Duration.ofDays(31)));
        Instant start = clock.instant().plus(Duration.ofDays(1));
        ExecutorService purge = Executors.newSingleThreadExecutor();
        DatabaseSettings s = backend.settings();
        try (Connection booking = DriverManager.getConnection(s.jdbcUrl(), s.user(), s.password())) {
            booking.setAutoCommit(false);
            // As a booking does: the patient's row locked first, then the visit and its invites.
            Visits.lockPatient(booking, "patient-1");
            Visit v = new Visits(db, clock).create(booking, NewVisit.lasting("patient-1", "tablet-1", start,
                    Duration.ofMinutes(30), false), "staff:nurse");
            Invite invite = new Invites(db, clock).create(booking, alice, start, v.endsAt());
            new Visits(db, clock).attachInvite(booking, v.id(), invite.id());

            Future<Purged> run = purge.submit(retention()::run);
            waitForALockWait();
            assertFalse(run.isDone(), "the purge waits for the patient's row");
            booking.commit();
            assertEquals(0, run.get(30, TimeUnit.SECONDS).contacts());
        } finally {
            purge.shutdownNow();
        }
        assertFalse(removed(alice), "she was kept: her visit is to come");
        assertEquals("Alice Martin", name(alice));
    }

    /** Until a transaction waits for a lock another holds, for 10 s at most. */
    private void waitForALockWait() throws InterruptedException {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < until) {
            long waiting = db.inTransaction(c -> {
                try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM pg_locks WHERE NOT granted");
                        ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            });
            if (waiting > 0) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("the purge never waited for the booking's lock");
    }
}
