package org.lucarne.signaling.notify;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.lucarne.signaling.audit.AuditAction;
import org.lucarne.signaling.audit.AuditEvent;
import org.lucarne.signaling.audit.AuditOutcome;
import org.lucarne.signaling.audit.AuditTrail;
import org.lucarne.signaling.invite.Invite;
import org.lucarne.signaling.visit.Visit;
import org.lucarne.signaling.visit.VisitInvitations;
import org.lucarne.signaling.ward.WardSettings;
import org.lucarne.signaling.ward.WardSettingsStore;

/**
 * The families' side of a booking, in the booking's transaction: one invite per contact, bound to the
 * visit's window, its link kept sealed; the invite queued for each contact at once, with the ward's
 * reminders before the visit; a move tells them the new time (or, to those who had heard nothing yet, sends
 * the invite); a cancellation tells those who had heard of the visit. The
 * {@link Dispatcher} sends what is queued. Contacts whose channel is {@code none} get no message: staff
 * give them the link ({@code POST /api/invites/{hash}/link}).
 */
public final class FamilyInvitations implements VisitInvitations {
    private final InviteLinks links;
    private final Messages messages;
    private final WardSettingsStore wards;
    private final AuditTrail audit;
    private final Clock clock;
    private final Supplier<ChannelChoice> channels;

    FamilyInvitations(InviteLinks links, Messages messages, WardSettingsStore wards, AuditTrail audit, Clock clock,
                      Supplier<ChannelChoice> channels) {
        this.links = Objects.requireNonNull(links, "links");
        this.messages = Objects.requireNonNull(messages, "messages");
        this.wards = Objects.requireNonNull(wards, "wards");
        this.audit = Objects.requireNonNull(audit, "audit");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.channels = Objects.requireNonNull(channels, "channels");
    }

    /** A contact as far as messages go: whose contact, how they wish to hear, which addresses exist. */
    record Contact(String id, String patientId, String channel, boolean hasPhone, boolean hasEmail, boolean removed) { }

    /**
     * @throws IllegalArgumentException when a contact does not exist, is another patient's, or was removed
     *                                  (the booking rules refuse such contacts before)
     */
    @Override
    public List<Invite> issue(Connection c, Visit visit, List<String> contactIds, String by) throws SQLException {
        Instant now = clock.instant();
        String wardId = wardOfPatient(c, visit.patientId());
        WardSettings settings = wards.of(c, wardId);
        List<Invite> out = new ArrayList<>();
        for (String contactId : contactIds) {
            Contact contact = contact(c, contactId).filter(x -> x.patientId().equals(visit.patientId()) && !x.removed())
                    .orElseThrow(() -> new IllegalArgumentException("contact " + contactId + " is not a contact of patient "
                            + visit.patientId() + " (or was removed): only the patient's contacts are invited"));
            Invite invite = links.issue(c, visit, contactId);
            audit.append(c, AuditEvent.of(by, AuditAction.INVITE_ISSUED, AuditOutcome.SUCCESS)
                    .target("invite", invite.id().hash()).ward(wardId).patient(visit.patientId())
                    .detail("visit=" + visit.id() + " contact=" + contactId));
            queue(c, visit.id(), visit.startsAt(), contact, invite.id().hash(), MessageKind.INVITE, settings, by, now, true);
            out.add(invite);
        }
        return out;
    }

    @Override
    public void rescheduled(Connection c, Visit before, Visit after, String by) throws SQLException {
        Instant now = clock.instant();
        links.move(c, after);
        WardSettings settings = wards.of(c, wardOfPatient(c, after.patientId()));
        List<String[]> invites = activeInvites(c, after.id());
        List<Boolean> heard = new ArrayList<>();
        for (String[] inv : invites) {
            heard.add(heardOf(c, inv[0]));
        }
        messages.cancelWaiting(c, after.id(), Optional.empty(), "replaced", "the visit moved: a message with its new"
                + " time replaced this one", now);
        for (int i = 0; i < invites.size(); i++) {
            Optional<Contact> contact = contact(c, invites.get(i)[1]).filter(x -> !x.removed());
            if (contact.isPresent()) {
                queue(c, after.id(), after.startsAt(), contact.get(), invites.get(i)[0], heard.get(i) ? MessageKind.RESCHEDULED
                        : MessageKind.INVITE, settings, by, now, true);
            }
        }
    }

    /**
     * The invites are left as they are: a cancelled visit admits no one ({@code visit_ended}, which tells the
     * family more than a revoked link would). Their links are forgotten, what was to be sent is cancelled, and
     * whoever had heard of the visit is told.
     */
    @Override
    public void cancelled(Connection c, Visit visit, String by) throws SQLException {
        Instant now = clock.instant();
        WardSettings settings = wards.of(c, wardOfPatient(c, visit.patientId()));
        List<String[]> invites = activeInvites(c, visit.id());
        List<Boolean> heard = new ArrayList<>();
        for (String[] inv : invites) {
            heard.add(heardOf(c, inv[0]));
        }
        messages.cancelWaiting(c, visit.id(), Optional.empty(), "visit_cancelled", "the visit was cancelled", now);
        for (int i = 0; i < invites.size(); i++) {
            String hash = invites.get(i)[0];
            links.forget(c, hash);
            Optional<Contact> contact = contact(c, invites.get(i)[1]).filter(x -> !x.removed());
            if (heard.get(i) && contact.isPresent()) {
                queue(c, visit.id(), visit.startsAt(), contact.get(), hash, MessageKind.CANCELLED, settings, by, now,
                        false);
            }
        }
    }

    /**
     * Queues a message of {@code kind} for the contact, due now, and with {@code reminders} the ward's
     * reminders still to come; nothing for a contact who receives no messages.
     *
     * @return whether anything was queued
     */
    boolean queue(Connection c, String visitId, Instant start, Contact contact, String inviteHash, MessageKind kind,
                  WardSettings settings, String by, Instant now, boolean reminders) throws SQLException {
        Optional<Channel> channel = channels.get().choose(contact.channel(), contact.hasPhone(), contact.hasEmail());
        if (channel.isEmpty()) {
            return false;
        }
        messages.queue(c, new Messages.NewMessage(visitId, contact.id(), Optional.of(inviteHash), kind, channel.get(),
                now, by), now);
        if (reminders) {
            for (Instant due : Reminders.upcoming(start, settings.timeZone(), settings.reminders(), now)) {
                messages.queue(c, new Messages.NewMessage(visitId, contact.id(), Optional.of(inviteHash),
                        MessageKind.REMINDER, channel.get(), due, by), now);
            }
        }
        return true;
    }

    /** Whether something about this invite reached (or is reaching) the contact. */
    private static boolean heardOf(Connection c, String inviteHash) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM notify_message WHERE invite_id_hash = ?"
                + " AND status IN ('sending', 'sent', 'delivered')")) {
            ps.setString(1, inviteHash);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** The visit's invites not revoked: {@code [hash, contact id]}. */
    static List<String[]> activeInvites(Connection c, String visitId) throws SQLException {
        List<String[]> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT i.id_hash, i.contact_id FROM invite i JOIN visit_invite vi"
                + " ON vi.invite_id_hash = i.id_hash WHERE vi.visit_id = ? AND i.revoked_at IS NULL"
                + " ORDER BY i.created_at, i.id_hash")) {
            ps.setString(1, visitId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new String[] {rs.getString(1), rs.getString(2)});
                }
            }
        }
        return out;
    }

    static Optional<Contact> contact(Connection c, String contactId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT patient_id, channel, phone, email, removed_at"
                + " FROM family_contact WHERE id = ?")) {
            ps.setString(1, contactId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                String patient = rs.getString(1);
                String channel = rs.getString(2);
                boolean phone = rs.getString(3) != null;
                boolean email = rs.getString(4) != null;
                rs.getLong(5);
                return Optional.of(new Contact(contactId, patient, channel, phone, email, !rs.wasNull()));
            }
        }
    }

    static String wardOfPatient(Connection c, String patientId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT b.ward_id FROM patient p JOIN bed b ON b.id = p.bed_id"
                + " WHERE p.id = ?")) {
            ps.setString(1, patientId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new IllegalArgumentException("there is no patient with id " + patientId);
                }
                return rs.getString(1);
            }
        }
    }
}
