package org.lucarne.signaling.booking;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The facts the booking rules need, read inside the booking's transaction. Each query is bounded by an
 * index: a tablet's visits by {@code visit_tablet_ends}, a patient's by {@code visit_patient_starts}.
 */
final class BookingStore {
    private BookingStore() {
    }

    static Optional<BookingFacts.Patient> patient(Connection c, String patientId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT p.id, p.bed_id, b.ward_id, p.discharged_at,"
                + " p.auto_answer FROM patient p JOIN bed b ON b.id = p.bed_id WHERE p.id = ?")) {
            ps.setString(1, patientId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new BookingFacts.Patient(rs.getString(1), rs.getString(2), rs.getString(3),
                        instant(rs, 4), rs.getBoolean(5)));
            }
        }
    }

    static Optional<BookingFacts.Tablet> tablet(Connection c, String tabletId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT id, bed_id, revoked_at FROM tablet WHERE id = ?")) {
            ps.setString(1, tabletId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new BookingFacts.Tablet(rs.getString(1), rs.getString(2), instant(rs, 3).isPresent()));
            }
        }
    }

    /** The tablet a booking takes when none is given: the bed's most recently enrolled tablet not revoked. */
    static Optional<String> tabletOfBed(Connection c, String bedId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT id FROM tablet WHERE bed_id = ? AND revoked_at IS NULL"
                + " ORDER BY enrolled_at DESC, id LIMIT 1")) {
            ps.setString(1, bedId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        }
    }

    static List<BookingFacts.Contact> contacts(Connection c, String patientId) throws SQLException {
        List<BookingFacts.Contact> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT id, allowed, removed_at FROM family_contact"
                + " WHERE patient_id = ?")) {
            ps.setString(1, patientId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new BookingFacts.Contact(rs.getString(1), rs.getBoolean(2), instant(rs, 3).isPresent()));
                }
            }
        }
        return out;
    }

    /**
     * What is booked around {@code [from, to)}: the tablet's uses that reach into it, and the starts in it
     * of the patient's visits not cancelled; {@code except} (a visit being moved, or null) left out.
     */
    static BookingFacts.Occupancy occupancy(Connection c, String tabletId, String patientId, Instant from, Instant to,
                                            Collection<String> except) throws SQLException {
        return new BookingFacts.Occupancy(uses(c, List.of(tabletId), from, to, except).getOrDefault(tabletId, List.of()),
                starts(c, patientId, from, to, except));
    }

    /**
     * Each tablet's uses that reach into {@code [from, to)}: a visit's slot, up to its end if it was ended
     * early; a visit ended before its start (cancelled in advance), or cancelled before its call started
     * (nobody answered on the tablet, so there is nothing to clean), uses nothing.
     */
    static Map<String, List<Slot>> uses(Connection c, List<String> tabletIds, Instant from, Instant to,
                                        Collection<String> except) throws SQLException {
        Map<String, List<Slot>> out = new LinkedHashMap<>();
        if (tabletIds.isEmpty()) {
            return out;
        }
        String in = String.join(", ", Collections.nCopies(tabletIds.size(), "?"));
        try (PreparedStatement ps = c.prepareStatement("SELECT tablet_id, starts_at, ends_at, ended_at FROM visit"
                + " WHERE tablet_id IN (" + in + ") AND ends_at > ? AND starts_at < ?"
                + " AND (end_reason IS NULL OR end_reason <> 'cancelled' OR call_started_at IS NOT NULL)" + notIn(except)
                + " ORDER BY starts_at")) {
            int i = 1;
            for (String t : tabletIds) {
                ps.setString(i++, t);
            }
            ps.setLong(i++, from.toEpochMilli());
            ps.setLong(i++, to.toEpochMilli());
            for (String id : except) {
                ps.setString(i++, id);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long start = rs.getLong(2);
                    long end = rs.getLong(3);
                    long ended = rs.getLong(4);
                    if (!rs.wasNull()) {
                        end = Math.min(end, ended);
                    }
                    if (start < end) {
                        out.computeIfAbsent(rs.getString(1), k -> new ArrayList<>())
                                .add(new Slot(Instant.ofEpochMilli(start), Instant.ofEpochMilli(end)));
                    }
                }
            }
        }
        return out;
    }

    /** The starts in {@code [from, to)} of the patient's visits that were not cancelled. */
    static List<Instant> starts(Connection c, String patientId, Instant from, Instant to, Collection<String> except)
            throws SQLException {
        List<Instant> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT starts_at FROM visit WHERE patient_id = ?"
                + " AND starts_at >= ? AND starts_at < ? AND (end_reason IS NULL OR end_reason <> 'cancelled')"
                + notIn(except))) {
            ps.setString(1, patientId);
            ps.setLong(2, from.toEpochMilli());
            ps.setLong(3, to.toEpochMilli());
            int i = 4;
            for (String id : except) {
                ps.setString(i++, id);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(Instant.ofEpochMilli(rs.getLong(1)));
                }
            }
        }
        return out;
    }

    /**
     * The tablet's visits not ended whose slot is not over at {@code now}, booked by {@code bookedBy} (or by
     * a Lucarne older than booking, which did not record who booked).
     */
    static List<String> openVisitsOfTablet(Connection c, String tabletId, Instant now, String bookedBy)
            throws SQLException {
        List<String> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT id FROM visit WHERE tablet_id = ? AND ends_at > ?"
                + " AND ended_at IS NULL AND (booked_by = ? OR booked_by IS NULL)")) {
            ps.setString(1, tabletId);
            ps.setLong(2, now.toEpochMilli());
            ps.setString(3, bookedBy);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        }
        return out;
    }

    private static String notIn(Collection<String> ids) {
        return ids.isEmpty() ? "" : " AND id NOT IN (" + String.join(", ", Collections.nCopies(ids.size(), "?")) + ")";
    }


    /** A ward's tablets (revoked ones too), by label, with the admitted patient at each one's bed if any. */
    static List<WardTablet> tabletsOfWard(Connection c, String wardId) throws SQLException {
        Map<String, WardTablet> out = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT t.id, t.label, b.id, b.label, t.revoked_at, p.id,"
                + " p.display_name FROM tablet t JOIN bed b ON b.id = t.bed_id"
                + " LEFT JOIN patient p ON p.bed_id = b.id AND p.discharged_at IS NULL"
                + " WHERE b.ward_id = ? ORDER BY t.label, t.id, p.id")) {
            ps.setString(1, wardId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.putIfAbsent(rs.getString(1), new WardTablet(rs.getString(1), rs.getString(2), rs.getString(3),
                            rs.getString(4), instant(rs, 5).isPresent(), Optional.ofNullable(rs.getString(6)),
                            Optional.ofNullable(rs.getString(7))));
                }
            }
        }
        return List.copyOf(out.values());
    }

    /**
     * A tablet of a ward, for its calendar.
     *
     * @param sealedPatientName the patient's name as stored (sealed): open it only to show it
     */
    record WardTablet(String id, String label, String bedId, String bedLabel, boolean revoked,
                      Optional<String> patientId, Optional<String> sealedPatientName) {
    }

    private static Optional<Instant> instant(ResultSet rs, int column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(v));
    }
}
