package org.lucarne.signaling.patient;

import org.lucarne.signaling.ward.Language;
import java.time.Instant;
import java.util.Optional;

/**
 * A patient as stored, its sealed values opened: for the ward's staff only, never for a log
 * ({@link #toString()} names ids only).
 *
 * @param consentRecordedBy who last recorded or withdrew the auto-answer consent ({@code staff:<id>})
 * @param admittedAt        absent for a patient admitted before Lucarne recorded it
 */
public record PatientRow(String id, String wardId, String wardName, String bedId, String bedLabel, String name,
                         Language language, Optional<Ins> ins, Optional<String> hospitalId, boolean autoAnswer,
                         Optional<String> consentRecordedBy, Optional<Instant> consentRecordedAt,
                         Optional<Instant> admittedAt, Optional<Instant> dischargedAt) {

    public boolean admitted() {
        return dischargedAt.isEmpty();
    }

    @Override
    public String toString() {
        return "PatientRow[" + id + ", ward " + wardId + ", bed " + bedId + (admitted() ? "" : ", discharged") + "]";
    }
}
