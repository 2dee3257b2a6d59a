package org.lucarne.signaling.notify;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.lucarne.signaling.invite.Invite;
import org.lucarne.signaling.invite.InviteId;
import org.lucarne.signaling.invite.InviteRecord;
import org.lucarne.signaling.invite.LinkSecret;
import org.lucarne.signaling.personal.PersonalData;
import org.lucarne.signaling.personal.SealedColumns;
import org.lucarne.signaling.visit.Visit;

/**
 * A visit's invites, inside the caller's transaction: issued one per contact and bound to the visit's
 * window ({@link Reminders#INVITE_OPENS_BEFORE} before its start to its end), moved with it, revoked with
 * it. Each invite's link is kept sealed ({@link SealedColumns#INVITE_LINK}) until the visit is over, so
 * that reminders and a resend carry it again though the invite table holds only the id's hash.
 */
final class InviteLinks {
    private final PersonalData personal;
    private final Supplier<String> publicOrigin;
    private final SecureRandom random;

    InviteLinks(PersonalData personal, Supplier<String> publicOrigin, SecureRandom random) {
        this.personal = Objects.requireNonNull(personal, "personal");
        this.publicOrigin = Objects.requireNonNull(publicOrigin, "publicOrigin");
        this.random = Objects.requireNonNull(random, "random");
    }

    /** A new invite of {@code contactId} to {@code visit}, attached to it, its link kept sealed. */
    Invite issue(Connection c, Visit visit, String contactId, Instant now) throws SQLException {
        InviteId id = InviteId.generate(random);
        LinkSecret secret = LinkSecret.generate(random);
        Instant notBefore = visit.startsAt().minus(Reminders.INVITE_OPENS_BEFORE);
        Instant notAfter = visit.endsAt();
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO invite (id_hash, contact_id, created_at, not_before,"
                + " not_after) VALUES (?, ?, ?, ?, ?)")) {
            ps.setString(1, id.hash());
            ps.setString(2, contactId);
            ps.setLong(3, now.toEpochMilli());
            ps.setLong(4, notBefore.toEpochMilli());
            ps.setLong(5, notAfter.toEpochMilli());
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO visit_invite (invite_id_hash, visit_id) VALUES (?, ?)")) {
            ps.setString(1, id.hash());
            ps.setString(2, visit.id());
            ps.executeUpdate();
        }
        Invite invite = new Invite(id, secret, new InviteRecord(id.hash(), contactId, visit.patientId(),
                Instant.ofEpochMilli(now.toEpochMilli()), notBefore, notAfter));
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO invite_link (invite_id_hash, link) VALUES (?, ?)")) {
            ps.setString(1, id.hash());
            ps.setString(2, personal.seal(SealedColumns.INVITE_LINK, id.hash(), invite.link(publicOrigin.get())));
            ps.executeUpdate();
        }
        return invite;
    }

    /** The invite's link, while it is kept. */
    Optional<String> link(Connection c, String idHash) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT link FROM invite_link WHERE invite_id_hash = ?")) {
            ps.setString(1, idHash);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(personal.open(SealedColumns.INVITE_LINK, idHash, rs.getString(1)))
                        : Optional.empty();
            }
        }
    }

    /** The visit's invites follow it to its new slot (revoked ones stay revoked). */
    void move(Connection c, Visit after) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE invite SET not_before = ?, not_after = ? WHERE id_hash IN"
                + " (SELECT invite_id_hash FROM visit_invite WHERE visit_id = ?)")) {
            ps.setLong(1, after.startsAt().minus(Reminders.INVITE_OPENS_BEFORE).toEpochMilli());
            ps.setLong(2, after.endsAt().toEpochMilli());
            ps.setString(3, after.id());
            ps.executeUpdate();
        }
    }

    /** Revokes the visit's invites not revoked yet and forgets their links; returns their hashes. */
    List<String> revokeAll(Connection c, String visitId, Instant now) throws SQLException {
        List<String> hashes = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT i.id_hash FROM invite i JOIN visit_invite vi"
                + " ON vi.invite_id_hash = i.id_hash WHERE vi.visit_id = ? AND i.revoked_at IS NULL ORDER BY i.id_hash")) {
            ps.setString(1, visitId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    hashes.add(rs.getString(1));
                }
            }
        }
        for (String h : hashes) {
            revoke(c, h, now);
        }
        return hashes;
    }

    /** Revokes one invite and forgets its link; false if it was revoked already. */
    boolean revoke(Connection c, String idHash, Instant now) throws SQLException {
        int n;
        try (PreparedStatement ps = c.prepareStatement("UPDATE invite SET revoked_at = ? WHERE id_hash = ?"
                + " AND revoked_at IS NULL")) {
            ps.setLong(1, now.toEpochMilli());
            ps.setString(2, idHash);
            n = ps.executeUpdate();
        }
        forget(c, idHash);
        return n == 1;
    }

    void forget(Connection c, String idHash) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM invite_link WHERE invite_id_hash = ?")) {
            ps.setString(1, idHash);
            ps.executeUpdate();
        }
    }

    /**
     * Forgets the links no message will carry any more: their visit is over (its slot passed, or it was
     * ended or cancelled) or their invite is revoked.
     *
     * @return how many
     */
    int purge(Connection c, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM invite_link WHERE invite_id_hash IN ("
                + "SELECT l.invite_id_hash FROM invite_link l JOIN invite i ON i.id_hash = l.invite_id_hash"
                + " LEFT JOIN visit_invite vi ON vi.invite_id_hash = l.invite_id_hash"
                + " LEFT JOIN visit v ON v.id = vi.visit_id"
                + " WHERE i.revoked_at IS NOT NULL OR i.not_after <= ? OR v.id IS NULL OR v.ends_at <= ?"
                + " OR v.ended_at IS NOT NULL)")) {
            ps.setLong(1, now.toEpochMilli());
            ps.setLong(2, now.toEpochMilli());
            return ps.executeUpdate();
        }
    }
}
