package org.lucarne.signaling.visit;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * What staff book (and the demo seeds): a patient, the tablet at their bed and a slot
 * {@code [startsAt, endsAt)}.
 */
public record NewVisit(String patientId, String tabletId, Instant startsAt, Instant endsAt, boolean autoAnswer) {

    public NewVisit {
        Objects.requireNonNull(patientId, "patientId");
        Objects.requireNonNull(tabletId, "tabletId");
        Objects.requireNonNull(startsAt, "startsAt");
        Objects.requireNonNull(endsAt, "endsAt");
    }

    /** A slot of {@code length} from {@code startsAt}. */
    public static NewVisit lasting(String patientId, String tabletId, Instant startsAt, Duration length,
            boolean autoAnswer) {
        return new NewVisit(patientId, tabletId, startsAt, startsAt.plus(length), autoAnswer);
    }
}
