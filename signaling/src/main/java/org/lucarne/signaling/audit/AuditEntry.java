package org.lucarne.signaling.audit;

/**
 * An audit entry as stored: raw text, so that {@code audit verify} and exports read an entry
 * someone altered (an action this build does not know, say) as it is. Optional fields are null.
 */
public record AuditEntry(long seq, long at, String actor, String action, String target, String wardId,
                         String patientId, String address, String outcome, String detail, String prevHash,
                         String hash) {

    /** The entry {@code event} becomes at {@code seq}, after the entry whose hash is {@code prevHash}. */
    static AuditEntry of(long seq, long at, AuditEvent e, String prevHash) {
        AuditEntry unhashed = new AuditEntry(seq, at, e.actor(), e.action().stored(), e.target(), e.wardId(),
                e.patientId(), e.address(), e.outcome().stored(), e.detail(), prevHash, null);
        return unhashed.withHash(AuditCanonical.hash(unhashed));
    }

    AuditEntry withHash(String h) {
        return new AuditEntry(seq, at, actor, action, target, wardId, patientId, address, outcome, detail, prevHash, h);
    }

    /** Whether the stored hash is that of the entry's fields. */
    public boolean hashMatches() {
        return AuditCanonical.hash(this).equals(hash);
    }
}
