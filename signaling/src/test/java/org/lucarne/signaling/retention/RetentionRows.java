package org.lucarne.signaling.retention;

import java.security.SecureRandom;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.lucarne.signaling.contact.Channel;
import org.lucarne.signaling.contact.ContactDetails;
import org.lucarne.signaling.contact.Contacts;
import org.lucarne.signaling.invite.Invite;
import org.lucarne.signaling.invite.Invites;
import org.lucarne.signaling.personal.PersonalData;
import org.lucarne.signaling.personal.SealedColumns;
import org.lucarne.signaling.storage.Database;
import org.lucarne.signaling.testing.SealedRows;
import org.lucarne.signaling.visit.NewVisit;
import org.lucarne.signaling.visit.Visit;
import org.lucarne.signaling.visit.Visits;
import org.lucarne.signaling.ward.Language;
import org.lucarne.testing.ManualClock;

/**
 * A ward for the retention tests: patient-1 admitted at bed-1 (tablet-1), patient-2 at bed-2 (tablet-2); family
 * contacts added through {@link Contacts} at the clock's time, with every detail; visits and invites as booking
 * makes them. Reads back what is stored, sealed, for the at-rest checks.
 */
final class RetentionRows {
    final Database db;
    final PersonalData personal = SealedRows.newKeys();
    private int sessions;
    final ManualClock clock;

    RetentionRows(Database db, ManualClock clock) {
        this.db = db;
        this.clock = clock;
        long t = clock.millis();
        db.inTransaction(c -> {
            try (Statement st = c.createStatement()) {
                st.executeUpdate("INSERT INTO ward (id, name) VALUES ('ward', 'Ward')");
                for (int i = 1; i <= 2; i++) {
                    st.executeUpdate("INSERT INTO bed (id, ward_id, label) VALUES ('bed-" + i + "', 'ward', 'Bed " + i
                            + "')");
                    SealedRows.patient(c, personal, "patient-" + i, "bed-" + i, "Patient " + i);
                    st.executeUpdate("INSERT INTO tablet (id, bed_id, label, enrolled_at) VALUES ('tablet-" + i
                            + "', 'bed-" + i + "', 'T" + i + "', " + t + ")");
                }
            }
            return null;
        });
    }

    /** A contact of {@code patientId} added now, with a relationship, a phone number and an e-mail address. */
    String contact(String patientId, String name) {
        Contacts contacts = new Contacts(personal, clock, new SecureRandom());
        String phone = "+3361234" + String.format("%04d", Math.abs(name.hashCode()) % 10_000);
        return db.inTransaction(c -> contacts.add(c, patientId, new ContactDetails(name, Optional.of("daughter"),
                Optional.of(phone), Optional.of(name.toLowerCase().replace(' ', '.') + "@example.org"), Language.FR,
                Channel.EMAIL, true)));
    }

    /** {@code n} contacts of {@code patientId} added now, in one transaction; their ids. */
    List<String> contacts(String patientId, int n) {
        Contacts contacts = new Contacts(personal, clock, new SecureRandom());
        return db.inTransaction(c -> {
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                ids.add(contacts.add(c, patientId, new ContactDetails("Contact " + i, Optional.empty(),
                        Optional.empty(), Optional.of("contact" + i + "@example.org"), Language.FR, Channel.EMAIL, true)));
            }
            return ids;
        });
    }

    /** A visit of the patient on their tablet, from {@code start} for 30 minutes, each contact invited to it. */
    Visit visit(String patientId, Instant start, String... contactIds) {
        Visits visits = new Visits(db, clock);
        Visit v = visits.create(NewVisit.lasting(patientId, patientId.replace("patient", "tablet"), start,
                Duration.ofMinutes(30), false));
        Invites invites = new Invites(db, clock);
        for (String contact : contactIds) {
            Invite invite = invites.create(contact, start.minus(Duration.ofMinutes(15)), v.endsAt());
            visits.attachInvite(v.id(), invite.id());
        }
        return v;
    }

    /** The patient discharged at {@code at}, with an INS and a hospital identifier (sealed, and its blind index). */
    void discharged(String patientId, Instant at) {
        db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE patient SET discharged_at = ?, ins = ?,"
                    + " hospital_id = ?, hospital_id_index = ? WHERE id = ?")) {
                ps.setLong(1, at.toEpochMilli());
                ps.setString(2, personal.seal(SealedColumns.PATIENT_INS, patientId, "279035121518989|1.2.250.1.213.1.4.8"));
                ps.setString(3, personal.seal(SealedColumns.PATIENT_HOSPITAL_ID, patientId, "IPP-" + patientId));
                ps.setString(4, personal.index(SealedColumns.PATIENT_HOSPITAL_ID_INDEX, "IPP-" + patientId));
                ps.setString(5, patientId);
                ps.executeUpdate();
            }
            return null;
        });
    }

    /** A message of the visit to the contact, sent by SMS, with the gateway's id for it. */
    void smsSent(String visitId, String contactId, String gatewayId) {
        long t = clock.millis();
        db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO notify_message (id, visit_id, contact_id, kind,"
                    + " channel, status, due_at, next_attempt_at, attempts, created_at, created_by, sent_at, updated_at,"
                    + " gateway_id) VALUES (?, ?, ?, 'invite', 'sms', 'sent', ?, ?, 1, ?, 'system', ?, ?, ?)")) {
                ps.setString(1, "msg-" + gatewayId);
                ps.setString(2, visitId);
                ps.setString(3, contactId);
                for (int i = 4; i <= 8; i++) {
                    ps.setLong(i, t);
                }
                ps.setString(9, gatewayId);
                ps.executeUpdate();
            }
            return null;
        });
    }

    /** The values stored in these columns of this row, as they are in the database (sealed), nulls left out. */
    List<String> stored(String table, String id, String... columns) {
        return db.inTransaction(c -> {
            List<String> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT " + String.join(", ", columns) + " FROM " + table
                    + " WHERE id = ?")) {
                ps.setString(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    for (int i = 1; i <= columns.length; i++) {
                        if (rs.getString(i) != null) {
                            out.add(rs.getString(i));
                        }
                    }
                }
            }
            return out;
        });
    }

    /** One value of one row, or null. */
    String value(String table, String column, String id) {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + column + " FROM " + table + " WHERE id = ?")) {
                ps.setString(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? rs.getString(1) : null;
                }
            }
        });
    }

    /**
     * A staff session of one member of staff ({@code staff-1}, made at the first call), opened 12 hours before it
     * expires at {@code expiresAt}, ended at {@code endedAt} (signed out) or still open when null; its token hash.
     */
    String staffSession(Instant expiresAt, Instant endedAt) {
        String hash = "%064x".formatted(++sessions);
        db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO staff_user (id, username, username_index,"
                    + " display_name, role, active, password_one_time, created_at, updated_at) SELECT 'staff-1',"
                    + " 'u', 'u-index', 'n', 'nurse', TRUE, FALSE, 0, 0 WHERE NOT EXISTS"
                    + " (SELECT 1 FROM staff_user WHERE id = 'staff-1')")) {
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO staff_session (token_hash, user_id, created_at,"
                    + " last_seen_at, expires_at, ended_at, end_reason) VALUES (?, 'staff-1', ?, ?, ?, ?, ?)")) {
                long opened = expiresAt.minus(java.time.Duration.ofHours(12)).toEpochMilli();
                ps.setString(1, hash);
                ps.setLong(2, opened);
                ps.setLong(3, opened);
                ps.setLong(4, expiresAt.toEpochMilli());
                if (endedAt == null) {
                    ps.setNull(5, java.sql.Types.BIGINT);
                    ps.setNull(6, java.sql.Types.VARCHAR);
                } else {
                    ps.setLong(5, endedAt.toEpochMilli());
                    ps.setString(6, "signed_out");
                }
                ps.executeUpdate();
            }
            return null;
        });
        return hash;
    }

    /** The token hashes of the staff sessions still stored. */
    List<String> staffSessions() {
        return db.inTransaction(c -> {
            List<String> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT token_hash FROM staff_session ORDER BY token_hash");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
            return out;
        });
    }
}
