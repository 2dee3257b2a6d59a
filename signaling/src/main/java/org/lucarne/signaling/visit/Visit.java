package org.lucarne.signaling.visit;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A booked video visit: a patient on a bedside tablet during {@code [startsAt, endsAt)}.
 *
 * @param id         random, 22 characters of {@code A-Z a-z 0-9 - _}: a protocol visit id
 * @param autoAnswer the patient's consent to the tablet answering by itself is recorded
 * @param endedAt    when someone ended it early (or the slot's end was recorded); empty while open
 * @param endReason  present exactly when {@code endedAt} is
 */
public record Visit(String id, String patientId, String tabletId, Instant startsAt, Instant endsAt,
        boolean autoAnswer, Instant createdAt, Optional<Instant> endedAt, Optional<VisitEndReason> endReason) {

    /** Where a visit stands at an instant. */
    public enum Status {
        /** Before {@code startsAt}, not ended. */
        NOT_STARTED,
        /** Inside the slot, not ended. */
        OPEN,
        /** Ended, or the slot is over. */
        OVER
    }

    public Visit {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(patientId, "patientId");
        Objects.requireNonNull(tabletId, "tabletId");
        Objects.requireNonNull(startsAt, "startsAt");
        Objects.requireNonNull(endsAt, "endsAt");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(endedAt, "endedAt");
        Objects.requireNonNull(endReason, "endReason");
        if (endedAt.isPresent() != endReason.isPresent()) {
            throw new IllegalArgumentException("endedAt and endReason go together");
        }
    }

    public Status statusAt(Instant now) {
        if (endedAt.isPresent() && !now.isBefore(endedAt.get())) {
            return Status.OVER;
        }
        if (!now.isBefore(endsAt)) {
            return Status.OVER;
        }
        return now.isBefore(startsAt) ? Status.NOT_STARTED : Status.OPEN;
    }
}
