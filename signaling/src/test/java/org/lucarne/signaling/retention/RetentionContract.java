package org.lucarne.signaling.retention;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lucarne.signaling.audit.AuditTrail;
import org.lucarne.signaling.config.RetentionSettings;
import org.lucarne.signaling.personal.SealedColumns;
import org.lucarne.signaling.storage.Dialect;
import org.lucarne.signaling.storage.StorageContract;
import org.lucarne.signaling.testing.AtRest;
import org.lucarne.signaling.testing.AuditRows;
import org.lucarne.signaling.visit.Visit;
import org.lucarne.testing.ManualClock;
import org.lucarne.testing.ManualScheduler;

/**
 * The retention purge on a real database, its clock the test's: what goes on day N+1 after a visit and not on day
 * N, what a visit to come keeps, the counts in the audit trail, the wiped values gone from the files.
 */
abstract class RetentionContract extends StorageContract {
    static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    static final Duration DAYS_30 = Duration.ofDays(30);
    static final RetentionSettings SETTINGS = new RetentionSettings(DAYS_30, Duration.ofHours(1));

    final ManualClock clock = new ManualClock(T0);
    RetentionRows rows;
    AuditRows audit;

    @BeforeEach
    void seed() {
        rows = new RetentionRows(db, clock);
        audit = new AuditRows(db);
    }

    Retention retention() {
        return new Retention(SETTINGS, db, rows.personal, new AuditTrail(db, clock), clock, Runnable::run);
    }

    boolean removed(String contactId) {
        return rows.value("family_contact", "removed_at", contactId) != null;
    }

    String name(String contactId) {
        return rows.personal.open(SealedColumns.CONTACT_NAME, contactId,
                rows.value("family_contact", "display_name", contactId));
    }

    @Test
    void aContactIsWipedTheDayAfterRetentionDaysAfterTheirLastVisitAndNotBefore() {
        String alice = rows.contact("patient-1", "Alice Martin");
        Visit v = rows.visit("patient-1", T0.plus(Duration.ofHours(1)), alice);

        clock.set(v.endsAt().plus(DAYS_30));
        assertEquals(Purged.NONE, retention().run(), "day N: kept");
        assertEquals("Alice Martin", name(alice));

        clock.set(v.endsAt().plus(DAYS_30).plusMillis(1));
        Purged purged = retention().run();
        assertEquals(1, purged.contacts(), "day N+1: wiped");
        assertTrue(removed(alice));
        assertEquals("", name(alice), "the name is the sealed empty text, as for a contact staff removed");
        assertTrue(rows.stored("family_contact", alice, "relationship", "phone", "email").isEmpty());
        assertEquals("none", rows.value("family_contact", "channel", alice));
        assertEquals(alice, rows.value("family_contact", "id", alice), "the row and its id stay");
        assertNotNull(rows.value("visit", "id", v.id()), "the visit stays, for the reports");
        assertEquals(Purged.NONE, retention().run(), "wiped once");
    }

    @Test
    void aContactWithAVisitToComeIsKeptUntilThatVisitIsOverRetentionDaysAgo() {
        String alice = rows.contact("patient-1", "Alice Martin");
        String bruno = rows.contact("patient-1", "Bruno Martin");
        Visit first = rows.visit("patient-1", T0.plus(Duration.ofHours(1)), alice, bruno);
        Visit later = rows.visit("patient-1", T0.plus(Duration.ofDays(40)), bruno);

        clock.set(first.endsAt().plus(Duration.ofDays(31)));
        assertEquals(1, retention().run().contacts());
        assertTrue(removed(alice));
        assertEquals("Bruno Martin", name(bruno), "his visit of day 40 is still to come");

        clock.set(later.endsAt().plus(DAYS_30));
        assertEquals(0, retention().run().contacts());
        clock.set(later.endsAt().plus(Duration.ofDays(31)));
        assertEquals(1, retention().run().contacts());
        assertTrue(removed(bruno));
    }

    @Test
    void aCancelledVisitCountsFromItsCancellationAndAContactNeverInvitedFromTheirAddition() {
        String alice = rows.contact("patient-1", "Alice Martin");
        String never = rows.contact("patient-1", "Nora Never");
        Visit v = rows.visit("patient-1", T0.plus(Duration.ofDays(20)), alice);
        db.inTransaction(c -> new org.lucarne.signaling.visit.Visits(db, clock).end(c, v.id(),
                org.lucarne.signaling.visit.VisitEndReason.CANCELLED));

        clock.set(T0.plus(DAYS_30));
        assertEquals(0, retention().run().contacts(), "added 30 days ago exactly, cancelled 30 days ago");
        clock.set(T0.plus(Duration.ofDays(31)));
        assertEquals(2, retention().run().contacts());
        assertTrue(removed(alice) && removed(never));
    }

    @Test
    void aDischargedPatientsNameAndIdentifiersGoAfterTheirDischargeAndLastVisit() {
        String alice = rows.contact("patient-2", "Alice Martin");
        Visit v = rows.visit("patient-2", T0.plus(Duration.ofHours(1)), alice);
        rows.smsSent(v.id(), alice, "gw-4f2a");
        rows.discharged("patient-2", T0.plus(Duration.ofDays(2)));

        clock.set(T0.plus(Duration.ofDays(32)));
        Purged day32 = retention().run();
        assertEquals(new Purged(1, 0, 1, 0, false), day32, "the visit is over 30 days ago; the discharge is not");
        assertNull(rows.value("notify_message", "gateway_id", "msg-gw-4f2a"));
        assertEquals("sent", rows.value("notify_message", "status", "msg-gw-4f2a"), "the message's record stays");
        assertEquals("Patient 2", rows.personal.open(SealedColumns.PATIENT_NAME, "patient-2",
                rows.value("patient", "display_name", "patient-2")));

        clock.set(T0.plus(Duration.ofDays(33)));
        assertEquals(new Purged(0, 1, 0, 0, false), retention().run());
        assertEquals("", rows.personal.open(SealedColumns.PATIENT_NAME, "patient-2",
                rows.value("patient", "display_name", "patient-2")));
        assertTrue(rows.stored("patient", "patient-2", "ins", "hospital_id", "hospital_id_index").isEmpty());
        assertEquals(Long.toString(clock.millis()), rows.value("patient", "purged_at", "patient-2"));
        assertNotNull(rows.value("patient", "discharged_at", "patient-2"), "times stay");
        assertEquals("Patient 1", rows.personal.open(SealedColumns.PATIENT_NAME, "patient-1",
                rows.value("patient", "display_name", "patient-1")), "an admitted patient is never purged");
        assertEquals(Purged.NONE, retention().run());
    }

    @Test
    void eachBatchIsAuditedWithItsCountsAndNobodyNamed() {
        rows.contacts("patient-1", 250);
        clock.set(T0.plus(Duration.ofDays(31)));
        Purged purged = retention().run();
        assertEquals(250, purged.contacts());
        List<AuditRows.Row> entries = audit.since("retention.purged");
        assertEquals(3, entries.size(), "batches of " + RetentionPurge.BATCH + ", each in its own transaction");
        assertEquals(List.of("contacts=100 patients=0 gateway_ids=0 staff_sessions=0 envelopes=0 photos=0 days=30"
                                + " before=2026-03-02T10:00:00Z",
                        "contacts=100 patients=0 gateway_ids=0 staff_sessions=0 envelopes=0 photos=0 days=30"
                                + " before=2026-03-02T10:00:00Z",
                        "contacts=50 patients=0 gateway_ids=0 staff_sessions=0 envelopes=0 photos=0 days=30"
                                + " before=2026-03-02T10:00:00Z"),
                entries.stream().map(AuditRows.Row::detail).toList());
        for (AuditRows.Row e : entries) {
            assertEquals("system", e.actor());
            assertEquals("success", e.outcome());
            assertNull(e.target());
            assertNull(e.ward());
            assertNull(e.patient());
        }
        assertEquals(3, audit.since().size(), "and nothing else");
    }

    @Test
    void theWipedValuesAreGoneFromTheTablesAndTheDatabaseFiles() {
        String alice = rows.contact("patient-2", "Alice Martin");
        rows.visit("patient-2", T0.plus(Duration.ofHours(1)), alice);
        rows.discharged("patient-2", T0.plus(Duration.ofDays(1)));
        List<String> sealed = new java.util.ArrayList<>(rows.stored("family_contact", alice, "display_name",
                "relationship", "phone", "email"));
        sealed.addAll(rows.stored("patient", "patient-2", "display_name", "ins", "hospital_id", "hospital_id_index"));
        assertEquals(8, sealed.size());
        if (dialect() == Dialect.SQLITE) {
            db.scrub(List.of()); // what was written is in the database file itself now, not only in the WAL
        }

        clock.set(T0.plus(Duration.ofDays(40)));
        assertEquals(new Purged(1, 1, 0, 0, false), retention().run());
        String[] values = sealed.toArray(String[]::new);
        AtRest.assertNoTableHolds(db, values);
        if (dialect() == Dialect.SQLITE) {
            Path file = backend.directory().resolve("lucarne.db");
            AtRest.assertNoneOf(file, values);
            db.close();
            AtRest.assertNoneOf(backend.directory(), values);
        }
    }

    @Test
    void itRunsAMinuteAfterStartThenEveryInterval() {
        String alice = rows.contact("patient-1", "Alice Martin");
        String bruno = rows.contact("patient-1", "Bruno Martin");
        Visit v = rows.visit("patient-1", T0.plus(Duration.ofDays(1)), bruno);
        // Started so that Bruno's visit is over 30 days ago half an hour after the first run.
        Instant start = v.endsAt().plus(DAYS_30).minus(Duration.ofMinutes(31));
        clock.set(start);
        ManualScheduler timers = new ManualScheduler(clock);
        Retention r = new Retention(SETTINGS, db, rows.personal, new AuditTrail(db, clock), clock, timers);
        r.start(timers);

        timers.advance(Duration.ofSeconds(59));
        assertTrue(!removed(alice), "not yet");
        timers.advance(Duration.ofSeconds(1));
        assertTrue(removed(alice), "a minute after start");
        assertTrue(!removed(bruno), "his visit was over less than 30 days ago then");
        timers.advance(Duration.ofMinutes(59));
        assertTrue(!removed(bruno), "the next run is an hour after the first");
        timers.advance(Duration.ofMinutes(1));
        assertTrue(removed(bruno));

        r.stop();
        String carla = rows.contact("patient-1", "Carla Martin");
        timers.advance(Duration.ofDays(31));
        assertTrue(!removed(carla), "stopped: no run any more");
        assertEquals(0, timers.pending());
        assertTrue(timers.failures().isEmpty(), timers.failures().toString());
    }

    /** Each of the purge's questions can be answered through an index, whatever the tables hold over the years. */
    @Test
    void aStaffSessionGoesRetentionDaysAfterItsEndAndAnOpenOrRecentOneStays() {
        String old = rows.staffSession(T0, T0.minus(Duration.ofHours(3)));
        String expired = rows.staffSession(T0.plus(Duration.ofHours(1)), null);
        String recent = rows.staffSession(T0.plus(Duration.ofDays(2)), T0.plus(Duration.ofDays(1)));
        String open = rows.staffSession(T0.plus(Duration.ofDays(40)), null);

        clock.set(T0.plus(DAYS_30));
        assertEquals(0, retention().run().staffSessions(), "not yet retention.days after their end");
        clock.set(T0.plus(DAYS_30).plus(Duration.ofHours(2)));
        Purged purged = retention().run();
        assertEquals(2, purged.staffSessions(), "signed out, and expired without a sign-out, both over 30 days ago");
        assertEquals(java.util.stream.Stream.of(recent, open).sorted().toList(), rows.staffSessions());
        assertTrue(audit.since("retention.purged").get(0).detail().startsWith(
                "contacts=0 patients=0 gateway_ids=0 staff_sessions=2 "), "counted in the audit trail");
        assertTrue(!rows.staffSessions().contains(old) && !rows.staffSessions().contains(expired));
    }

    @Test
    void envelopesAndPhotosGoAfterTheRelaysQueueDaysReadOrNot() {
        String jean = org.lucarne.signaling.ws.protocol.Base64Url.encode(new byte[16]);
        String tablet = org.lucarne.signaling.ws.protocol.Base64Url.encode(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10,
                11, 12, 13, 14, 15, 16});
        db.inTransaction(c -> {
            org.lucarne.signaling.relay.EnvelopeQueue.enqueue(c, tablet, jean, new byte[300], T0);
            org.lucarne.signaling.relay.EnvelopeQueue.enqueue(c, tablet, jean, new byte[300], T0.plus(Duration.ofDays(10)));
            org.lucarne.signaling.relay.Blobs.put(c, jean, 0, 1, new byte[org.lucarne.signaling.relay.Blobs.CHUNK_BYTES],
                    jean, "patient-1", T0);
            return null;
        });
        Duration queueDays = Duration.ofDays(30);
        clock.set(T0.plus(queueDays));
        Retention r = new Retention(SETTINGS, queueDays, db, rows.personal, new AuditTrail(db, clock), clock,
                Runnable::run);
        assertEquals(Purged.NONE, r.run(), "30 days exactly: kept");
        clock.set(T0.plus(queueDays).plusMillis(1));
        assertEquals(new Purged(0, 0, 0, 0, 1, 1, false), r.run());
        assertEquals(List.of(2L), db.inTransaction(c -> org.lucarne.signaling.relay.EnvelopeQueue.after(c, tablet, 0, 10))
                .stream().map(org.lucarne.signaling.relay.EnvelopeQueue.Queued::seq).toList());
        assertTrue(audit.since("retention.purged").get(0).detail().startsWith(
                "contacts=0 patients=0 gateway_ids=0 staff_sessions=0 envelopes=1 photos=1 "), "counted, nothing named");
    }

    @Test
    void thePurgesQuestionsReadIndexes() {
        List<String> contacts = rows.contacts("patient-1", 300);
        Visit v = rows.visit("patient-1", T0.plus(Duration.ofHours(1)), contacts.get(0));
        rows.smsSent(v.id(), contacts.get(0), "gw-1");
        rows.discharged("patient-2", T0);
        long cutoff = T0.plus(Duration.ofDays(1)).toEpochMilli();
        assertIndexed(RetentionPurge.CONTACTS, cutoff, cutoff, cutoff);
        assertIndexed(RetentionPurge.PATIENTS, cutoff, cutoff, cutoff);
        assertIndexed(RetentionPurge.GATEWAY_IDS, cutoff, cutoff);
        rows.staffSession(T0, null);
        assertIndexed(RetentionPurge.STAFF_SESSIONS, cutoff);
    }

    /**
     * No table read whole: SQLite's plan has no {@code SCAN} step (but of a {@code *_kept} partial index, which holds
     * only what is left to purge); PostgreSQL's, with sequential scans priced out
     * (on a test's few rows the planner would rather read them all), has no {@code Seq Scan}.
     */
    void assertIndexed(String sql, long... params) {
        List<String> plan = db.inTransaction(c -> {
            if (dialect() == Dialect.POSTGRESQL) {
                try (var st = c.createStatement()) {
                    st.execute("ANALYZE");
                    st.execute("SET LOCAL enable_seqscan = off");
                }
            }
            List<String> lines = new java.util.ArrayList<>();
            try (var ps = c.prepareStatement((dialect() == Dialect.SQLITE ? "EXPLAIN QUERY PLAN " : "EXPLAIN ") + sql)) {
                for (int i = 0; i < params.length; i++) {
                    ps.setLong(i + 1, params[i]);
                }
                try (var rs = ps.executeQuery()) {
                    while (rs.next()) {
                        lines.add(dialect() == Dialect.SQLITE ? rs.getString("detail") : rs.getString(1));
                    }
                }
            }
            return lines;
        });
        String text = String.join("\n", plan);
        if (dialect() == Dialect.SQLITE) {
            // A whole scan only of the partial indexes V014 made for the purge: they hold the rows left to purge.
            assertTrue(plan.stream().noneMatch(l -> l.strip().startsWith("SCAN ") && !l.contains("_kept")), text);
        } else {
            assertTrue(!text.contains("Seq Scan"), text);
        }
    }
}
