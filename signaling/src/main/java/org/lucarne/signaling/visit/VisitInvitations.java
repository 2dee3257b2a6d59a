package org.lucarne.signaling.visit;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.lucarne.signaling.invite.Invite;

/**
 * What becomes of a visit's family invitations when the visit is booked, moved or cancelled. Every
 * method runs inside the caller's transaction, so a booking and its invitations (and the messages
 * queued for them) are stored together or not at all. The booking code calls it; the notification
 * code implements it (invites issued, then sent by SMS, e-mail or to the outbox).
 */
public interface VisitInvitations {

    /**
     * Issues one invite per contact for {@code visit} (each bound to the visit's window) and queues
     * what tells each contact.
     *
     * @param by who booked ({@code staff:<id>}, {@code system}), for the audit trail
     * @return the invites, with their link secrets: the only moment those are known in full
     */
    List<Invite> issue(Connection c, Visit visit, List<String> contactIds, String by) throws SQLException;

    /** The visit moved from {@code before} to {@code after}: the invites follow, the contacts are told. */
    void rescheduled(Connection c, Visit before, Visit after, String by) throws SQLException;

    /** The visit was cancelled: its invites admit no one any more, the contacts are told. */
    void cancelled(Connection c, Visit visit, String by) throws SQLException;
}
