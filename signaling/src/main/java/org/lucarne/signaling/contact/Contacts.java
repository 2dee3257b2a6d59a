package org.lucarne.signaling.contact;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.lucarne.signaling.api.ApiException;
import org.lucarne.signaling.ward.Language;
import org.lucarne.signaling.personal.PersonalData;
import org.lucarne.signaling.personal.SealedColumn;
import org.lucarne.signaling.personal.SealedColumns;
import org.lucarne.signaling.ward.Names;

/**
 * A patient's family contacts in the database, inside the caller's transaction. Every personal value
 * is sealed: name, relationship, phone, e-mail. Removing a contact keeps its row, which visits, invites
 * and the audit trail name by id, and wipes what it said of the person: the name becomes the sealed
 * empty text ({@link #REMOVED_NAME}: the column stays sealed like every other), relationship, phone and
 * e-mail are cleared, the channel is {@code none}, the contact no longer allowed, and their invites
 * not yet revoked are revoked.
 */
public final class Contacts {
    /** What a removed contact's name is replaced with (sealed, like any name). */
    public static final String REMOVED_NAME = "";
    private static final int ID_BYTES = 16;
    private static final Base64.Encoder ID_ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final String COLUMNS = "f.id, f.patient_id, b.ward_id, f.display_name, f.relationship, f.phone,"
            + " f.email, f.language, f.channel, f.allowed, f.created_at, f.removed_at";
    private static final String FROM = " FROM family_contact f JOIN patient p ON p.id = f.patient_id"
            + " JOIN bed b ON b.id = p.bed_id";

    private final PersonalData personal;
    private final Clock clock;
    private final SecureRandom random;

    public Contacts(PersonalData personal, Clock clock, SecureRandom random) {
        this.personal = Objects.requireNonNull(personal, "personal");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.random = Objects.requireNonNull(random, "random");
    }

    /** Adds a contact to an admitted patient; returns its id. 409 for a discharged patient. */
    public String add(Connection c, String patientId, ContactDetails d) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT discharged_at FROM patient WHERE id = ?")) {
            ps.setString(1, patientId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw ApiException.notFound();
                }
                rs.getLong(1);
                if (!rs.wasNull()) {
                    throw ApiException.conflict(null, "the patient was discharged: a discharged patient gets no new"
                            + " contacts");
                }
            }
        }
        String id = newId();
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO family_contact (id, patient_id, display_name,"
                + " created_at, relationship, phone, email, language, channel, allowed)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, id);
            ps.setString(2, patientId);
            ps.setLong(4, clock.millis());
            details(ps, id, d, 3, 5);
            ps.executeUpdate();
        }
        return id;
    }

    /** Replaces a contact's details (the caller merged a change into the stored ones). */
    public void update(Connection c, String id, ContactDetails d) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE family_contact SET display_name = ?, relationship = ?,"
                + " phone = ?, email = ?, language = ?, channel = ?, allowed = ? WHERE id = ? AND removed_at IS NULL")) {
            details(ps, id, d, 1, 2);
            ps.setString(8, id);
            if (ps.executeUpdate() != 1) {
                throw ApiException.conflict(null, "the contact was removed");
            }
        }
    }

    /**
     * Removes a contact (see the class comment).
     *
     * @return the hashes of the invites this revoked, for the audit trail; empty when it was removed already
     */
    public Optional<List<String>> remove(Connection c, String id) throws SQLException {
        long now = clock.millis();
        try (PreparedStatement ps = c.prepareStatement("UPDATE family_contact SET display_name = ?, relationship = NULL,"
                + " phone = NULL, email = NULL, channel = 'none', allowed = FALSE, removed_at = ?"
                + " WHERE id = ? AND removed_at IS NULL")) {
            ps.setString(1, personal.seal(SealedColumns.CONTACT_NAME, id, REMOVED_NAME));
            ps.setLong(2, now);
            ps.setString(3, id);
            if (ps.executeUpdate() != 1) {
                return Optional.empty();
            }
        }
        List<String> revoked = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT id_hash FROM invite WHERE contact_id = ?"
                + " AND revoked_at IS NULL AND not_after > ? ORDER BY id_hash")) {
            ps.setString(1, id);
            ps.setLong(2, now);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    revoked.add(rs.getString(1));
                }
            }
        }
        try (PreparedStatement ps = c.prepareStatement("UPDATE invite SET revoked_at = ? WHERE id_hash = ?")) {
            for (String hash : revoked) {
                ps.setLong(1, now);
                ps.setString(2, hash);
                ps.addBatch();
            }
            ps.executeBatch();
        }
        return Optional.of(revoked);
    }

    public Optional<ContactRow> find(Connection c, String id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + FROM + " WHERE f.id = ?")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(row(rs)) : Optional.empty();
            }
        }
    }

    /** The patient's contacts, not removed, in the order they were added. */
    public List<ContactRow> ofPatient(Connection c, String patientId) throws SQLException {
        List<ContactRow> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + FROM
                + " WHERE f.patient_id = ? AND f.removed_at IS NULL ORDER BY f.created_at, f.id")) {
            ps.setString(1, patientId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(row(rs));
                }
            }
        }
        return out;
    }

    private void details(PreparedStatement ps, String id, ContactDetails d, int nameAt, int restAt)
            throws SQLException {
        ps.setString(nameAt, personal.seal(SealedColumns.CONTACT_NAME, id, d.name()));
        ps.setString(restAt, sealed(SealedColumns.CONTACT_RELATIONSHIP, id, d.relationship()));
        ps.setString(restAt + 1, sealed(SealedColumns.CONTACT_PHONE, id, d.phone()));
        ps.setString(restAt + 2, sealed(SealedColumns.CONTACT_EMAIL, id, d.email()));
        ps.setString(restAt + 3, d.language().code());
        ps.setString(restAt + 4, d.channel().code());
        ps.setBoolean(restAt + 5, d.allowed());
    }

    private String sealed(SealedColumn column, String id, Optional<String> value) {
        return value.map(v -> personal.seal(column, id, v)).orElse(null);
    }

    private ContactRow row(ResultSet rs) throws SQLException {
        String id = rs.getString(1);
        long removed = rs.getLong(12);
        Optional<Instant> removedAt = rs.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(removed));
        Optional<ContactDetails> details = Optional.empty();
        if (removedAt.isEmpty()) {
            Optional<String> phone = opened(SealedColumns.CONTACT_PHONE, id, rs.getString(6));
            Optional<String> email = opened(SealedColumns.CONTACT_EMAIL, id, rs.getString(7));
            Channel channel = Channel.of(rs.getString(9)).orElse(Channel.NONE);
            // A contact made before contacts had channels reads 'email' with no address: nothing can be sent.
            if ((channel == Channel.EMAIL && email.isEmpty()) || (channel == Channel.SMS && phone.isEmpty())) {
                channel = Channel.NONE;
            }
            details = Optional.of(new ContactDetails(Names.open(personal, SealedColumns.CONTACT_NAME, id,
                    rs.getString(4)), opened(SealedColumns.CONTACT_RELATIONSHIP, id, rs.getString(5)), phone, email,
                    Language.of(rs.getString(8)).orElse(Language.FR), channel, rs.getBoolean(10)));
        }
        return new ContactRow(id, rs.getString(2), rs.getString(3), details, Instant.ofEpochMilli(rs.getLong(11)),
                removedAt);
    }

    private Optional<String> opened(SealedColumn column, String id, String stored) {
        return Optional.ofNullable(Names.open(personal, column, id, stored));
    }

    private String newId() {
        byte[] bytes = new byte[ID_BYTES];
        random.nextBytes(bytes);
        return ID_ENCODER.encodeToString(bytes);
    }
}
