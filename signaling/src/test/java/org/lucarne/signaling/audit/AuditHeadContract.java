package org.lucarne.signaling.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lucarne.testing.ManualClock;
import org.lucarne.testing.ManualScheduler;
import org.lucarne.signaling.storage.StorageContract;

/** The head copied outside the database: at start, every interval, at stop; never over evidence. */
abstract class AuditHeadContract extends StorageContract {
    static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
    static final Duration INTERVAL = Duration.ofMinutes(5);

    @TempDir
    Path dir;
    Path file;
    ManualClock clock;
    ManualScheduler scheduler;
    AuditTrail trail;
    AuditHead head;

    @BeforeEach
    void setUpHead() {
        file = dir.resolve("audit-head.json");
        clock = new ManualClock(NOW);
        scheduler = new ManualScheduler(clock);
        trail = new AuditTrail(db, clock);
        head = new AuditHead(trail, file, "node-a", clock, scheduler, INTERVAL);
    }

    @AfterEach
    void stopHead() {
        head.stop();
    }

    void append(int n) {
        for (int i = 0; i < n; i++) {
            trail.record(AuditTrailContract.event(i));
        }
    }

    AuditHeadFile recorded() {
        return AuditHeadFile.read(file).orElseThrow();
    }

    @Test
    void startCopiesTheHeadAtOnceReadableByItsOwnerOnly() throws IOException {
        append(3);
        head.start();
        assertEquals(new AuditHeadFile(3, trail.head().orElseThrow().hash(), NOW, "node-a"), recorded());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    }

    @Test
    void emptyTrailIsCopiedAsSeqZeroAndTheGenesisHash() {
        head.start();
        assertEquals(new AuditHeadFile(0, AuditCanonical.GENESIS, NOW, "node-a"), recorded());
    }

    @Test
    void headIsCopiedAgainEveryIntervalAndNotBefore() {
        append(3);
        head.start();
        append(2);
        scheduler.advance(INTERVAL.minusSeconds(1));
        assertEquals(3, recorded().seq());
        scheduler.advance(Duration.ofSeconds(1));
        assertEquals(new AuditHeadFile(5, trail.head().orElseThrow().hash(), NOW.plus(INTERVAL), "node-a"),
                recorded());
        append(1);
        scheduler.advance(INTERVAL);
        assertEquals(new AuditHeadFile(6, trail.head().orElseThrow().hash(), NOW.plus(INTERVAL.multipliedBy(2)),
                "node-a"), recorded());
    }

    @Test
    void unchangedHeadIsCopiedWithTheTimeOfTheCopy() {
        append(1);
        head.start();
        scheduler.advance(INTERVAL);
        assertEquals(NOW.plus(INTERVAL), recorded().at());
        assertEquals(1, recorded().seq());
    }

    @Test
    void stopCopiesOnceMoreAndNothingRunsAfter() {
        append(1);
        head.start();
        assertEquals(1, scheduler.pending());
        append(2);
        clock.advance(Duration.ofSeconds(30));
        head.stop();
        assertEquals(new AuditHeadFile(3, trail.head().orElseThrow().hash(), NOW.plusSeconds(30), "node-a"),
                recorded());
        assertEquals(0, scheduler.pending());
        append(1);
        scheduler.advance(INTERVAL.multipliedBy(3));
        assertEquals(3, recorded().seq());
    }

    @Test
    void copyLogsOneLineWithTheHead() {
        append(2);
        AuditHead.Copy copy = head.copyNow();
        assertTrue(copy.written());
        assertEquals("audit head: entry 2 hash " + trail.head().orElseThrow().hash() + " at 2026-03-01T10:00:00Z,"
                + " copied to " + file, copy.logLine(file));
    }

    @Test
    void headFileTheTrailNoLongerReachesIsKeptAsEvidence() {
        append(3);
        AuditHeadFile evidence = new AuditHeadFile(10, "a".repeat(64), NOW.minusSeconds(600), "node-a");
        evidence.write(file);
        head.start();
        assertEquals(evidence, recorded());
        AuditHead.Copy copy = head.copyNow();
        assertFalse(copy.written());
        assertEquals("audit head NOT copied to " + file + ": the trail ends at entry 3 but the head file recorded"
                + " entry 10 at 2026-03-01T09:50:00Z (node-a): entries were removed from the end (entries 4 to 10 at"
                + " least). Run ./lucarne audit verify; docs/operations.md, \"Audit trail\", says what to do",
                copy.logLine(file));
        append(10);
        scheduler.advance(INTERVAL);
        assertEquals(evidence, recorded(), "entry 10 now exists but is not the one recorded: still kept");
    }

    @Test
    void headFileWhoseEntryHasAnotherHashIsKeptAsEvidence() {
        append(3);
        AuditHeadFile evidence = new AuditHeadFile(2, "b".repeat(64), NOW.minusSeconds(600), "node-a");
        evidence.write(file);
        head.start();
        assertEquals(evidence, recorded());
        assertTrue(head.copyNow().keptBecause().orElseThrow().startsWith("entry 2 does not have the hash the head"
                + " file recorded for it"));
    }

    @Test
    void damagedHeadFileIsKeptAsEvidence() throws IOException {
        append(1);
        Files.writeString(file, "not a head");
        head.start();
        assertEquals("not a head", Files.readString(file));
        assertTrue(head.copyNow().keptBecause().orElseThrow().startsWith("the audit head file " + file
                + " cannot be used: it is not JSON"));
    }

    @Test
    void copiesResumeOnceTheOperatorMovedTheOldFileAside() throws IOException {
        append(3);
        new AuditHeadFile(10, "a".repeat(64), NOW, "node-a").write(file);
        head.start();
        Files.move(file, dir.resolve("audit-head.json.investigated"));
        scheduler.advance(INTERVAL);
        assertEquals(3, recorded().seq());
    }

    @Test
    void headFileStillHeldIsOverwrittenAtStart() {
        append(3);
        AuditHeadFile.of(trail.head(), NOW.minusSeconds(3600), "node-a").write(file);
        append(1);
        head.start();
        assertEquals(new AuditHeadFile(4, trail.head().orElseThrow().hash(), NOW, "node-a"), recorded());
    }

    @Test
    void unwritableHeadFileStopsTheStartNamingIt() {
        AuditHead nowhere = new AuditHead(trail, dir.resolve("missing").resolve("audit-head.json"), "node-a", clock,
                scheduler, INTERVAL);
        AuditHeadException e = assertThrows(AuditHeadException.class, nowhere::start);
        assertTrue(e.getMessage().startsWith("cannot write the audit head file " + dir.resolve("missing")
                .resolve("audit-head.json") + " (audit.head.file): "), e.getMessage());
        assertEquals(0, scheduler.pending());
    }

    @Test
    void failedCopyIsTriedAgainAtTheNextInterval() throws IOException {
        Path sub = Files.createDirectory(dir.resolve("sub"));
        Path subFile = sub.resolve("audit-head.json");
        AuditHead h = new AuditHead(trail, subFile, "node-a", clock, scheduler, INTERVAL);
        append(1);
        h.start();
        Files.delete(subFile);
        Files.delete(sub);
        append(1);
        scheduler.advance(INTERVAL);
        assertFalse(Files.exists(subFile));
        Files.createDirectory(sub);
        scheduler.advance(INTERVAL);
        assertEquals(2, AuditHeadFile.read(subFile).orElseThrow().seq());
        h.stop();
    }

    @Test
    void cutTrailIsFoundByVerifyWithTheCopiedHead() {
        append(6);
        head.start();
        AuditRows.removeGuard(db);
        AuditRows.execute(db, "DELETE FROM audit_entry WHERE seq >= 5");
        AuditVerification v = new AuditVerifier(db).verify(file);
        assertEquals(Optional.of(5L), v.broken().map(AuditBreak::seq));
    }
}
