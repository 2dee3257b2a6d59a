package org.lucarne.signaling.audit;

import java.util.Objects;
import java.util.Optional;

/**
 * Checks entries given one at a time in seq order: seqs contiguous, each entry's hash that of its
 * fields, each prev_hash the previous entry's hash. Stops at the first break and says what it is.
 * Used on the whole table (from entry 1 and the genesis hash) and on an export, which starts
 * wherever its date range starts.
 */
final class ChainCheck {
    private long expectedSeq;
    private String expectedPrev;
    private AuditEntry last;
    private long checked;
    private AuditBreak broken;

    private ChainCheck(long expectedSeq, String expectedPrev) {
        this.expectedSeq = expectedSeq;
        this.expectedPrev = expectedPrev;
    }

    /** The whole trail: entry 1 first, chained to the genesis hash. */
    static ChainCheck fromGenesis() {
        return new ChainCheck(1, AuditCanonical.GENESIS);
    }

    /** A part of the trail (an export): the first entry given is taken as it is, the rest must follow it. */
    static ChainCheck fromAnyEntry() {
        return new ChainCheck(-1, null);
    }

    /** Checks the next entry; false once the chain is broken (this one or before). */
    boolean accept(AuditEntry e) {
        if (broken != null) {
            return false;
        }
        if (expectedSeq == -1) {
            expectedSeq = e.seq();
            expectedPrev = e.prevHash();
        }
        if (e.seq() > expectedSeq) {
            broken = missing(e);
        } else if (e.seq() < expectedSeq) {
            broken = new AuditBreak(e.seq(), last == null
                    ? "entry " + e.seq() + ": seqs start at 1, so this entry was put there (moved or forged)"
                    : "entry " + e.seq() + " comes after entry " + last.seq()
                    + ": the entries are out of order (moved or duplicated)");
        } else if (!e.hashMatches()) {
            broken = new AuditBreak(e.seq(), "entry " + e.seq() + ": its fields do not match its hash (altered)");
        } else if (!Objects.equals(e.prevHash(), expectedPrev)) {
            broken = new AuditBreak(e.seq(), e.seq() == 1
                    ? "entry 1: its prev_hash is not the genesis hash (64 zeros): the trail was rewritten from"
                    + " its start"
                    : "entry " + e.seq() + ": its prev_hash is not the hash of entry " + (e.seq() - 1)
                    + " (entry " + (e.seq() - 1) + " was altered and its hash recomputed, or entry " + e.seq()
                    + " was put there from elsewhere)");
        }
        if (broken != null) {
            return false;
        }
        checked++;
        last = e;
        expectedSeq = e.seq() + 1;
        expectedPrev = e.hash();
        return true;
    }

    private AuditBreak missing(AuditEntry e) {
        long first = expectedSeq;
        long lastMissing = e.seq() - 1;
        String which = first == lastMissing ? "entry " + first + " is missing" : "entries " + first + " to "
                + lastMissing + " are missing";
        String where = last == null ? "the trail starts at entry " + e.seq()
                : "the trail goes from entry " + last.seq() + " to entry " + e.seq();
        return new AuditBreak(first, which + " (deleted): " + where);
    }

    /** How many entries passed. */
    long checked() {
        return checked;
    }

    /** The last entry that passed. */
    Optional<AuditEntry> last() {
        return Optional.ofNullable(last);
    }

    Optional<AuditBreak> broken() {
        return Optional.ofNullable(broken);
    }
}
