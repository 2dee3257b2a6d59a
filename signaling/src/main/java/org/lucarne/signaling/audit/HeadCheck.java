package org.lucarne.signaling.audit;

import java.util.Optional;

/**
 * Whether the trail still holds the head recorded outside the database: the entry at the head's
 * seq exists and has the head's hash. If not, entries were cut off the end, or the trail was
 * rewritten at least up to that entry.
 */
final class HeadCheck {
    private HeadCheck() {
    }

    /**
     * @param lastSeq the trail's last seq (0 when it is empty)
     * @param atHead  the entry at the head's seq, if the trail has one
     */
    static Optional<AuditBreak> check(AuditHeadFile head, long lastSeq, Optional<AuditEntry> atHead) {
        if (head.seq() == 0) {
            return Optional.empty();
        }
        String recorded = "the head file recorded entry " + head.seq() + " at " + head.at() + " (" + head.host() + ")";
        if (lastSeq < head.seq()) {
            String ends = lastSeq == 0 ? "the trail is empty" : "the trail ends at entry " + lastSeq;
            return Optional.of(new AuditBreak(lastSeq + 1, ends + " but " + recorded
                    + ": entries were removed from the end (" + (lastSeq + 1 == head.seq() ? "entry " + head.seq()
                    : "entries " + (lastSeq + 1) + " to " + head.seq()) + " at least)"));
        }
        if (atHead.isEmpty()) {
            return Optional.of(new AuditBreak(head.seq(), "entry " + head.seq() + " is missing (deleted), but "
                    + recorded));
        }
        if (!head.hash().equals(atHead.get().hash())) {
            return Optional.of(new AuditBreak(head.seq(), "entry " + head.seq() + " does not have the hash the head"
                    + " file recorded for it at " + head.at() + " (" + head.host() + "): the trail was rewritten at"
                    + " least up to entry " + head.seq() + " (entries altered and their hashes recomputed)"));
        }
        return Optional.empty();
    }
}
