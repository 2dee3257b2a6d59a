package org.lucarne.signaling.contact;

import java.time.Instant;
import java.util.Optional;

/**
 * A family contact as stored, its sealed values opened: for the staff of the patient's ward only.
 * A removed contact keeps its row (visits and the audit trail name it) with its details wiped:
 * {@link #details()} is then empty.
 */
public record ContactRow(String id, String patientId, String wardId, Optional<ContactDetails> details,
                         Instant createdAt, Optional<Instant> removedAt) {

    public boolean removed() {
        return removedAt.isPresent();
    }

    @Override
    public String toString() {
        return "ContactRow[" + id + ", patient " + patientId + (removed() ? ", removed" : "") + "]";
    }
}
