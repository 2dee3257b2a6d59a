package org.lucarne.signaling.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.lucarne.testing.ManualClock;
import org.lucarne.signaling.storage.StorageContract;

/**
 * {@code audit verify} against a trail altered behind the application, as someone holding the
 * database would: the append-only triggers dropped (SQLite) or disabled by the table owner
 * (PostgreSQL) first. Each alteration must be found and the entry named.
 */
abstract class AuditVerifierContract extends StorageContract {
    static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
    static final int ENTRIES = 10;

    @TempDir
    Path dir;
    Path headFile;
    ManualClock clock;
    AuditTrail trail;
    /** Reads three entries at a time, so that every check also crosses chunk boundaries. */
    AuditVerifier verifier;

    @BeforeEach
    void setUpTrail() {
        headFile = dir.resolve("audit-head.json");
        clock = new ManualClock(NOW);
        trail = new AuditTrail(db, clock);
        verifier = new AuditVerifier(new AuditReader(db, 3));
        appendEntries(ENTRIES);
    }

    void appendEntries(int n) {
        for (int i = 0; i < n; i++) {
            clock.advance(Duration.ofMinutes(1));
            trail.record(AuditTrailContract.event(AuditRows.count(db) + 1));
        }
    }

    void copyHead() {
        AuditHeadFile.of(trail.head(), clock.instant(), "node-a").write(headFile);
    }

    AuditVerification verify() {
        return verifier.verify(headFile);
    }

    static void assertBroken(AuditVerification v, long seq, String message) {
        assertFalse(v.intact(), v.summary());
        assertEquals(message, v.broken().orElseThrow().message());
        assertEquals(seq, v.broken().orElseThrow().seq());
        assertEquals("audit trail BROKEN: " + message, v.summary());
    }

    @Test
    void intactTrailPassesNamingItsHeadAndTheHeadFile() {
        copyHead();
        AuditVerification v = verify();
        AuditEntry head = trail.head().orElseThrow();
        assertTrue(v.intact(), v.summary());
        assertEquals(ENTRIES, v.entries());
        assertEquals(Optional.empty(), v.warning());
        assertEquals("audit trail intact: 10 entries, head entry 10 hash " + head.hash() + "; head file " + headFile
                + " (node-a, 2026-03-01T10:10:00Z): entry 10 matches", v.summary());
    }

    @Test
    void intactTrailPassesWhenReadInDefaultChunks() {
        copyHead();
        assertTrue(new AuditVerifier(db).verify(headFile).intact());
    }

    @Test
    void emptyTrailPasses() {
        AuditRows.removeGuard(db);
        AuditRows.execute(db, "DELETE FROM audit_entry");
        AuditVerification v = verify();
        assertTrue(v.intact(), v.summary());
        assertEquals(0, v.entries());
        assertTrue(v.summary().startsWith("audit trail intact: 0 entries (the trail is empty); no head file"),
                v.summary());
    }

    @Test
    void withoutHeadFileTheChainAloneIsVerifiedWithAWarning() {
        AuditVerification v = verify();
        assertTrue(v.intact(), v.summary());
        assertTrue(v.summary().endsWith("; no head file at " + headFile), v.summary());
        assertTrue(v.warning().orElseThrow().startsWith("warning: there is no audit head file at " + headFile
                + " yet, so only the chain was verified: entries removed from the end would not be seen."),
                v.warning().toString());
    }

    @Test
    void headCopiedByAnotherNodeEarlierStillMatches() {
        AuditHeadFile.of(Optional.of(AuditRows.all(db).get(3)), NOW, "node-b").write(headFile);
        appendEntries(5);
        AuditVerification v = verify();
        assertTrue(v.intact(), v.summary());
        assertEquals(15, v.entries());
        assertTrue(v.summary().endsWith("(node-b, 2026-03-01T10:00:00Z): entry 4 matches"), v.summary());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"at", "actor", "action", "target", "ward_id", "patient_id", "address", "outcome",
            "detail", "prev_hash", "hash"})
    void editingAnyFieldOfAMiddleEntryIsFoundAndNamed(String column) {
        copyHead();
        AuditRows.removeGuard(db);
        AuditRows.set(db, 5, column, switch (column) {
            case "at" -> (Object) (AuditRows.all(db).get(4).at() + 1);
            case "prev_hash", "hash" -> "f".repeat(64);
            default -> "x";
        });
        assertBroken(verify(), 5, "entry 5: its fields do not match its hash (altered)");
    }

    @Test
    void editingASeqIsFoundAsTheEntryMissingFromItsPlace() {
        copyHead();
        AuditRows.removeGuard(db);
        AuditRows.set(db, 5, "seq", 1000L);
        assertBroken(verify(), 5, "entry 5 is missing (deleted): the trail goes from entry 4 to entry 6");
    }

    @Test
    void editingAnEntryAndRecomputingItsHashIsFoundAtTheNextEntry() {
        AuditRows.removeGuard(db);
        AuditEntry fifth = AuditRows.all(db).get(4);
        AuditEntry forged = new AuditEntry(5, fifth.at(), "staff:someone-else", fifth.action(), fifth.target(),
                fifth.wardId(), fifth.patientId(), fifth.address(), fifth.outcome(), fifth.detail(), fifth.prevHash(),
                null);
        AuditRows.replace(db, forged.withHash(AuditCanonical.hash(forged)));
        assertBroken(verify(), 6, "entry 6: its prev_hash is not the hash of entry 5 (entry 5 was altered and its"
                + " hash recomputed, or entry 6 was put there from elsewhere)");
    }

    @Test
    void deletingAMiddleEntryIsFoundAndNamed() {
        copyHead();
        AuditRows.removeGuard(db);
        AuditRows.execute(db, "DELETE FROM audit_entry WHERE seq = 5");
        assertBroken(verify(), 5, "entry 5 is missing (deleted): the trail goes from entry 4 to entry 6");
    }

    @Test
    void deletingSeveralMiddleEntriesNamesTheFirst() {
        AuditRows.removeGuard(db);
        AuditRows.execute(db, "DELETE FROM audit_entry WHERE seq BETWEEN 4 AND 7");
        assertBroken(verify(), 4, "entries 4 to 7 are missing (deleted): the trail goes from entry 3 to entry 8");
    }

    @Test
    void deletingTheFirstEntryIsFoundAndNamed() {
        AuditRows.removeGuard(db);
        AuditRows.execute(db, "DELETE FROM audit_entry WHERE seq = 1");
        assertBroken(verify(), 1, "entry 1 is missing (deleted): the trail starts at entry 2");
    }

    @Test
    void swappingTheSeqsOfTwoEntriesIsFoundAndNamed() {
        AuditRows.removeGuard(db);
        AuditRows.set(db, 5, "seq", 1_000_000L);
        AuditRows.set(db, 6, "seq", 5L);
        AuditRows.set(db, 1_000_000, "seq", 6L);
        assertBroken(verify(), 5, "entry 5: its fields do not match its hash (altered)");
    }

    @Test
    void deletingTheLastEntriesIsCaughtByTheHeadFile() {
        copyHead();
        AuditRows.removeGuard(db);
        AuditRows.execute(db, "DELETE FROM audit_entry WHERE seq >= 8");
        assertBroken(verify(), 8, "the trail ends at entry 7 but the head file recorded entry 10 at"
                + " 2026-03-01T10:10:00Z (node-a): entries were removed from the end (entries 8 to 10 at least)");
    }

    @Test
    void deletingTheLastEntryIsCaughtByTheHeadFile() {
        copyHead();
        AuditRows.removeGuard(db);
        AuditRows.execute(db, "DELETE FROM audit_entry WHERE seq = 10");
        assertBroken(verify(), 10, "the trail ends at entry 9 but the head file recorded entry 10 at"
                + " 2026-03-01T10:10:00Z (node-a): entries were removed from the end (entry 10 at least)");
    }

    @Test
    void deletingEveryEntryIsCaughtByTheHeadFile() {
        copyHead();
        AuditRows.removeGuard(db);
        AuditRows.execute(db, "DELETE FROM audit_entry");
        assertBroken(verify(), 1, "the trail is empty but the head file recorded entry 10 at"
                + " 2026-03-01T10:10:00Z (node-a): entries were removed from the end (entries 1 to 10 at least)");
    }

    @Test
    void deletingTheLastEntriesGoesUnseenWithoutTheHeadFile() {
        AuditRows.removeGuard(db);
        AuditRows.execute(db, "DELETE FROM audit_entry WHERE seq >= 8");
        AuditVerification v = verify();
        // What the chain alone cannot see, and why the head is kept outside the database.
        assertTrue(v.intact(), v.summary());
        assertEquals(7, v.entries());
        assertTrue(v.warning().isPresent());
    }

    @ParameterizedTest(name = "rewritten from entry {0}, head at 8")
    @ValueSource(ints = {3, 8})
    void tailRewrittenWithRecomputedHashesIsCaughtByTheHeadFile(int from) {
        AuditHeadFile.of(Optional.of(AuditRows.all(db).get(7)), clock.instant(), "node-a").write(headFile);
        rewriteFrom(from);
        AuditVerification v = verify();
        assertBroken(v, 8, "entry 8 does not have the hash the head file recorded for it at 2026-03-01T10:10:00Z"
                + " (node-a): the trail was rewritten at least up to entry 8 (entries altered and their hashes"
                + " recomputed)");
    }

    @Test
    void tailRewrittenAfterTheHeadGoesUnseen() {
        AuditHeadFile.of(Optional.of(AuditRows.all(db).get(7)), clock.instant(), "node-a").write(headFile);
        rewriteFrom(9);
        // Entries appended since the last copy of the head are protected by the chain alone.
        assertTrue(verify().intact());
    }

    @Test
    void damagedHeadFileIsRefusedNamingIt() throws IOException {
        Files.writeString(headFile, "{\"format\":\"lucarne-audit-head-v1\",\"seq\":");
        AuditHeadException e = assertThrows(AuditHeadException.class, this::verify);
        assertTrue(e.getMessage().startsWith("the audit head file " + headFile + " cannot be used: it is not JSON"),
                e.getMessage());
    }

    /** Alters entry {@code from} and rewrites it and every later entry with hashes that chain again. */
    private void rewriteFrom(int from) {
        AuditRows.removeGuard(db);
        List<AuditEntry> all = AuditRows.all(db);
        String prev = all.get(from - 2).hash();
        for (AuditEntry e : all.subList(from - 1, all.size())) {
            AuditEntry forged = new AuditEntry(e.seq(), e.at(), e.actor(), e.action(), e.target(), e.wardId(),
                    e.patientId(), e.address(), e.outcome(), e.seq() == from ? "forged" : e.detail(), prev, null);
            forged = forged.withHash(AuditCanonical.hash(forged));
            AuditRows.replace(db, forged);
            prev = forged.hash();
        }
        assertTrue(verifier.verify(dir.resolve("none.json")).intact(), "the rewrite chains again");
    }
}
