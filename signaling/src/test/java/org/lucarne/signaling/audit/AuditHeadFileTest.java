package org.lucarne.signaling.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The head file's format (docs/security.md, "The head outside the database"): written exactly, read strictly. */
class AuditHeadFileTest {
    static final String HASH = "68d22a51565d573c486ae43c44ce1d11bbdd955ce9362f5ab91d613e2074b753";
    static final AuditHeadFile HEAD = new AuditHeadFile(120, HASH, Instant.parse("2026-03-01T10:05:00Z"), "node-a");

    @TempDir
    Path dir;

    @Test
    void writtenFileHasTheDocumentedForm() throws IOException {
        Path file = dir.resolve("audit-head.json");
        HEAD.write(file);
        assertEquals("{\"format\":\"lucarne-audit-head-v1\",\"seq\":120,\"hash\":\"" + HASH + "\","
                + "\"at\":\"2026-03-01T10:05:00Z\",\"host\":\"node-a\"}\n", Files.readString(file));
    }

    @Test
    void writtenFileReadsBackTheSame() {
        Path file = dir.resolve("audit-head.json");
        HEAD.write(file);
        assertEquals(Optional.of(HEAD), AuditHeadFile.read(file));
    }

    @Test
    void writtenFileIsReadableByItsOwnerOnly() throws IOException {
        Path file = dir.resolve("audit-head.json");
        HEAD.write(file);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    }

    @Test
    void rewriteReplacesTheFileWhole() {
        Path file = dir.resolve("audit-head.json");
        HEAD.write(file);
        AuditHeadFile next = new AuditHeadFile(121, "a".repeat(64), Instant.parse("2026-03-01T10:10:00Z"), "node-a");
        next.write(file);
        assertEquals(Optional.of(next), AuditHeadFile.read(file));
    }

    @Test
    void emptyTrailIsRecordedAsSeqZeroAndTheGenesisHash() {
        Path file = dir.resolve("audit-head.json");
        AuditHeadFile empty = new AuditHeadFile(0, AuditCanonical.GENESIS, HEAD.at(), "node-a");
        empty.write(file);
        assertEquals(Optional.of(empty), AuditHeadFile.read(file));
    }

    @Test
    void missingFileIsNoHead() {
        assertEquals(Optional.empty(), AuditHeadFile.read(dir.resolve("none.json")));
    }

    @Test
    void writeIntoAMissingDirectoryNamesTheFile() {
        Path file = dir.resolve("gone").resolve("audit-head.json");
        AuditHeadException e = assertThrows(AuditHeadException.class, () -> HEAD.write(file));
        assertTrue(e.getMessage().startsWith("cannot write the audit head file " + file), e.getMessage());
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', textBlock = """
            not json at all                                                   | it is not JSON
            []                                                                | it is not a JSON object
            {"format":"lucarne-audit-head-v1","seq":1,"hash":"HASH","at":"2026-03-01T10:05:00Z"} | it has no host
            {"format":"lucarne-audit-head-v2","seq":1,"hash":"HASH","at":"2026-03-01T10:05:00Z","host":"a"} | its format is not lucarne-audit-head-v1
            {"format":"lucarne-audit-head-v1","seq":-1,"hash":"HASH","at":"2026-03-01T10:05:00Z","host":"a"} | its seq is not a whole number from 0
            {"format":"lucarne-audit-head-v1","seq":1.5,"hash":"HASH","at":"2026-03-01T10:05:00Z","host":"a"} | its seq is not a whole number from 0
            {"format":"lucarne-audit-head-v1","seq":"1","hash":"HASH","at":"2026-03-01T10:05:00Z","host":"a"} | its seq is not a whole number from 0
            {"format":"lucarne-audit-head-v1","seq":1,"hash":"abc","at":"2026-03-01T10:05:00Z","host":"a"} | its hash is not 64 lower-case hexadecimal digits
            {"format":"lucarne-audit-head-v1","seq":1,"hash":"UPPER","at":"2026-03-01T10:05:00Z","host":"a"} | its hash is not 64 lower-case hexadecimal digits
            {"format":"lucarne-audit-head-v1","seq":1,"hash":"HASH","at":"yesterday","host":"a"} | its at is not a UTC time like 2026-03-01T10:05:00Z
            {"format":"lucarne-audit-head-v1","seq":1,"hash":"HASH","at":"2026-03-01T10:05:00Z","host":""} | its host is empty
            {"format":"lucarne-audit-head-v1","seq":1,"hash":"HASH","at":"2026-03-01T10:05:00Z","host":"a","x":1} | it has an unknown field x
            {"format":"lucarne-audit-head-v1","seq":1,"seq":2,"hash":"HASH","at":"2026-03-01T10:05:00Z","host":"a"} | it is not JSON
            {"format":"lucarne-audit-head-v1","seq":0,"hash":"HASH","at":"2026-03-01T10:05:00Z","host":"a"} | seq 0 (an empty trail) must have the genesis hash
            """)
    void malformedFileRefusedSayingWhatIsWrong(String content, String why) throws IOException {
        Path file = dir.resolve("audit-head.json");
        Files.writeString(file, content.replace("\"UPPER\"", "\"" + HASH.toUpperCase() + "\"")
                .replace("HASH", HASH), StandardCharsets.UTF_8);
        AuditHeadException e = assertThrows(AuditHeadException.class, () -> AuditHeadFile.read(file));
        assertTrue(e.getMessage().startsWith("the audit head file " + file + " cannot be used: " + why),
                e.getMessage());
    }

    @Test
    void oversizedFileRefused() throws IOException {
        Path file = dir.resolve("audit-head.json");
        Files.writeString(file, " ".repeat(AuditHeadFile.MAX_BYTES + 1));
        AuditHeadException e = assertThrows(AuditHeadException.class, () -> AuditHeadFile.read(file));
        assertTrue(e.getMessage().contains("it is larger than " + AuditHeadFile.MAX_BYTES + " bytes"),
                e.getMessage());
    }

    @Test
    void directoryInPlaceOfTheFileRefused() throws IOException {
        Path file = Files.createDirectory(dir.resolve("audit-head.json"));
        AuditHeadException e = assertThrows(AuditHeadException.class, () -> AuditHeadFile.read(file));
        assertTrue(e.getMessage().contains("it is a directory"), e.getMessage());
    }
}
