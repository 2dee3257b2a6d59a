package org.lucarne.signaling.audit;

import java.util.List;
import java.util.OptionalLong;

/**
 * A page of the audit search: entries newest first, and the {@code before} of the next page
 * (empty when this is the last).
 */
public record AuditPage(List<AuditEntry> entries, OptionalLong next) {
    public AuditPage {
        entries = List.copyOf(entries);
    }
}
