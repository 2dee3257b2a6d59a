package org.lucarne.signaling.retention;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.lucarne.signaling.contact.Contacts;
import org.lucarne.signaling.personal.PersonalData;
import org.lucarne.signaling.personal.SealedColumns;
import org.lucarne.signaling.relay.RelayStore;
import org.lucarne.signaling.visit.Visits;

/**
 * One batch of the retention purge, inside the caller's transaction (docs/security.md, "Retention"). With
 * {@code cutoff} = now − {@code retention.days}, a visit is "over before the cutoff" when its slot ended, or it
 * was ended (cancelled), before then: more than {@code retention.days} ago.
 * <ul>
 *   <li>a family contact not removed, added before the cutoff, with no visit of theirs (one they have an invite
 *       to, revoked or not) over after it (so none to come either), is removed as staff remove one
 *       ({@link Contacts#remove}): name, relationship, phone and e-mail wiped, the row and its id kept;</li>
 *   <li>a patient discharged before the cutoff, with no visit over after it, has their name, INS and hospital
 *       identifier wiped ({@code purged_at} set), the row and its id kept;</li>
 *   <li>the messages of visits over before the cutoff forget the SMS gateway's id for them, the one key to the
 *       gateway's own records of the number they went to;</li>
 *   <li>staff sessions whose absolute end ({@code expires_at}) is before the cutoff, ended or not, are deleted:
 *       a record of when each member of staff worked, of no use once over (the audit trail keeps sign-ins);</li>
 *   <li>end-to-end encrypted envelopes queued, and photos uploaded, before the relay's own cutoff (now −
 *       {@code e2ee.queue.days}) are deleted, unread or not ({@link RelayStore#expire}).</li>
 * </ul>
 * Each candidate's condition is read again under the patient's row lock (PostgreSQL; on SQLite the transaction
 * holds the one write lock from its start), the lock a booking takes first: a visit booked for a contact at the
 * same moment either comes first, and the contact is kept, or after, and finds them removed.
 */
final class RetentionPurge {
    /** The most of each kind one batch (one transaction) takes. */
    static final int BATCH = 100;

    /** A contact whose details go: the parameters are the cutoff, three times. */
    static final String CONTACT_TO_PURGE = " FROM family_contact f WHERE f.removed_at IS NULL AND f.created_at < ?"
            + " AND NOT EXISTS (SELECT 1 FROM invite i JOIN visit_invite vi ON vi.invite_id_hash = i.id_hash"
            + " JOIN visit v ON v.id = vi.visit_id WHERE i.contact_id = f.id AND v.ends_at >= ?"
            + " AND (v.ended_at IS NULL OR v.ended_at >= ?))";
    static final String CONTACTS = "SELECT f.id, f.patient_id" + CONTACT_TO_PURGE
            + " ORDER BY f.created_at, f.id LIMIT " + BATCH;
    /** A discharged patient whose details go: the cutoff, three times. */
    static final String PATIENTS = "SELECT p.id FROM patient p WHERE p.purged_at IS NULL"
            + " AND p.discharged_at IS NOT NULL AND p.discharged_at < ?"
            + " AND NOT EXISTS (SELECT 1 FROM visit v WHERE v.patient_id = p.id AND v.ends_at >= ?"
            + " AND (v.ended_at IS NULL OR v.ended_at >= ?)) ORDER BY p.discharged_at, p.id LIMIT " + BATCH;
    /** Messages of visits over before the cutoff that still hold the gateway's id: the cutoff, twice. */
    static final String GATEWAY_IDS = "SELECT m.id FROM notify_message m JOIN visit v ON v.id = m.visit_id"
            + " WHERE m.gateway_id IS NOT NULL AND (v.ends_at < ? OR v.ended_at < ?) LIMIT " + BATCH;

    /** Staff sessions over before the cutoff, at most a batch of them: the cutoff. */
    static final String STAFF_SESSIONS = "SELECT token_hash FROM staff_session WHERE expires_at < ? LIMIT " + BATCH;

    private final PersonalData personal;
    private final Contacts contacts;

    RetentionPurge(PersonalData personal, Contacts contacts) {
        this.personal = Objects.requireNonNull(personal, "personal");
        this.contacts = Objects.requireNonNull(contacts, "contacts");
    }

    /**
     * Purges at most {@value #BATCH} of each kind whose visits were over before {@code cutoff}, and of the relay's
     * envelopes and photos stored before {@code relayCutoff}.
     */
    Purged batch(Connection c, Instant cutoff, Instant relayCutoff, Instant now) throws SQLException {
        long t = cutoff.toEpochMilli();
        List<String[]> contactRows = rows(c, CONTACTS, 2, t, t, t);
        int wipedContacts = 0;
        for (String[] row : contactRows) {
            Visits.lockPatient(c, row[1]);
            if (stillToPurge(c, row[0], t) && contacts.remove(c, row[0]).isPresent()) {
                wipedContacts++;
            }
        }
        List<String[]> patientRows = rows(c, PATIENTS, 1, t, t, t);
        int wipedPatients = 0;
        for (String[] row : patientRows) {
            wipedPatients += wipePatient(c, row[0], now);
        }
        List<String[]> messageRows = rows(c, GATEWAY_IDS, 1, t, t);
        int forgotten = 0;
        try (PreparedStatement ps = c.prepareStatement("UPDATE notify_message SET gateway_id = NULL WHERE id = ?")) {
            for (String[] row : messageRows) {
                ps.setString(1, row[0]);
                forgotten += ps.executeUpdate();
            }
        }
        List<String[]> sessionRows = rows(c, STAFF_SESSIONS, 1, t);
        int deletedSessions = 0;
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM staff_session WHERE token_hash = ?")) {
            for (String[] row : sessionRows) {
                ps.setString(1, row[0]);
                deletedSessions += ps.executeUpdate();
            }
        }
        RelayStore.Expired relay = RelayStore.expire(c, relayCutoff, BATCH);
        boolean full = contactRows.size() == BATCH || patientRows.size() == BATCH || messageRows.size() == BATCH
                || sessionRows.size() == BATCH || relay.full(BATCH);
        return new Purged(wipedContacts, wipedPatients, forgotten, deletedSessions, relay.envelopes(), relay.blobs(),
                full);
    }

    /** The contact's condition read again, now that their patient's row is locked. */
    private static boolean stillToPurge(Connection c, String contactId, long cutoff) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1" + CONTACT_TO_PURGE + " AND f.id = ?")) {
            for (int i = 1; i <= 3; i++) {
                ps.setLong(i, cutoff);
            }
            ps.setString(4, contactId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** The name becomes the sealed empty text (the column stays sealed, as a removed contact's), the rest NULL. */
    private int wipePatient(Connection c, String patientId, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE patient SET display_name = ?, ins = NULL,"
                + " hospital_id = NULL, hospital_id_index = NULL, purged_at = ? WHERE id = ? AND purged_at IS NULL")) {
            ps.setString(1, personal.seal(SealedColumns.PATIENT_NAME, patientId, ""));
            ps.setLong(2, now.toEpochMilli());
            ps.setString(3, patientId);
            return ps.executeUpdate();
        }
    }

    private static List<String[]> rows(Connection c, String sql, int columns, long... params) throws SQLException {
        List<String[]> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setLong(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String[] row = new String[columns];
                    for (int i = 0; i < columns; i++) {
                        row[i] = rs.getString(i + 1);
                    }
                    out.add(row);
                }
            }
        }
        return out;
    }
}
