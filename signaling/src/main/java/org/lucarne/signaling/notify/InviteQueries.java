package org.lucarne.signaling.notify;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.lucarne.signaling.personal.PersonalData;
import org.lucarne.signaling.personal.PersonalDataException;
import org.lucarne.signaling.personal.SealedColumns;

/** What the console reads about invites and their messages: whose they are, which ward, how they went. */
final class InviteQueries {
    static final Pattern HASH = Pattern.compile("[0-9a-f]{64}");

    private InviteQueries() {
    }

    /** An invite attached to a visit, with the visit's patient and ward (for the policy). */
    record InviteRef(String hash, String contactId, String visitId, String patientId, String wardId, boolean revoked,
                     Instant visitStart, Instant visitEnd, boolean visitEnded) {
        boolean visitOverAt(Instant now) {
            return visitEnded || !now.isBefore(visitEnd);
        }
    }

    /** A visit's patient and ward. */
    record VisitRef(String id, String patientId, String wardId) { }

    /** One invite of a visit as the console shows it, with its messages oldest first. */
    record InviteView(String hash, String contactId, String contactName, String contactChannel, boolean revoked,
                      List<MessageRow> messages) { }

    static Optional<InviteRef> invite(Connection c, String hash) throws SQLException {
        if (hash == null || !HASH.matcher(hash).matches()) {
            return Optional.empty();
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT i.contact_id, vi.visit_id, v.patient_id, b.ward_id,"
                + " i.revoked_at, v.starts_at, v.ends_at, v.ended_at FROM invite i"
                + " JOIN visit_invite vi ON vi.invite_id_hash = i.id_hash JOIN visit v ON v.id = vi.visit_id"
                + " JOIN patient p ON p.id = v.patient_id JOIN bed b ON b.id = p.bed_id WHERE i.id_hash = ?")) {
            ps.setString(1, hash);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                String contact = rs.getString(1);
                String visit = rs.getString(2);
                String patient = rs.getString(3);
                String ward = rs.getString(4);
                rs.getLong(5);
                boolean revoked = !rs.wasNull();
                Instant start = Instant.ofEpochMilli(rs.getLong(6));
                Instant end = Instant.ofEpochMilli(rs.getLong(7));
                rs.getLong(8);
                boolean ended = !rs.wasNull();
                return Optional.of(new InviteRef(hash, contact, visit, patient, ward, revoked, start, end, ended));
            }
        }
    }

    static Optional<VisitRef> visit(Connection c, String visitId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT v.patient_id, b.ward_id FROM visit v"
                + " JOIN patient p ON p.id = v.patient_id JOIN bed b ON b.id = p.bed_id WHERE v.id = ?")) {
            ps.setString(1, visitId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new VisitRef(visitId, rs.getString(1), rs.getString(2))) : Optional.empty();
            }
        }
    }

    /** The visit's invites, revoked ones too, in the order they were issued, each with its messages. */
    static List<InviteView> invitesOf(Connection c, String visitId, PersonalData personal, Messages messages)
            throws SQLException {
        List<InviteView> out = new ArrayList<>();
        List<MessageRow> all = messages.ofVisit(c, visitId);
        try (PreparedStatement ps = c.prepareStatement("SELECT i.id_hash, i.contact_id, f.display_name, f.channel,"
                + " i.revoked_at FROM invite i JOIN visit_invite vi ON vi.invite_id_hash = i.id_hash"
                + " JOIN family_contact f ON f.id = i.contact_id WHERE vi.visit_id = ? ORDER BY i.created_at, i.id_hash")) {
            ps.setString(1, visitId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String hash = rs.getString(1);
                    String contact = rs.getString(2);
                    String name = name(personal, contact, rs.getString(3));
                    String channel = rs.getString(4);
                    rs.getLong(5);
                    boolean revoked = !rs.wasNull();
                    List<MessageRow> mine = all.stream().filter(m -> m.inviteIdHash().filter(hash::equals).isPresent())
                            .toList();
                    out.add(new InviteView(hash, contact, name, channel, revoked, mine));
                }
            }
        }
        return out;
    }

    /** A contact's name for the console; "?" when it does not open (logged by column and row elsewhere). */
    static String name(PersonalData personal, String contactId, String sealed) {
        try {
            return personal.open(SealedColumns.CONTACT_NAME, contactId, sealed);
        } catch (PersonalDataException e) {
            return "?";
        }
    }
}
