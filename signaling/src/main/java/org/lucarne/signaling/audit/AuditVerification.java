package org.lucarne.signaling.audit;

import java.nio.file.Path;
import java.util.Optional;

/**
 * What {@code audit verify} found.
 *
 * @param entries  how many entries passed the chain check (all of them when intact)
 * @param last     the last sound entry
 * @param headFile where the head copied outside the database was looked for
 * @param head     the head read from that file, if there was one
 * @param broken   the first break, if any
 */
public record AuditVerification(long entries, Optional<AuditEntry> last, Path headFile, Optional<AuditHeadFile> head,
                                Optional<AuditBreak> broken) {

    public boolean intact() {
        return broken.isEmpty();
    }

    /** One line for the operator: what was checked, and against which head. */
    public String summary() {
        if (broken.isPresent()) {
            return "audit trail BROKEN: " + broken.get().message();
        }
        String trail = last.map(e -> entries + " entries, head entry " + e.seq() + " hash " + e.hash())
                .orElse("0 entries (the trail is empty)");
        String file = head.map(h -> h.seq() == 0
                ? "head file " + headFile + " (" + h.host() + ", " + h.at() + "): an empty trail, nothing to match"
                : "head file " + headFile + " (" + h.host() + ", " + h.at() + "): entry " + h.seq() + " matches")
                .orElse("no head file at " + headFile);
        return "audit trail intact: " + trail + "; " + file;
    }

    /** A line to print apart from the summary, when something weakens the check without breaking the trail. */
    public Optional<String> warning() {
        if (broken.isEmpty() && head.isEmpty()) {
            return Optional.of("warning: there is no audit head file at " + headFile + " yet, so only the chain was"
                    + " verified: entries removed from the end would not be seen. The server writes it at start and"
                    + " every audit.head.interval.seconds; for another node's copy use --head FILE.");
        }
        return Optional.empty();
    }
}
