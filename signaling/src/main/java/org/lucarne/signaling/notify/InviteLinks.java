package org.lucarne.signaling.notify;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.lucarne.signaling.invite.Invite;
import org.lucarne.signaling.invite.Invites;
import org.lucarne.signaling.personal.PersonalData;
import org.lucarne.signaling.personal.SealedColumns;
import org.lucarne.signaling.visit.Visit;
import org.lucarne.signaling.visit.Visits;

/**
 * A visit's invites, inside the caller's transaction: issued one per contact and bound to the visit's
 * slot (from its start to its end, as {@code booking.LinkInvitations} binds them; before the start the family
 * page checks the camera, and a join is refused {@code visit_not_started}), moved with it. Each invite's link is kept sealed ({@link SealedColumns#INVITE_LINK}) until the visit is over, so
 * that reminders and a resend carry it again though the invite table holds only the id's hash.
 */
final class InviteLinks {
    private final PersonalData personal;
    private final Supplier<String> publicOrigin;
    private final Invites invites;
    private final Visits visits;

    InviteLinks(PersonalData personal, Supplier<String> publicOrigin, Invites invites, Visits visits) {
        this.personal = Objects.requireNonNull(personal, "personal");
        this.publicOrigin = Objects.requireNonNull(publicOrigin, "publicOrigin");
        this.invites = Objects.requireNonNull(invites, "invites");
        this.visits = Objects.requireNonNull(visits, "visits");
    }

    /**
     * A new invite of {@code contactId} to {@code visit}, attached to it, its link kept sealed.
     *
     * @throws IllegalArgumentException when the contact does not exist or the visit is over
     * @throws org.lucarne.signaling.visit.VisitException when the contact is another patient's
     */
    Invite issue(Connection c, Visit visit, String contactId) throws SQLException {
        Invite invite = invites.create(c, contactId, visit.startsAt(), visit.endsAt());
        visits.attachInvite(c, visit.id(), invite.id());
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO invite_link (invite_id_hash, link) VALUES (?, ?)")) {
            ps.setString(1, invite.id().hash());
            ps.setString(2, personal.seal(SealedColumns.INVITE_LINK, invite.id().hash(), invite.link(publicOrigin.get())));
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

    /** The visit's invites not revoked follow it to its new slot. */
    void move(Connection c, Visit after) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE invite SET not_before = ?, not_after = ? WHERE"
                + " revoked_at IS NULL AND id_hash IN (SELECT invite_id_hash FROM visit_invite WHERE visit_id = ?)")) {
            ps.setLong(1, after.startsAt().toEpochMilli());
            ps.setLong(2, after.endsAt().toEpochMilli());
            ps.setString(3, after.id());
            ps.executeUpdate();
        }
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
