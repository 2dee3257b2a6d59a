package org.lucarne.signaling.invite;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.lucarne.signaling.storage.Database;

/**
 * Family invites: each is bound to one family contact (hence one patient) and a time window,
 * and can be revoked. Only the SHA-256 of an invite id is stored, so the database alone
 * cannot be used to join a call. An invite is active when not revoked and
 * {@code notBefore <= now < notAfter}.
 */
public final class Invites {

    private static final Pattern HASH = Pattern.compile("[0-9a-f]{64}");

    private final Database db;
    private final Clock clock;
    private final SecureRandom random;

    public Invites(Database db, Clock clock) {
        this(db, clock, new SecureRandom());
    }

    public Invites(Database db, Clock clock, SecureRandom random) {
        this.db = Objects.requireNonNull(db, "db");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.random = Objects.requireNonNull(random, "random");
    }

    /**
     * Issues an invite for a family contact, valid from {@code notBefore} (inclusive) to
     * {@code notAfter} (exclusive). The returned {@link Invite} is the only copy of its id and
     * link secret.
     *
     * @throws IllegalArgumentException when the window is empty or already over, or the contact
     *                                  does not exist
     */
    public Invite create(String contactId, Instant notBefore, Instant notAfter) {
        checkWindow(contactId, notBefore, notAfter);
        return db.inTransaction(c -> create(c, contactId, notBefore, notAfter));
    }

    /**
     * {@link #create(String, Instant, Instant)} inside the caller's transaction, for a booking that
     * issues its invites with its visit.
     */
    public Invite create(Connection c, String contactId, Instant notBefore, Instant notAfter) throws SQLException {
        checkWindow(contactId, notBefore, notAfter);
        Instant now = clock.instant();
        InviteId id = InviteId.generate(random);
        LinkSecret secret = LinkSecret.generate(random);
        String patientId = patientOf(c, contactId);
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO invite"
                + " (id_hash, contact_id, created_at, not_before, not_after) VALUES (?, ?, ?, ?, ?)")) {
            ps.setString(1, id.hash());
            ps.setString(2, contactId);
            ps.setLong(3, now.toEpochMilli());
            ps.setLong(4, notBefore.toEpochMilli());
            ps.setLong(5, notAfter.toEpochMilli());
            ps.executeUpdate();
        }
        return new Invite(id, secret, new InviteRecord(id.hash(), contactId, patientId, ms(now), ms(notBefore),
                ms(notAfter)));
    }

    private void checkWindow(String contactId, Instant notBefore, Instant notAfter) {
        Objects.requireNonNull(contactId, "contactId");
        Objects.requireNonNull(notBefore, "notBefore");
        Objects.requireNonNull(notAfter, "notAfter");
        if (!notBefore.isBefore(notAfter)) {
            throw new IllegalArgumentException("invite window is empty: notBefore " + notBefore
                    + " is not before notAfter " + notAfter);
        }
        Instant now = clock.instant();
        if (!now.isBefore(notAfter)) {
            throw new IllegalArgumentException("invite window ended at " + notAfter + ", before now (" + now + ")");
        }
    }

    /** The invite if it exists, is not revoked and now is inside its window. */
    public Optional<InviteRecord> findActive(InviteId id) {
        Objects.requireNonNull(id, "id");
        long now = clock.millis();
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT i.id_hash, i.contact_id, f.patient_id, i.created_at, i.not_before, i.not_after"
                    + " FROM invite i JOIN family_contact f ON f.id = i.contact_id"
                    + " WHERE i.id_hash = ? AND i.revoked_at IS NULL AND i.not_before <= ? AND i.not_after > ?")) {
                ps.setString(1, id.hash());
                ps.setLong(2, now);
                ps.setLong(3, now);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    return Optional.of(new InviteRecord(rs.getString(1), rs.getString(2), rs.getString(3),
                            Instant.ofEpochMilli(rs.getLong(4)), Instant.ofEpochMilli(rs.getLong(5)),
                            Instant.ofEpochMilli(rs.getLong(6))));
                }
            }
        });
    }

    /** Revokes the invite; true if this call revoked it, false if unknown or already revoked. */
    public boolean revoke(InviteId id) {
        return revokeByHash(id.hash());
    }

    /**
     * Revokes by stored hash, which is all staff can see of an invite after it was issued.
     *
     * @throws IllegalArgumentException unless {@code idHash} is 64 lower-case hex digits
     */
    public boolean revokeByHash(String idHash) {
        if (idHash == null || !HASH.matcher(idHash).matches()) {
            throw new IllegalArgumentException("an invite hash is 64 lower-case hex digits");
        }
        return update("UPDATE invite SET revoked_at = ? WHERE id_hash = ? AND revoked_at IS NULL", idHash) == 1;
    }

    /** Revokes every unrevoked invite of a family contact; returns how many. */
    public int revokeAllForContact(String contactId) {
        Objects.requireNonNull(contactId, "contactId");
        return update("UPDATE invite SET revoked_at = ? WHERE contact_id = ? AND revoked_at IS NULL", contactId);
    }

    private int update(String sql, String key) {
        long now = clock.millis();
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setLong(1, now);
                ps.setString(2, key);
                return ps.executeUpdate();
            }
        });
    }

    private static String patientOf(Connection c, String contactId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT patient_id FROM family_contact WHERE id = ?")) {
            ps.setString(1, contactId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new IllegalArgumentException("no family contact with id " + contactId);
                }
                return rs.getString(1);
            }
        }
    }

    private static Instant ms(Instant t) {
        return Instant.ofEpochMilli(t.toEpochMilli());
    }
}
