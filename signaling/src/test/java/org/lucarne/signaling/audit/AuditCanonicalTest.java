package org.lucarne.signaling.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * The canonical encoding and hash of an entry (docs/security.md, "Audit trail"). The expected
 * hashes were computed outside Java, from the bytes written by hand:
 * {@code printf 'lucarne-audit-v1\n2:42,13:1772359200000,…' | sha256sum}.
 */
class AuditCanonicalTest {
    /** The test vector printed in docs/security.md. */
    static final AuditEntry VECTOR = new AuditEntry(42, 1_772_359_200_000L, "staff:u-7", "patient.viewed",
            "patient:p-3", "ward-a", "p-3", "192.0.2.10", "success", null,
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", null);
    static final String VECTOR_ENCODING = "lucarne-audit-v1\n2:42,13:1772359200000,9:staff:u-7,14:patient.viewed,"
            + "11:patient:p-3,6:ward-a,3:p-3,10:192.0.2.10,7:success,-,"
            + "64:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855,";
    static final String VECTOR_HASH = "68d22a51565d573c486ae43c44ce1d11bbdd955ce9362f5ab91d613e2074b753";

    @Test
    void testVectorEncodesAsDocumented() {
        assertEquals(VECTOR_ENCODING, new String(AuditCanonical.encode(VECTOR), StandardCharsets.UTF_8));
    }

    @Test
    void testVectorHashesAsComputedBySha256sum() {
        assertEquals(VECTOR_HASH, AuditCanonical.hash(VECTOR));
    }

    @Test
    void securityDocumentPrintsTheTestVector() throws IOException {
        String doc = Files.readString(Path.of("..", "docs", "security.md"));
        assertTrue(doc.contains("printf '" + VECTOR_ENCODING.replace("\n", "\\n") + "' | sha256sum\n" + VECTOR_HASH),
                "docs/security.md, \"The canonical encoding\", must show this test vector");
    }

    @Test
    void storedHashIsNotPartOfTheEncoding() {
        assertEquals(VECTOR_HASH, AuditCanonical.hash(VECTOR.withHash("f".repeat(64))));
        assertTrue(VECTOR.withHash(VECTOR_HASH).hashMatches());
        assertFalse(VECTOR.withHash("f".repeat(64)).hashMatches());
    }

    @Test
    void everyFieldChangesTheHash() {
        List<UnaryOperator<AuditEntry>> changes = List.of(
                e -> new AuditEntry(43, e.at(), e.actor(), e.action(), e.target(), e.wardId(), e.patientId(),
                        e.address(), e.outcome(), e.detail(), e.prevHash(), null),
                e -> new AuditEntry(e.seq(), e.at() + 1, e.actor(), e.action(), e.target(), e.wardId(),
                        e.patientId(), e.address(), e.outcome(), e.detail(), e.prevHash(), null),
                e -> new AuditEntry(e.seq(), e.at(), "staff:u-8", e.action(), e.target(), e.wardId(),
                        e.patientId(), e.address(), e.outcome(), e.detail(), e.prevHash(), null),
                e -> new AuditEntry(e.seq(), e.at(), e.actor(), "visit.booked", e.target(), e.wardId(),
                        e.patientId(), e.address(), e.outcome(), e.detail(), e.prevHash(), null),
                e -> new AuditEntry(e.seq(), e.at(), e.actor(), e.action(), "patient:p-4", e.wardId(),
                        e.patientId(), e.address(), e.outcome(), e.detail(), e.prevHash(), null),
                e -> new AuditEntry(e.seq(), e.at(), e.actor(), e.action(), e.target(), "ward-b",
                        e.patientId(), e.address(), e.outcome(), e.detail(), e.prevHash(), null),
                e -> new AuditEntry(e.seq(), e.at(), e.actor(), e.action(), e.target(), e.wardId(),
                        "p-4", e.address(), e.outcome(), e.detail(), e.prevHash(), null),
                e -> new AuditEntry(e.seq(), e.at(), e.actor(), e.action(), e.target(), e.wardId(),
                        e.patientId(), "192.0.2.11", e.outcome(), e.detail(), e.prevHash(), null),
                e -> new AuditEntry(e.seq(), e.at(), e.actor(), e.action(), e.target(), e.wardId(),
                        e.patientId(), e.address(), "refused", e.detail(), e.prevHash(), null),
                e -> new AuditEntry(e.seq(), e.at(), e.actor(), e.action(), e.target(), e.wardId(),
                        e.patientId(), e.address(), e.outcome(), "reason=x", e.prevHash(), null),
                e -> new AuditEntry(e.seq(), e.at(), e.actor(), e.action(), e.target(), e.wardId(),
                        e.patientId(), e.address(), e.outcome(), e.detail(), AuditCanonical.GENESIS, null));
        Set<String> hashes = new HashSet<>();
        hashes.add(AuditCanonical.hash(VECTOR));
        for (UnaryOperator<AuditEntry> change : changes) {
            assertTrue(hashes.add(AuditCanonical.hash(change.apply(VECTOR))), "a change left the hash as it was");
        }
        assertEquals(12, hashes.size());
    }

    @Test
    void absentFieldAndEmptyStringHashDifferently() {
        AuditEntry absent = entryWithTarget(null);
        AuditEntry empty = entryWithTarget("");
        assertTrue(new String(AuditCanonical.encode(absent), StandardCharsets.UTF_8).contains(",-,"));
        assertTrue(new String(AuditCanonical.encode(empty), StandardCharsets.UTF_8).contains(",0:,"));
        assertNotEquals(AuditCanonical.hash(absent), AuditCanonical.hash(empty));
    }

    @Test
    void absentFieldAndLiteralDashHashDifferently() {
        assertNotEquals(AuditCanonical.hash(entryWithTarget(null)), AuditCanonical.hash(entryWithTarget("-")));
    }

    @Test
    void lengthPrefixesKeepFieldBoundaries() {
        AuditEntry a = new AuditEntry(1, 0, "cli", "admin.command", "ab", "c", null, null, "success", null,
                AuditCanonical.GENESIS, null);
        AuditEntry b = new AuditEntry(1, 0, "cli", "admin.command", "a", "bc", null, null, "success", null,
                AuditCanonical.GENESIS, null);
        AuditEntry c = new AuditEntry(1, 0, "cli", "admin.command", "a,1:b", null, null, null, "success", null,
                AuditCanonical.GENESIS, null);
        AuditEntry d = new AuditEntry(1, 0, "cli", "admin.command", "a", "b", null, null, "success", null,
                AuditCanonical.GENESIS, null);
        assertNotEquals(AuditCanonical.hash(a), AuditCanonical.hash(b));
        assertNotEquals(AuditCanonical.hash(c), AuditCanonical.hash(d));
    }

    @Test
    void nonAsciiFieldIsPrefixedWithItsUtf8ByteLength() {
        AuditEntry e = new AuditEntry(1, 0, "cli", "admin.command", null, "réa-2", null, null, "success", null,
                AuditCanonical.GENESIS, null);
        byte[] encoded = AuditCanonical.encode(e);
        assertEquals("lucarne-audit-v1\n1:1,1:0,3:cli,13:admin.command,-,6:réa-2,-,-,7:success,-,64:"
                + AuditCanonical.GENESIS + ",", new String(encoded, StandardCharsets.UTF_8));
        // printf 'lucarne-audit-v1\n1:1,1:0,3:cli,13:admin.command,-,6:r\xc3\xa9a-2,-,-,7:success,-,64:000…000,' | sha256sum
        assertEquals("0799a2699ae43545d859615d48f76526400a40974e97e67df855f9d70cdd4dd1", AuditCanonical.hash(e));
    }

    @Test
    void genesisIsSixtyFourZeros() {
        assertEquals(64, AuditCanonical.GENESIS.length());
        assertTrue(AuditCanonical.GENESIS.chars().allMatch(ch -> ch == '0'));
    }

    private static AuditEntry entryWithTarget(String target) {
        return new AuditEntry(VECTOR.seq(), VECTOR.at(), VECTOR.actor(), VECTOR.action(), target, VECTOR.wardId(),
                VECTOR.patientId(), VECTOR.address(), VECTOR.outcome(), VECTOR.detail(), VECTOR.prevHash(), null);
    }
}
