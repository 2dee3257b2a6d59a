package org.lucarne.signaling.notify;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;
import org.lucarne.signaling.personal.PersonalData;
import org.lucarne.signaling.personal.SealedColumns;
import org.lucarne.signaling.ward.WardSettingsStore;

/**
 * What sending one message needs to know, read in one transaction at the moment it is sent: the message,
 * its visit as it stands now, the patient's name, the contact's addresses and wishes, the ward's time zone,
 * and the invite's link if it is still kept. Holds personal data: never logged.
 */
record SendJob(MessageRow message, Instant start, Instant end, boolean visitEnded, String wardId, ZoneId zone,
               String patientName, String contactName, Optional<String> phone, Optional<String> email,
               String language, String preferredChannel, boolean contactRemoved, boolean inviteRevoked,
               Optional<String> link) {

    static Optional<SendJob> load(Connection c, MessageRow m, PersonalData personal, WardSettingsStore wards,
                                  InviteLinks links) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT v.starts_at, v.ends_at, v.ended_at, b.ward_id, p.id,"
                + " p.display_name, f.display_name, f.phone, f.email, f.language, f.channel, f.removed_at"
                + " FROM visit v JOIN patient p ON p.id = v.patient_id JOIN bed b ON b.id = p.bed_id"
                + " JOIN family_contact f ON f.id = ? WHERE v.id = ?")) {
            ps.setString(1, m.contactId());
            ps.setString(2, m.visitId());
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                Instant start = Instant.ofEpochMilli(rs.getLong(1));
                Instant end = Instant.ofEpochMilli(rs.getLong(2));
                rs.getLong(3);
                boolean ended = !rs.wasNull();
                String ward = rs.getString(4);
                String patientId = rs.getString(5);
                String patient = personal.open(SealedColumns.PATIENT_NAME, patientId, rs.getString(6));
                String contact = personal.open(SealedColumns.CONTACT_NAME, m.contactId(), rs.getString(7));
                Optional<String> phone = Optional.ofNullable(personal.openNullable(SealedColumns.CONTACT_PHONE,
                        m.contactId(), rs.getString(8)));
                Optional<String> email = Optional.ofNullable(personal.openNullable(SealedColumns.CONTACT_EMAIL,
                        m.contactId(), rs.getString(9)));
                String language = rs.getString(10);
                String channel = rs.getString(11);
                rs.getLong(12);
                boolean removed = !rs.wasNull();
                boolean revoked = m.inviteIdHash().isPresent() && revoked(c, m.inviteIdHash().get());
                Optional<String> link = m.inviteIdHash().isPresent() ? links.link(c, m.inviteIdHash().get())
                        : Optional.empty();
                return Optional.of(new SendJob(m, start, end, ended, ward, wards.of(c, ward).timeZone(), patient,
                        contact, phone.filter(s -> !s.isBlank()), email.filter(s -> !s.isBlank()), language, channel,
                        removed, revoked, link));
            }
        }
    }

    private static boolean revoked(Connection c, String idHash) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT revoked_at FROM invite WHERE id_hash = ?")) {
            ps.setString(1, idHash);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return true;
                }
                rs.getLong(1);
                return !rs.wasNull();
            }
        }
    }

    @Override
    public String toString() {
        return "SendJob[message " + message.id() + ", visit " + message.visitId() + "]";
    }
}
