package org.lucarne.signaling.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lucarne.testing.ManualClock;
import org.lucarne.signaling.storage.StorageContract;
import org.lucarne.signaling.storage.StorageException;

/** What {@link AuditTrail} promises on every dialect: one unbroken chain, appended with the change it records. */
abstract class AuditTrailContract extends StorageContract {
    static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");

    ManualClock clock;
    AuditTrail trail;
    @TempDir
    Path dir;

    @BeforeEach
    void setUpTrail() {
        clock = new ManualClock(NOW);
        trail = new AuditTrail(db, clock);
    }

    static AuditEvent event(int i) {
        return AuditEvent.of(AuditEvent.staff("u-" + i), AuditAction.PATIENT_VIEWED, AuditOutcome.SUCCESS)
                .target("patient", "p-" + i).ward("ward-a").patient("p-" + i).from("192.0.2." + (i % 250))
                .detail("n=" + i);
    }

    @Test
    void firstEntryIsSeqOneChainedToTheGenesis() {
        AuditEntry first = trail.record(event(1));
        assertEquals(1, first.seq());
        assertEquals(AuditCanonical.GENESIS, first.prevHash());
        assertTrue(first.hashMatches());
        assertEquals(List.of(first), AuditRows.all(db));
    }

    @Test
    void entriesFollowOneAnotherWithoutGapsEachHoldingThePreviousHash() {
        AuditEntry a = trail.record(event(1));
        AuditEntry b = trail.record(event(2));
        AuditEntry c = trail.record(event(3));
        assertEquals(List.of(1L, 2L, 3L), List.of(a.seq(), b.seq(), c.seq()));
        assertEquals(a.hash(), b.prevHash());
        assertEquals(b.hash(), c.prevHash());
        assertEquals(List.of(a, b, c), AuditRows.all(db));
        assertEquals(c, trail.head().orElseThrow());
    }

    @Test
    void entryIsStoredWithEveryFieldAsGivenAndTheClocksTime() {
        clock.advance(Duration.ofMillis(1234));
        AuditEntry stored = trail.record(AuditEvent.of(AuditEvent.staff("u-1"), AuditAction.SIGN_IN,
                AuditOutcome.FAILURE).target("user", "u-1").ward("réa-2").patient("p-9").from("2001:db8::1")
                .detail("reason=wrong_password"));
        AuditEntry expected = new AuditEntry(1, NOW.toEpochMilli() + 1234, "staff:u-1", "sign_in", "user:u-1",
                "réa-2", "p-9", "2001:db8::1", "failure", "reason=wrong_password", AuditCanonical.GENESIS, null);
        assertEquals(expected.withHash(AuditCanonical.hash(expected)), stored);
        assertEquals(List.of(stored), AuditRows.all(db));
    }

    @Test
    void absentFieldsAreStoredAsAbsentNotEmpty() {
        AuditEntry stored = trail.record(AuditEvent.of(AuditEvent.CLI, AuditAction.ADMIN_COMMAND, AuditOutcome.SUCCESS));
        AuditEntry read = AuditRows.all(db).get(0);
        assertEquals(stored, read);
        assertEquals(null, read.target());
        assertEquals(null, read.detail());
        assertTrue(read.hashMatches());
    }

    @Test
    void entryOfARolledBackTransactionLeavesNothingAndTheChainGoesOn() {
        AuditEntry first = trail.record(event(1));
        assertThrows(IllegalStateException.class, () -> db.inTransaction(c -> {
            trail.append(c, event(2));
            throw new IllegalStateException("the change failed");
        }));
        assertEquals(List.of(first), AuditRows.all(db));
        AuditEntry next = trail.record(event(3));
        assertEquals(2, next.seq());
        assertEquals(first.hash(), next.prevHash());
    }

    @Test
    void entryCommitsWithTheChangeItRecords() {
        db.inTransaction(c -> {
            try (var st = c.createStatement()) {
                st.executeUpdate("INSERT INTO ward (id, name) VALUES ('ward-a', 'A')");
            }
            return trail.append(c, event(1));
        });
        assertEquals(1, AuditRows.count(db));
    }

    @Test
    void appendsFromEightThreadsMakeOneUnbrokenChain() throws Exception {
        int threads = 8;
        int each = 50;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    go.await();
                    for (int i = 0; i < each; i++) {
                        trail.record(event(thread * 1000 + i));
                    }
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> f : done) {
                f.get(120, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        List<AuditEntry> all = AuditRows.all(db);
        assertEquals(threads * each, all.size());
        String prev = AuditCanonical.GENESIS;
        for (int i = 0; i < all.size(); i++) {
            AuditEntry e = all.get(i);
            assertEquals(i + 1, e.seq());
            assertEquals(prev, e.prevHash(), "entry " + e.seq());
            assertTrue(e.hashMatches(), "entry " + e.seq());
            prev = e.hash();
        }
        assertTrue(new AuditVerifier(db).verify(dir.resolve("no-head.json")).intact());
    }

    @Test
    void databaseRefusesToUpdateAnEntry() {
        trail.record(event(1));
        StorageException e = assertThrows(StorageException.class,
                () -> AuditRows.execute(db, "UPDATE audit_entry SET actor = 'staff:someone-else' WHERE seq = 1"));
        assertTrue(e.getMessage().contains("the audit trail is append-only: UPDATE on audit_entry refused"),
                e.getMessage());
        assertEquals("staff:u-1", AuditRows.all(db).get(0).actor());
    }

    @Test
    void databaseRefusesToDeleteAnEntry() {
        trail.record(event(1));
        trail.record(event(2));
        StorageException e = assertThrows(StorageException.class,
                () -> AuditRows.execute(db, "DELETE FROM audit_entry WHERE seq = 2"));
        assertTrue(e.getMessage().contains("the audit trail is append-only: DELETE on audit_entry refused"),
                e.getMessage());
        assertEquals(2, AuditRows.count(db));
    }

    @Test
    void databaseRefusesToDeleteEveryEntryAtOnce() {
        trail.record(event(1));
        assertThrows(StorageException.class, () -> AuditRows.execute(db, "DELETE FROM audit_entry"));
        assertEquals(1, AuditRows.count(db));
    }
}
