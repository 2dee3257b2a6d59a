package org.lucarne.signaling.booking;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.lucarne.signaling.audit.AuditAction;
import org.lucarne.signaling.audit.AuditEvent;
import org.lucarne.signaling.audit.AuditOutcome;
import org.lucarne.signaling.audit.AuditTrail;
import org.lucarne.signaling.invite.Invite;
import org.lucarne.signaling.invite.Invites;
import org.lucarne.signaling.visit.Visit;
import org.lucarne.signaling.visit.VisitInvitations;
import org.lucarne.signaling.visit.Visits;

/**
 * The plain {@link VisitInvitations}: one invite per contact, bound to the visit and to its slot, issued
 * in the booking's transaction and audited {@code invite.issued}; their links go back to whoever booked
 * (the staff API answers them), and nothing is sent. The notifications build on it to send each link
 * by SMS, e-mail or to the outbox.
 */
public final class LinkInvitations implements VisitInvitations {
    private final Invites invites;
    private final Visits visits;
    private final AuditTrail audit;

    public LinkInvitations(Invites invites, Visits visits, AuditTrail audit) {
        this.invites = Objects.requireNonNull(invites, "invites");
        this.visits = Objects.requireNonNull(visits, "visits");
        this.audit = Objects.requireNonNull(audit, "audit");
    }

    /** Each invite admits to this visit only, from its start to its end. */
    @Override
    public List<Invite> issue(Connection c, Visit visit, List<String> contactIds, String by) throws SQLException {
        List<Invite> out = new ArrayList<>();
        String ward = contactIds.isEmpty() ? null : wardOf(c, visit.patientId());
        for (String contact : contactIds) {
            Invite invite = invites.create(c, contact, visit.startsAt(), visit.endsAt());
            visits.attachInvite(c, visit.id(), invite.id());
            audit.append(c, AuditEvent.of(by, AuditAction.INVITE_ISSUED, AuditOutcome.SUCCESS)
                    .target("invite", invite.id().hash()).ward(ward).patient(visit.patientId())
                    .detail("visit=" + visit.id() + " contact=" + contact));
            out.add(invite);
        }
        return out;
    }

    /** The visit's invites not revoked take its new slot as their window. */
    @Override
    public void rescheduled(Connection c, Visit before, Visit after, String by) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE invite SET not_before = ?, not_after = ?"
                + " WHERE revoked_at IS NULL AND id_hash IN (SELECT invite_id_hash FROM visit_invite WHERE visit_id = ?)")) {
            ps.setLong(1, after.startsAt().toEpochMilli());
            ps.setLong(2, after.endsAt().toEpochMilli());
            ps.setString(3, after.id());
            ps.executeUpdate();
        }
    }

    /**
     * Nothing to store: an invite admits to its one visit only, and a cancelled visit admits no one
     * ({@code visit_ended}), so its links open nothing any more.
     */
    @Override
    public void cancelled(Connection c, Visit visit, String by) {
        // the visit's end is what refuses its invites (visit.JoinRules)
    }

    private static String wardOf(Connection c, String patientId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT b.ward_id FROM patient p JOIN bed b ON b.id = p.bed_id WHERE p.id = ?")) {
            ps.setString(1, patientId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }
}
