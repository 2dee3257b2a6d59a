package org.lucarne.signaling.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lucarne.signaling.admin.AdminCommands;
import org.lucarne.testing.ManualClock;
import org.lucarne.signaling.storage.Dialect;
import org.lucarne.signaling.storage.StorageContract;

/**
 * {@code ./lucarne audit verify} and {@code ./lucarne audit export} as the operator runs them
 * ({@link AdminCommands#run}), on a real database, in the hospital's time zone (Europe/Paris, whose
 * clocks go forward on 2026-03-29).
 */
abstract class AuditCommandsContract extends StorageContract {
    static final Instant NOW = Instant.parse("2026-04-02T08:00:00Z");
    /** Entry 1 is on 27 March in Paris, 2 and 3 on the 28th, 4 and 5 on the 29th (the clocks go forward), 6 on the 30th. */
    static final List<Instant> TIMES = List.of(
            Instant.parse("2026-03-27T22:59:59.999Z"),
            Instant.parse("2026-03-27T23:00:00Z"),
            Instant.parse("2026-03-28T22:59:59.999Z"),
            Instant.parse("2026-03-28T23:00:00Z"),
            Instant.parse("2026-03-29T21:59:59.999Z"),
            Instant.parse("2026-03-29T22:00:00Z"));
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dataDir;
    ManualClock clock;
    AuditTrail trail;
    ByteArrayOutputStream out;
    ByteArrayOutputStream err;

    @BeforeEach
    void seed() {
        clock = new ManualClock(TIMES.get(0));
        trail = new AuditTrail(db, clock);
        for (int i = 0; i < TIMES.size(); i++) {
            clock.set(TIMES.get(i));
            trail.record(i == 2 ? AuditEvent.of(AuditEvent.ANONYMOUS, AuditAction.SIGN_IN, AuditOutcome.FAILURE)
                    : AuditTrailContract.event(i + 1));
        }
        clock.set(NOW);
    }

    int run(String... args) {
        out = new ByteArrayOutputStream();
        return runPrintingTo(new PrintStream(out, true, StandardCharsets.UTF_8), args);
    }

    int runPrintingTo(PrintStream stdout, String... args) {
        err = new ByteArrayOutputStream();
        Map<String, String> env = new HashMap<>();
        env.put("LUCARNE_DATA_DIR", dataDir.toString());
        env.put("LUCARNE_DB_URL", backend.settings().jdbcUrl());
        if (dialect() == Dialect.POSTGRESQL) {
            env.put("LUCARNE_DB_USER", backend.settings().user());
            env.put("LUCARNE_DB_PASSWORD", backend.settings().password());
        }
        env.put("LUCARNE_TIME_ZONE", "Europe/Paris");
        return AdminCommands.run(args, Optional.empty(), env, clock, stdout,
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    static List<JsonNode> lines(String text) {
        List<JsonNode> lines = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (!line.isEmpty()) {
                try {
                    lines.add(JSON.readTree(line));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        return lines;
    }

    static AuditEntry entry(JsonNode n) {
        return new AuditEntry(n.get("seq").longValue(), n.get("at").longValue(), n.get("actor").textValue(),
                n.get("action").textValue(), n.get("target").textValue(), n.get("ward_id").textValue(),
                n.get("patient_id").textValue(), n.get("address").textValue(), n.get("outcome").textValue(),
                n.get("detail").textValue(), n.get("prev_hash").textValue(), n.get("hash").textValue());
    }

    // ---- export

    @Test
    void exportWritesTheDaysEntriesInTheHospitalsTimeZoneBothEndsIncluded() {
        assertEquals(0, run("audit", "export", "--from", "2026-03-28", "--to", "2026-03-29"), err());
        List<AuditEntry> stored = AuditRows.all(db);
        assertEquals(stored.subList(1, 5), lines(out()).stream().map(AuditCommandsContract::entry).toList());
        assertEquals("exported 4 audit entries of 2026-03-28 to 2026-03-29 (Europe/Paris) to standard output\n",
                err());
    }

    @Test
    void exportLineHoldsEveryStoredFieldAndTheLocalTime() {
        assertEquals(0, run("audit", "export", "--from", "2026-03-28", "--to", "2026-03-28"), err());
        List<JsonNode> lines = lines(out());
        assertEquals(2, lines.size());
        JsonNode first = lines.get(0);
        assertEquals(List.of("seq", "at", "time", "actor", "action", "target", "ward_id", "patient_id", "address",
                "outcome", "detail", "prev_hash", "hash"), fieldNames(first));
        assertEquals("2026-03-28T00:00:00.000+01:00", first.get("time").textValue());
        JsonNode failedSignIn = lines.get(1);
        assertEquals("sign_in", failedSignIn.get("action").textValue());
        assertTrue(failedSignIn.get("target").isNull(), "an absent field is null, not missing or empty");
        assertEquals("2026-03-28T23:59:59.999+01:00", failedSignIn.get("time").textValue());
    }

    @Test
    void exportCanBeVerifiedOnItsOwn() {
        assertEquals(0, run("audit", "export", "--from", "2026-03-28", "--to", "2026-03-30"), err());
        ChainCheck check = ChainCheck.fromAnyEntry();
        for (JsonNode line : lines(out())) {
            assertTrue(check.accept(entry(line)), check.broken().toString());
        }
        assertEquals(5, check.checked());
    }

    @Test
    void exportIsRecordedInTheTrail() {
        assertEquals(0, run("audit", "export", "--from", "2026-03-28", "--to", "2026-03-29"), err());
        AuditEntry recorded = trail.head().orElseThrow();
        assertEquals(7, recorded.seq());
        assertEquals("cli", recorded.actor());
        assertEquals("audit.exported", recorded.action());
        assertEquals("success", recorded.outcome());
        assertEquals("from=2026-03-28 to=2026-03-29 entries=4", recorded.detail());
        assertEquals(NOW.toEpochMilli(), recorded.at());
    }

    @Test
    void exportOfDaysWithoutEntriesIsEmptyAndRecorded() {
        assertEquals(0, run("audit", "export", "--from", "2025-01-01", "--to", "2025-12-31"), err());
        assertEquals("", out());
        assertEquals("from=2025-01-01 to=2025-12-31 entries=0", trail.head().orElseThrow().detail());
    }

    @Test
    void exportToAFileWritesItWholeForItsOwnerOnly() throws IOException {
        Path file = dataDir.resolve("audit-2026-03.jsonl");
        assertEquals(0, run("audit", "export", "--from", "2026-03-01", "--to", "2026-03-31", "--out", file.toString()),
                err());
        assertEquals("exported 6 audit entries of 2026-03-01 to 2026-03-31 (Europe/Paris) to " + file + "\n", out());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertEquals(AuditRows.all(db).subList(0, 6),
                lines(Files.readString(file)).stream().map(AuditCommandsContract::entry).toList());
        try (Stream<Path> files = Files.list(dataDir)) {
            assertEquals(List.of(), files.filter(p -> p.getFileName().toString().endsWith(".tmp")).toList());
        }
    }

    @Test
    void exportToAClosedStandardOutputFailsAndIsNotRecorded() {
        // What `./lucarne audit export … | head -1` leaves the export to write to.
        OutputStream closedPipe = new OutputStream() {
            private int room = 100;

            @Override
            public void write(int b) throws IOException {
                if (room-- <= 0) {
                    throw new IOException("Broken pipe");
                }
            }
        };
        assertEquals(1, runPrintingTo(new PrintStream(closedPipe, false, StandardCharsets.UTF_8),
                "audit", "export", "--from", "2026-03-01", "--to", "2026-03-31"));
        assertEquals("lucarne: standard output was closed before the export ended: nothing recorded; export again,"
                + " or use --out FILE.\n", err());
        assertEquals(6, trail.head().orElseThrow().seq());
    }

    @Test
    void exportNeverOverwritesAFile() throws IOException {
        Path file = Files.writeString(dataDir.resolve("audit.jsonl"), "an earlier export\n");
        assertEquals(1, run("audit", "export", "--from", "2026-03-01", "--to", "2026-03-31", "--out", file.toString()));
        assertEquals("lucarne: " + file + " already exists: export to a new file (an export is never overwritten).\n",
                err());
        assertEquals("an earlier export\n", Files.readString(file));
        assertEquals(6, trail.head().orElseThrow().seq(), "nothing recorded");
    }

    @Test
    void exportIntoAMissingDirectorySaysSo() {
        Path file = dataDir.resolve("no-such-dir").resolve("audit.jsonl");
        assertEquals(1, run("audit", "export", "--from", "2026-03-01", "--to", "2026-03-31", "--out", file.toString()));
        assertEquals("lucarne: cannot write " + file + ": the directory " + file.getParent() + " does not exist.\n",
                err());
        assertEquals(6, trail.head().orElseThrow().seq());
    }

    @Test
    void exportRefusesADayThatDoesNotExist() {
        assertEquals(2, run("audit", "export", "--from", "2026-02-30", "--to", "2026-03-31"));
        assertEquals("lucarne: --from '2026-02-30' is not a date: write it as YYYY-MM-DD, e.g. 2026-03-01.\n", err());
        assertEquals("", out());
        assertEquals(6, trail.head().orElseThrow().seq());
    }

    @Test
    void exportRefusesADateInAnotherForm() {
        assertEquals(2, run("audit", "export", "--from", "2026-03-01", "--to", "31/03/2026"));
        assertEquals("lucarne: --to '31/03/2026' is not a date: write it as YYYY-MM-DD, e.g. 2026-03-01.\n", err());
    }

    @Test
    void exportRefusesALastDayBeforeTheFirst() {
        assertEquals(2, run("audit", "export", "--from", "2026-03-31", "--to", "2026-03-01"));
        assertEquals("lucarne: --to 2026-03-01 is before --from 2026-03-31: give the first day, then the last (both"
                + " are included).\n", err());
        assertEquals(6, trail.head().orElseThrow().seq());
    }

    @Test
    void exportNeedsBothDays() {
        assertEquals(2, run("audit", "export", "--from", "2026-03-01"));
        assertTrue(err().startsWith("lucarne: --to is missing: give the first and the last day to export."), err());
        assertTrue(err().contains(AuditCommands.EXPORT_USAGE), err());
    }

    @Test
    void exportRefusesAnUnknownArgument() {
        assertEquals(2, run("audit", "export", "--from", "2026-03-01", "--to", "2026-03-02", "--format", "csv"));
        assertTrue(err().startsWith("lucarne: unknown argument '--format'."), err());
    }

    @Test
    void exportRefusesAnOptionWithoutValue() {
        assertEquals(2, run("audit", "export", "--from", "2026-03-01", "--to"));
        assertTrue(err().startsWith("lucarne: --to needs a value."), err());
    }

    @Test
    void exportOfManyEntriesStreamsThemAllInOrder() {
        int more = 2_345;
        db.inTransaction(c -> {
            for (int i = 0; i < more; i++) {
                trail.append(c, AuditTrailContract.event(i));
            }
            return null;
        });
        assertEquals(0, run("audit", "export", "--from", "2026-04-02", "--to", "2026-04-02"), err());
        List<AuditEntry> exported = lines(out()).stream().map(AuditCommandsContract::entry).toList();
        assertEquals(more, exported.size());
        ChainCheck check = ChainCheck.fromAnyEntry();
        exported.forEach(check::accept);
        assertEquals(more, check.checked());
        assertEquals(7, exported.get(0).seq());
    }

    // ---- verify

    @Test
    void verifyOfAnIntactTrailExitsZeroWithOneLine() {
        new AuditHeadFile(6, trail.head().orElseThrow().hash(), NOW, "node-a").write(dataDir.resolve("audit-head.json"));
        assertEquals(0, run("audit", "verify"), err());
        assertEquals("audit trail intact: 6 entries, head entry 6 hash " + trail.head().orElseThrow().hash()
                + "; head file " + dataDir.resolve("audit-head.json") + " (node-a, " + NOW + "): entry 6 matches\n",
                out());
        assertEquals("", err());
    }

    @Test
    void verifyWithoutHeadFileExitsZeroWithAWarning() {
        assertEquals(0, run("audit", "verify"), err());
        assertTrue(out().startsWith("audit trail intact: 6 entries"), out());
        assertTrue(err().startsWith("warning: there is no audit head file at " + dataDir.resolve("audit-head.json")),
                err());
        assertEquals(1, err().lines().count());
    }

    @Test
    void verifyOfAnAlteredTrailExitsOneNamingTheEntry() {
        AuditRows.removeGuard(db);
        AuditRows.set(db, 4, "patient_id", "p-other");
        assertEquals(1, run("audit", "verify"));
        assertEquals("audit trail BROKEN: entry 4: its fields do not match its hash (altered)\n", err());
        assertEquals("", out());
    }

    @Test
    void verifyAgainstAnotherNodesHeadFile() {
        Path other = dataDir.resolve("node-b-audit-head.json");
        new AuditHeadFile(8, "c".repeat(64), NOW, "node-b").write(other);
        assertEquals(1, run("audit", "verify", "--head", other.toString()));
        assertEquals("audit trail BROKEN: the trail ends at entry 6 but the head file recorded entry 8 at " + NOW
                + " (node-b): entries were removed from the end (entries 7 to 8 at least)\n", err());
    }

    @Test
    void verifyWithADamagedHeadFileExitsOneNamingIt() throws IOException {
        Path head = Files.writeString(dataDir.resolve("audit-head.json"), "{}");
        assertEquals(1, run("audit", "verify"));
        assertTrue(err().startsWith("lucarne: audit verify failed: the audit head file " + head
                + " cannot be used: it has no "), err());
    }

    @Test
    void verifyRefusesAnUnknownArgument() {
        assertEquals(2, run("audit", "verify", "--fast"));
        assertTrue(err().startsWith("lucarne: unknown argument '--fast'."), err());
    }

    @Test
    void verifyDoesNotChangeTheTrail() {
        run("audit", "verify");
        assertEquals(6, trail.head().orElseThrow().seq());
    }

    private static List<String> fieldNames(JsonNode n) {
        List<String> names = new ArrayList<>();
        n.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
