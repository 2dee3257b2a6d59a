package org.lucarne.signaling.patient;

import org.lucarne.signaling.ward.Language;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.lucarne.signaling.personal.PersonalData;
import org.lucarne.signaling.personal.SealedColumns;
import org.lucarne.signaling.ward.Names;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads patients and beds, inside the caller's transaction, opening the sealed values. A value that
 * does not open shows as {@link Names#UNKNOWN} (a name) or as absent (an INS, a hospital identifier),
 * logged by column and row, never by person.
 */
public final class PatientRows {
    private static final Logger LOG = LoggerFactory.getLogger(PatientRows.class);
    private static final String COLUMNS = "p.id, w.id, w.name, b.id, b.label, p.display_name, p.language, p.ins,"
            + " p.hospital_id, p.auto_answer, p.consent_recorded_by, p.consent_recorded_at, p.admitted_at,"
            + " p.discharged_at";
    private static final String FROM = " FROM patient p JOIN bed b ON b.id = p.bed_id JOIN ward w ON w.id = b.ward_id";

    /** A bed of a ward, and the admitted patient in it if any. */
    public record Bed(String id, String label, Optional<String> patientId) { }

    private final PersonalData personal;

    PatientRows(PersonalData personal) {
        this.personal = Objects.requireNonNull(personal, "personal");
    }

    public Optional<PatientRow> find(Connection c, String patientId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + FROM + " WHERE p.id = ?")) {
            ps.setString(1, patientId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(row(rs)) : Optional.empty();
            }
        }
    }

    /** The ward's admitted patients, by bed label. */
    public List<PatientRow> admitted(Connection c, String wardId) throws SQLException {
        List<PatientRow> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + FROM
                + " WHERE b.ward_id = ? AND p.discharged_at IS NULL ORDER BY b.label, p.id")) {
            ps.setString(1, wardId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(row(rs));
                }
            }
        }
        return out;
    }

    /** The admitted patient of the ward with this hospital identifier (as {@link HospitalIds} keeps it). */
    public Optional<String> byHospitalId(Connection c, String wardId, String hospitalId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT p.id FROM patient p JOIN bed b ON b.id = p.bed_id"
                + " WHERE p.hospital_id_index = ? AND b.ward_id = ? AND p.discharged_at IS NULL ORDER BY p.id")) {
            ps.setString(1, personal.index(SealedColumns.PATIENT_HOSPITAL_ID_INDEX, hospitalId));
            ps.setString(2, wardId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        }
    }

    /** How many contacts (not removed) each of these patients has. */
    public int contactCount(Connection c, String patientId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM family_contact WHERE patient_id = ?"
                + " AND removed_at IS NULL")) {
            ps.setString(1, patientId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    /** The ward's beds, by label, each with its admitted patient if any. */
    public List<Bed> beds(Connection c, String wardId) throws SQLException {
        List<Bed> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT b.id, b.label, p.id FROM bed b LEFT JOIN patient p"
                + " ON p.bed_id = b.id AND p.discharged_at IS NULL WHERE b.ward_id = ? ORDER BY b.label, b.id, p.id")) {
            ps.setString(1, wardId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (!out.isEmpty() && out.get(out.size() - 1).id().equals(rs.getString(1))) {
                        continue;
                    }
                    out.add(new Bed(rs.getString(1), rs.getString(2), Optional.ofNullable(rs.getString(3))));
                }
            }
        }
        return out;
    }

    /** A bed of the ward by its id, or else by its label (in any case): what staff type or pick. */
    public Optional<Bed> bed(Connection c, String wardId, String idOrLabel) throws SQLException {
        List<Bed> beds = beds(c, wardId);
        Optional<Bed> byId = beds.stream().filter(b -> b.id().equals(idOrLabel)).findFirst();
        if (byId.isPresent()) {
            return byId;
        }
        String label = idOrLabel.strip().toLowerCase(Locale.ROOT);
        return beds.stream().filter(b -> b.label().toLowerCase(Locale.ROOT).equals(label)).findFirst();
    }

    private PatientRow row(ResultSet rs) throws SQLException {
        String id = rs.getString(1);
        return new PatientRow(id, rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                Names.open(personal, SealedColumns.PATIENT_NAME, id, rs.getString(6)),
                Language.of(rs.getString(7)).orElse(Language.FR), ins(id, rs.getString(8)),
                opened(SealedColumns.PATIENT_HOSPITAL_ID, id, rs.getString(9)), rs.getBoolean(10),
                Optional.ofNullable(rs.getString(11)), instant(rs, 12), instant(rs, 13), instant(rs, 14));
    }

    private Optional<Ins> ins(String id, String stored) {
        return opened(SealedColumns.PATIENT_INS, id, stored).flatMap(text -> {
            try {
                return Optional.of(Ins.fromStored(text));
            } catch (IllegalArgumentException e) {
                LOG.warn("patient {}: the stored INS is not one ({}); it is shown as absent", id, e.getMessage());
                return Optional.empty();
            }
        });
    }

    private Optional<String> opened(org.lucarne.signaling.personal.SealedColumn column, String id, String stored) {
        String text = Names.open(personal, column, id, stored);
        return text == null || text.equals(Names.UNKNOWN) ? Optional.empty() : Optional.of(text);
    }

    private static Optional<Instant> instant(ResultSet rs, int column) throws SQLException {
        long ms = rs.getLong(column);
        return rs.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(ms));
    }
}
