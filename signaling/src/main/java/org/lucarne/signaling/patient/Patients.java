package org.lucarne.signaling.patient;

import org.lucarne.signaling.ward.Language;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.lucarne.signaling.api.ApiException;
import org.lucarne.signaling.personal.PersonalData;
import org.lucarne.signaling.personal.SealedColumns;

/**
 * Patients in the database, inside the caller's transaction: admitted to a bed of a ward, changed,
 * their auto-answer consent recorded, discharged. Every personal value is sealed
 * ({@code display_name}, {@code ins}, {@code hospital_id}), the hospital identifier with its blind
 * index for lookups. The ward's rules hold under a lock on the ward's row (one writer per ward on
 * PostgreSQL; SQLite has one writer anyway): a bed holds one admitted patient at a time, and a
 * hospital identifier names one admitted patient of the ward. A refusal is an {@link ApiException}
 * naming the field, and the caller's transaction rolls back.
 */
public final class Patients {
    private static final int ID_BYTES = 16;
    private static final Base64.Encoder ID_ENCODER = Base64.getUrlEncoder().withoutPadding();

    /** What admitting a patient needs; the values already checked. */
    public record NewPatient(String name, String bedId, Language language, Optional<Ins> ins,
                             Optional<String> hospitalId) {
        public NewPatient {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(bedId, "bedId");
            Objects.requireNonNull(language, "language");
            Objects.requireNonNull(ins, "ins");
            Objects.requireNonNull(hospitalId, "hospitalId");
        }
    }

    /** A patient's new values: each absent one is left as it is. */
    public record Changes(Optional<String> name, Optional<String> bedId, Optional<Language> language,
                          Optional<Optional<Ins>> ins, Optional<Optional<String>> hospitalId) {
        public boolean none() {
            return name.isEmpty() && bedId.isEmpty() && language.isEmpty() && ins.isEmpty() && hospitalId.isEmpty();
        }
    }

    private final PersonalData personal;
    private final Clock clock;
    private final SecureRandom random;
    private final PatientRows rows;

    public Patients(PersonalData personal, Clock clock, SecureRandom random) {
        this.personal = Objects.requireNonNull(personal, "personal");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.random = Objects.requireNonNull(random, "random");
        this.rows = new PatientRows(personal);
    }

    /** Reading patients and beds. */
    public PatientRows rows() {
        return rows;
    }

    /** Admits a patient to a bed of {@code wardId}; returns the new patient's id. */
    public String admit(Connection c, String wardId, NewPatient p) throws SQLException {
        lockWard(c, wardId);
        String id = newId();
        checkBedFree(c, p.bedId(), id);
        if (p.hospitalId().isPresent()) {
            checkHospitalIdFree(c, wardId, p.hospitalId().get(), id);
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO patient (id, bed_id, display_name, language, ins,"
                + " hospital_id, hospital_id_index, auto_answer, admitted_at) VALUES (?, ?, ?, ?, ?, ?, ?, FALSE, ?)")) {
            ps.setString(1, id);
            ps.setString(2, p.bedId());
            ps.setString(3, personal.seal(SealedColumns.PATIENT_NAME, id, p.name()));
            ps.setString(4, p.language().code());
            ps.setString(5, p.ins().map(i -> personal.seal(SealedColumns.PATIENT_INS, id, i.stored())).orElse(null));
            ps.setString(6, p.hospitalId().map(h -> personal.seal(SealedColumns.PATIENT_HOSPITAL_ID, id, h)).orElse(null));
            ps.setString(7, p.hospitalId().map(h -> personal.index(SealedColumns.PATIENT_HOSPITAL_ID_INDEX, h))
                    .orElse(null));
            ps.setLong(8, clock.millis());
            ps.executeUpdate();
        }
        return id;
    }

    /**
     * Applies {@code ch} to an admitted patient of {@code wardId}. A move to another bed is refused (409,
     * {@code bed}) while visits of theirs are still to come or under way: they are on the old bed's tablet.
     *
     * @return the names of what changed, for the audit trail ({@code name}, {@code bed}, …)
     */
    public List<String> change(Connection c, String wardId, String patientId, Changes ch) throws SQLException {
        lockWard(c, wardId);
        PatientRow now = admitted(c, patientId);
        List<String> changed = new ArrayList<>();
        if (ch.name().isPresent() && !ch.name().get().equals(now.name())) {
            update(c, patientId, "display_name", personal.seal(SealedColumns.PATIENT_NAME, patientId, ch.name().get()));
            changed.add("name");
        }
        if (ch.bedId().isPresent() && !ch.bedId().get().equals(now.bedId())) {
            checkBedFree(c, ch.bedId().get(), patientId);
            long open = openVisits(c, patientId);
            if (open > 0) {
                // Their visits are booked on the old bed's tablet, which would ring for whoever sleeps there next.
                throw ApiException.conflict("bed", "the patient has " + open + " visit" + (open == 1 ? "" : "s")
                        + " still to come or under way on the tablet of their bed: cancel " + (open == 1 ? "it" : "them")
                        + " first, move the patient, then book again on the new bed's tablet");
            }
            update(c, patientId, "bed_id", ch.bedId().get());
            changed.add("bed");
        }
        if (ch.language().isPresent() && ch.language().get() != now.language()) {
            update(c, patientId, "language", ch.language().get().code());
            changed.add("language");
        }
        if (ch.ins().isPresent() && !ch.ins().get().equals(now.ins())) {
            update(c, patientId, "ins", ch.ins().get().map(i -> personal.seal(SealedColumns.PATIENT_INS, patientId,
                    i.stored())).orElse(null));
            changed.add("ins");
        }
        if (ch.hospitalId().isPresent() && !ch.hospitalId().get().equals(now.hospitalId())) {
            Optional<String> h = ch.hospitalId().get();
            if (h.isPresent()) {
                checkHospitalIdFree(c, wardId, h.get(), patientId);
            }
            update(c, patientId, "hospital_id", h.map(v -> personal.seal(SealedColumns.PATIENT_HOSPITAL_ID, patientId, v))
                    .orElse(null));
            update(c, patientId, "hospital_id_index", h.map(v -> personal.index(SealedColumns.PATIENT_HOSPITAL_ID_INDEX,
                    v)).orElse(null));
            changed.add("hospital_id");
        }
        return changed;
    }

    /**
     * Records the patient's consent to their tablet answering calls by itself, or its withdrawal, by
     * {@code by} now. The visits not over yet follow it at once (the tablet reads a visit's own flag).
     *
     * @return how many of the patient's visits still to come or under way now follow the new consent
     */
    public int recordConsent(Connection c, String patientId, boolean autoAnswer, String by) throws SQLException {
        admitted(c, patientId);
        long now = clock.millis();
        try (PreparedStatement ps = c.prepareStatement("UPDATE patient SET auto_answer = ?, consent_recorded_by = ?,"
                + " consent_recorded_at = ? WHERE id = ?")) {
            ps.setBoolean(1, autoAnswer);
            ps.setString(2, by);
            ps.setLong(3, now);
            ps.setString(4, patientId);
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("UPDATE visit SET auto_answer = ? WHERE patient_id = ?"
                + " AND ended_at IS NULL AND ends_at > ? AND auto_answer <> ?")) {
            ps.setBoolean(1, autoAnswer);
            ps.setString(2, patientId);
            ps.setLong(3, now);
            ps.setBoolean(4, autoAnswer);
            return ps.executeUpdate();
        }
    }

    /**
     * Discharges an admitted patient: no longer listed in the ward, their bed free, never booked again.
     * Refused (409, {@code visits}) while visits of theirs are still to come or under way: cancelling
     * them tells their families, which is the booking's to do.
     */
    public void discharge(Connection c, String wardId, String patientId) throws SQLException {
        lockWard(c, wardId);
        admitted(c, patientId);
        long open = openVisits(c, patientId);
        if (open > 0) {
            throw ApiException.conflict("visits", "the patient has " + open + " visit" + (open == 1 ? "" : "s")
                    + " still to come or under way: cancel " + (open == 1 ? "it" : "them")
                    + " first, so that the family is told, then discharge the patient");
        }
        long now = clock.millis();
        try (PreparedStatement ps = c.prepareStatement("UPDATE patient SET discharged_at = ? WHERE id = ?")) {
            ps.setLong(1, now);
            ps.setString(2, patientId);
            ps.executeUpdate();
        }
    }

    /** How many of the patient's visits are still to come or under way (not ended, not over). */
    private long openVisits(Connection c, String patientId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM visit WHERE patient_id = ?"
                + " AND ended_at IS NULL AND ends_at > ?")) {
            ps.setString(1, patientId);
            ps.setLong(2, clock.millis());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** The patient, admitted; 409 when discharged, 404 when there is none. */
    private PatientRow admitted(Connection c, String patientId) throws SQLException {
        PatientRow p = rows.find(c, patientId).orElseThrow(ApiException::notFound);
        if (p.dischargedAt().isPresent()) {
            throw ApiException.conflict(null, "the patient was discharged: admit them again to change anything");
        }
        return p;
    }

    private void checkBedFree(Connection c, String bedId, String patientId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT b.label FROM patient p JOIN bed b ON b.id = p.bed_id"
                + " WHERE p.bed_id = ? AND p.discharged_at IS NULL AND p.id <> ?")) {
            ps.setString(1, bedId);
            ps.setString(2, patientId);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    throw ApiException.conflict("bed", rs.getString(1) + " holds an admitted patient already: discharge"
                            + " or move them first, or choose a free bed");
                }
            }
        }
    }

    private void checkHospitalIdFree(Connection c, String wardId, String hospitalId, String patientId)
            throws SQLException {
        if (rows.byHospitalId(c, wardId, hospitalId).filter(id -> !id.equals(patientId)).isPresent()) {
            throw ApiException.conflict("hospitalId", "another admitted patient of this ward has this hospital"
                    + " identifier: check it, or find that patient with it");
        }
    }

    private static void update(Connection c, String patientId, String column, String value) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE patient SET " + column + " = ? WHERE id = ?")) {
            ps.setString(1, value);
            ps.setString(2, patientId);
            ps.executeUpdate();
        }
    }

    /** Takes the ward's row lock on PostgreSQL (SQLite has one writer anyway). */
    static void lockWard(Connection c, String wardId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE ward SET name = name WHERE id = ?")) {
            ps.setString(1, wardId);
            ps.executeUpdate();
        }
    }

    private String newId() {
        byte[] bytes = new byte[ID_BYTES];
        random.nextBytes(bytes);
        return ID_ENCODER.encodeToString(bytes);
    }
}
