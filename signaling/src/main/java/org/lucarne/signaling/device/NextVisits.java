package org.lucarne.signaling.device;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.lucarne.signaling.personal.PersonalData;
import org.lucarne.signaling.personal.PersonalDataException;
import org.lucarne.signaling.personal.SealedColumns;
import org.lucarne.signaling.storage.Database;
import org.lucarne.signaling.ws.protocol.Message;
import org.lucarne.signaling.ws.protocol.ProtocolCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a bedside tablet's idle screen shows (docs/protocol.md, {@code next_visit}): its ward's name, its
 * patient's language, and its next visit not ended whose slot is not over, with the names of the family
 * members invited to it (invites not revoked, contacts not removed), opened from their sealed form.
 * Names leave this class only in the message for that tablet; a name that does not open is left out and
 * logged by its row id only.
 */
public final class NextVisits {
    private static final Logger LOG = LoggerFactory.getLogger(NextVisits.class);

    /** The message, and when it goes stale: the end of the visit it names (then the next one is due). */
    public record Agenda(Message.NextVisit message, Optional<Instant> staleAt) { }

    private final Database db;
    private final PersonalData personal;
    private final Clock clock;

    public NextVisits(Database db, PersonalData personal, Clock clock) {
        this.db = Objects.requireNonNull(db, "db");
        this.personal = Objects.requireNonNull(personal, "personal");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The tablet's agenda now; empty when no such tablet is in a bed of a ward. */
    public Optional<Agenda> of(String tabletId) {
        Objects.requireNonNull(tabletId, "tabletId");
        long now = clock.millis();
        return db.inTransaction(c -> {
            String ward = null;
            String bed = null;
            try (PreparedStatement ps = c.prepareStatement("SELECT w.name, t.bed_id FROM tablet t"
                    + " JOIN bed b ON b.id = t.bed_id JOIN ward w ON w.id = b.ward_id WHERE t.id = ?")) {
                ps.setString(1, tabletId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    ward = cut(rs.getString(1), ProtocolCodec.MAX_WARD_NAME_LENGTH);
                    bed = rs.getString(2);
                }
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT v.id, v.starts_at, v.ends_at, p.language"
                    + " FROM visit v JOIN patient p ON p.id = v.patient_id"
                    + " WHERE v.tablet_id = ? AND v.ends_at > ? AND v.ended_at IS NULL"
                    + " ORDER BY v.starts_at, v.id LIMIT 1")) {
                ps.setString(1, tabletId);
                ps.setLong(2, now);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        String visit = rs.getString(1);
                        long startsAt = rs.getLong(2);
                        Instant endsAt = Instant.ofEpochMilli(rs.getLong(3));
                        String language = language(rs.getString(4));
                        return Optional.of(new Agenda(new Message.NextVisit(ward, language, visit, startsAt,
                                names(c, visit)), Optional.of(endsAt)));
                    }
                }
            }
            return Optional.of(new Agenda(Message.NextVisit.none(ward, patientLanguage(c, bed)), Optional.empty()));
        });
    }

    /** The ids of the tablets in the ward's beds. */
    public List<String> tabletsOfWard(String wardId) {
        return db.inTransaction(c -> {
            List<String> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT t.id FROM tablet t JOIN bed b ON b.id = t.bed_id WHERE b.ward_id = ?")) {
                ps.setString(1, wardId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(rs.getString(1));
                    }
                }
            }
            return out;
        });
    }

    /** The language of the patient in the bed now, or null when the bed is empty. */
    private static String patientLanguage(Connection c, String bed) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT language FROM patient"
                + " WHERE bed_id = ? AND discharged_at IS NULL ORDER BY COALESCE(admitted_at, 0) DESC, id LIMIT 1")) {
            ps.setString(1, bed);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? language(rs.getString(1)) : null;
            }
        }
    }

    /** The invited family members' names, in the order they were added to the patient's record. */
    private List<String> names(Connection c, String visit) throws SQLException {
        List<String> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT DISTINCT f.id, f.display_name, f.created_at"
                + " FROM visit_invite vi JOIN invite i ON i.id_hash = vi.invite_id_hash"
                + " JOIN family_contact f ON f.id = i.contact_id"
                + " WHERE vi.visit_id = ? AND i.revoked_at IS NULL AND f.removed_at IS NULL"
                + " ORDER BY f.created_at, f.id")) {
            ps.setString(1, visit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next() && out.size() < ProtocolCodec.MAX_NEXT_VISIT_NAMES) {
                    String id = rs.getString(1);
                    try {
                        String name = personal.open(SealedColumns.CONTACT_NAME, id, rs.getString(2));
                        if (name != null && !name.isBlank()) {
                            out.add(cut(name.strip(), ProtocolCodec.MAX_NAME_LENGTH));
                        }
                    } catch (PersonalDataException e) {
                        LOG.warn("a tablet's next visit leaves out a name: {}", e.getMessage());
                    }
                }
            }
        }
        return out;
    }

    /** A stored language code as the protocol carries it, or null. */
    private static String language(String code) {
        return code != null && code.matches("[a-z]{2,3}") ? code : null;
    }

    private static String cut(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}
