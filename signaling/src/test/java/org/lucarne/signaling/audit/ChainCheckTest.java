package org.lucarne.signaling.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The chain check on entries given in order, without a database: what a reader of an export relies on. */
class ChainCheckTest {

    static List<AuditEntry> chain(int n) {
        List<AuditEntry> entries = new ArrayList<>();
        String prev = AuditCanonical.GENESIS;
        for (int i = 1; i <= n; i++) {
            AuditEntry e = entry(i, prev);
            entries.add(e);
            prev = e.hash();
        }
        return entries;
    }

    static AuditEntry entry(long seq, String prev) {
        AuditEntry e = new AuditEntry(seq, 1_000L * seq, "cli", "admin.command", null, null, null, null, "success",
                "n=" + seq, prev, null);
        return e.withHash(AuditCanonical.hash(e));
    }

    @Test
    void soundChainPassesAndRemembersItsLastEntry() {
        ChainCheck check = ChainCheck.fromGenesis();
        List<AuditEntry> entries = chain(5);
        entries.forEach(e -> assertTrue(check.accept(e)));
        assertEquals(5, check.checked());
        assertEquals(Optional.of(entries.get(4)), check.last());
        assertEquals(Optional.empty(), check.broken());
    }

    @Test
    void firstEntryNotChainedToTheGenesisIsNamed() {
        ChainCheck check = ChainCheck.fromGenesis();
        assertFalse(check.accept(entry(1, "a".repeat(64))));
        assertEquals("entry 1: its prev_hash is not the genesis hash (64 zeros): the trail was rewritten from its"
                + " start", check.broken().orElseThrow().message());
    }

    @Test
    void entryBelowOneIsNamed() {
        ChainCheck check = ChainCheck.fromGenesis();
        assertFalse(check.accept(entry(0, AuditCanonical.GENESIS)));
        assertEquals(new AuditBreak(0, "entry 0: seqs start at 1, so this entry was put there (moved or forged)"),
                check.broken().orElseThrow());
    }

    @Test
    void repeatedEntryIsNamed() {
        ChainCheck check = ChainCheck.fromGenesis();
        List<AuditEntry> entries = chain(3);
        entries.forEach(check::accept);
        assertFalse(check.accept(entries.get(1)));
        assertEquals(new AuditBreak(2, "entry 2 comes after entry 3: the entries are out of order (moved or"
                + " duplicated)"), check.broken().orElseThrow());
    }

    @Test
    void nothingIsAcceptedAfterTheFirstBreak() {
        ChainCheck check = ChainCheck.fromGenesis();
        List<AuditEntry> entries = chain(4);
        check.accept(entries.get(0));
        assertFalse(check.accept(entries.get(2)));
        assertFalse(check.accept(entries.get(3)));
        assertEquals(2, check.broken().orElseThrow().seq());
        assertEquals(1, check.checked());
    }

    @Test
    void partOfTheChainStartsWhereverItsFirstEntryIs() {
        ChainCheck check = ChainCheck.fromAnyEntry();
        chain(9).subList(4, 9).forEach(e -> assertTrue(check.accept(e)));
        assertEquals(5, check.checked());
    }

    @Test
    void entryWithoutHashesIsBrokenNotACrash() {
        ChainCheck check = ChainCheck.fromGenesis();
        assertFalse(check.accept(new AuditEntry(1, 0, "cli", "admin.command", null, null, null, null, "success", null,
                null, null)));
        assertEquals("entry 1: its fields do not match its hash (altered)", check.broken().orElseThrow().message());
    }
}
