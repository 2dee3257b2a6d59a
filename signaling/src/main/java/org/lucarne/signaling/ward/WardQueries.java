package org.lucarne.signaling.ward;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.lucarne.signaling.personal.PersonalData;
import org.lucarne.signaling.personal.SealedColumns;
import org.lucarne.signaling.storage.Database;
import org.lucarne.signaling.visit.VisitEndReason;

/**
 * What the console reads about a ward: its name, its visits of a day, a patient's record, and which
 * ward a patient is on (the scope the authorization policy decides by). Names are opened from their
 * sealed columns here and nowhere near a log.
 */
public final class WardQueries {
    /**
     * A visit as the console lists it.
     *
     * @param firstJoinedAt when a visitor first came to it (its status: completed or no-show)
     */
    public record VisitRow(String id, String patientId, String patientName, String bed, String tabletId,
                           String tabletLabel, Instant startsAt, Instant endsAt, Optional<Instant> endedAt,
                           Optional<VisitEndReason> endReason, Optional<Instant> firstJoinedAt) { }

    /** A patient's record. */
    public record PatientRecord(String id, String name, String bed, WardRef ward, List<Contact> contacts) { }

    public record Contact(String id, String name) { }

    private static final String VISIT_COLUMNS = "v.id, p.id, p.display_name, b.label, t.id, t.label, v.starts_at,"
            + " v.ends_at, v.ended_at, v.end_reason, v.first_joined_at";
    /** The most visits a ward's day lists. */
    static final int DAY_LIMIT = 100;

    private final Database db;
    private final PersonalData personal;

    public WardQueries(Database db, PersonalData personal) {
        this.db = Objects.requireNonNull(db, "db");
        this.personal = Objects.requireNonNull(personal, "personal");
    }

    public Optional<WardRef> ward(String wardId) {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT id, name FROM ward WHERE id = ?")) {
                ps.setString(1, wardId);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(new WardRef(rs.getString(1), rs.getString(2))) : Optional.empty();
                }
            }
        });
    }

    /** These wards, by name. */
    public List<WardRef> wards(Set<String> ids) {
        return all().stream().filter(w -> ids.contains(w.id())).toList();
    }

    /** Every ward, by name. */
    public List<WardRef> all() {
        return db.inTransaction(c -> {
            List<WardRef> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT id, name FROM ward ORDER BY name, id");
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new WardRef(rs.getString(1), rs.getString(2)));
                }
            }
            return out;
        });
    }

    /** The ward of the patient's bed, or empty when there is no such patient. */
    public Optional<String> wardOfPatient(String patientId) {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT b.ward_id FROM patient p JOIN bed b ON b.id = p.bed_id WHERE p.id = ?")) {
                ps.setString(1, patientId);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
                }
            }
        });
    }

    /** The visits of the ward's patients that start in {@code [from, to)}, by start. */
    public List<VisitRow> visitsStarting(String wardId, Instant from, Instant to) {
        return visitsStarting(wardId, from, to, DAY_LIMIT);
    }

    /** The visits of the ward's patients that start in {@code [from, to)}, by start, at most {@code limit}. */
    public List<VisitRow> visitsStarting(String wardId, Instant from, Instant to, int limit) {
        return db.inTransaction(c -> visits(c, "b.ward_id = ? AND v.starts_at >= ? AND v.starts_at < ?", limit, wardId,
                from.toEpochMilli(), to.toEpochMilli()));
    }

    /** One visit, as the console shows it. */
    public Optional<VisitRow> visit(String visitId) {
        return db.inTransaction(c -> visits(c, "v.id = ?", 1, visitId)).stream().findFirst();
    }

    /** The patient's visits that end after {@code since}, by start, at most 100. */
    public List<VisitRow> visitsOfPatient(String patientId, Instant since) {
        return db.inTransaction(c -> visits(c, "p.id = ? AND v.ends_at > ?", DAY_LIMIT, patientId,
                since.toEpochMilli()));
    }

    public Optional<PatientRecord> patient(String patientId) {
        return db.inTransaction(c -> {
            PatientRecord r;
            try (PreparedStatement ps = c.prepareStatement("SELECT p.id, p.display_name, b.label, w.id, w.name"
                    + " FROM patient p JOIN bed b ON b.id = p.bed_id JOIN ward w ON w.id = b.ward_id WHERE p.id = ?")) {
                ps.setString(1, patientId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    r = new PatientRecord(rs.getString(1), Names.open(personal, SealedColumns.PATIENT_NAME,
                            rs.getString(1), rs.getString(2)), rs.getString(3), new WardRef(rs.getString(4),
                            rs.getString(5)), List.of());
                }
            }
            return Optional.of(new PatientRecord(r.id(), r.name(), r.bed(), r.ward(), contacts(c, patientId)));
        });
    }

    private List<Contact> contacts(Connection c, String patientId) throws SQLException {
        List<Contact> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT id, display_name FROM family_contact WHERE patient_id = ?"
                + " ORDER BY created_at, id")) {
            ps.setString(1, patientId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Contact(rs.getString(1), Names.open(personal, SealedColumns.CONTACT_NAME,
                            rs.getString(1), rs.getString(2))));
                }
            }
        }
        return out;
    }

    private List<VisitRow> visits(Connection c, String where, int limit, Object... params) throws SQLException {
        List<VisitRow> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT " + VISIT_COLUMNS + " FROM visit v"
                + " JOIN patient p ON p.id = v.patient_id JOIN bed b ON b.id = p.bed_id JOIN tablet t ON t.id = v.tablet_id"
                + " WHERE " + where + " ORDER BY v.starts_at, v.id LIMIT " + limit)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long ended = rs.getLong(9);
                    Optional<Instant> endedAt = rs.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(ended));
                    String reason = rs.getString(10);
                    long joined = rs.getLong(11);
                    Optional<Instant> firstJoined = rs.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(joined));
                    out.add(new VisitRow(rs.getString(1), rs.getString(2), Names.open(personal, SealedColumns.PATIENT_NAME,
                            rs.getString(2), rs.getString(3)), rs.getString(4), rs.getString(5), rs.getString(6),
                            Instant.ofEpochMilli(rs.getLong(7)), Instant.ofEpochMilli(rs.getLong(8)), endedAt,
                            reason == null ? Optional.empty() : VisitEndReason.fromStored(reason), firstJoined));
                }
            }
        }
        return out;
    }
}
