package org.lucarne.signaling.notify;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.lucarne.signaling.api.ApiAccess;
import org.lucarne.signaling.api.ApiAnswer;
import org.lucarne.signaling.api.ApiCall;
import org.lucarne.signaling.api.ApiException;
import org.lucarne.signaling.api.Json;
import org.lucarne.signaling.api.Route;
import org.lucarne.signaling.api.Route.Access;
import org.lucarne.signaling.audit.AuditAction;
import org.lucarne.signaling.audit.AuditEvent;
import org.lucarne.signaling.audit.AuditOutcome;
import org.lucarne.signaling.audit.AuditTrail;
import org.lucarne.signaling.personal.PersonalData;
import org.lucarne.signaling.policy.AccessGuard;
import org.lucarne.signaling.policy.Action;
import org.lucarne.signaling.storage.Database;
import org.lucarne.signaling.ward.WardSettingsStore;

/**
 * The console's view of a visit's invites and what it may do with one (docs/staff-api.md, "Invites and
 * messages"): each contact's messages and how they went ({@code visit.view}); send the invite again, revoke
 * it (its holder leaves a live call at once), or show its link once more to read it out on the phone
 * ({@code contact.change}). Invites are named by their hash, all the database knows of them.
 */
final class InvitesResource {
    private final Database db;
    private final Clock clock;
    private final AccessGuard guard;
    private final AuditTrail audit;
    private final PersonalData personal;
    private final Messages messages;
    private final InviteLinks links;
    private final FamilyInvitations invitations;
    private final WardSettingsStore wards;
    private final InviteRevocations revocations;

    InvitesResource(Database db, Clock clock, AccessGuard guard, AuditTrail audit, PersonalData personal,
                    Messages messages, InviteLinks links, FamilyInvitations invitations, WardSettingsStore wards,
                    InviteRevocations revocations) {
        this.db = db;
        this.clock = clock;
        this.guard = guard;
        this.audit = audit;
        this.personal = personal;
        this.messages = messages;
        this.links = links;
        this.invitations = invitations;
        this.wards = wards;
        this.revocations = Objects.requireNonNull(revocations, "revocations");
    }

    List<Route> routes() {
        return List.of(
                Route.of("GET", "/api/visits/{visitId}/invites", Access.SIGNED_IN, this::list),
                Route.of("POST", "/api/invites/{hash}/resend", Access.SIGNED_IN, this::resend),
                Route.of("POST", "/api/invites/{hash}/revoke", Access.SIGNED_IN, this::revoke),
                Route.of("POST", "/api/invites/{hash}/link", Access.SIGNED_IN, this::link));
    }

    private ApiAnswer list(ApiCall call) {
        String visitId = call.path("visitId");
        InviteQueries.VisitRef visit = db.inTransaction(c -> InviteQueries.visit(c, visitId))
                .orElseThrow(ApiException::notFound);
        ApiAccess.require(guard, call, Action.VISIT_VIEW, AccessGuard.Target.visit(visitId, visit.wardId(),
                visit.patientId()));
        List<InviteQueries.InviteView> invites = db.inTransaction(c -> InviteQueries.invitesOf(c, visitId, personal,
                messages));
        Instant now = clock.instant();
        ArrayNode out = Json.array();
        invites.forEach(v -> out.add(view(v, now)));
        ObjectNode o = Json.object().put("visit", visitId);
        o.set("invites", out);
        return ApiAnswer.ok(o);
    }

    private ApiAnswer resend(ApiCall call) {
        call.body().only();
        InviteQueries.InviteRef ref = allowed(call);
        Instant now = clock.instant();
        String by = AuditEvent.staff(call.session().userId());
        db.inTransaction(c -> {
            InviteQueries.InviteRef r = InviteQueries.invite(c, ref.hash()).orElseThrow(ApiException::notFound);
            stillUsable(r, now);
            if (links.link(c, r.hash()).isEmpty()) {
                throw ApiException.conflict(null, "this invite's link is no longer kept: the visit is over");
            }
            boolean waiting = messages.ofVisit(c, r.visitId()).stream().anyMatch(m -> m.inviteIdHash()
                    .filter(r.hash()::equals).isPresent() && m.kind() != MessageKind.REMINDER
                    && (m.status() == MessageStatus.SENDING || (m.status() == MessageStatus.PENDING
                    && !m.dueAt().isAfter(now))));
            if (waiting) {
                throw ApiException.conflict(null, "a message with this link is on its way already: wait for it to be"
                        + " sent, or to fail");
            }
            FamilyInvitations.Contact contact = FamilyInvitations.contact(c, r.contactId()).filter(x -> !x.removed())
                    .orElseThrow(() -> ApiException.conflict(null, "the contact was removed"));
            if (!invitations.queue(c, r.visitId(), r.visitStart(), contact, r.hash(), MessageKind.INVITE, wards.of(c, r.wardId()), by, now,
                    false)) {
                throw ApiException.conflict(null, "this contact receives no messages (their channel is none): show the"
                        + " link and give it to them, or change their channel first");
            }
            audit.append(c, AuditEvent.of(by, AuditAction.INVITE_RESENT, AuditOutcome.SUCCESS).target("invite", r.hash())
                    .ward(r.wardId()).patient(r.patientId()).from(call.address()).detail("visit=" + r.visitId()));
            return null;
        });
        // Sent at the dispatcher's next look at the queue, within notify.poll.seconds.
        return ApiAnswer.ok(one(ref.visitId(), ref.hash()));
    }

    private ApiAnswer revoke(ApiCall call) {
        call.body().only();
        InviteQueries.InviteRef ref = allowed(call);
        Instant now = clock.instant();
        db.inTransaction(c -> {
            if (links.revoke(c, ref.hash(), now)) {
                messages.cancelWaiting(c, ref.visitId(), Optional.of(ref.hash()), "invite_revoked",
                        "the invite was revoked", now);
                audit.append(c, AuditEvent.of(AuditEvent.staff(call.session().userId()), AuditAction.INVITE_REVOKED,
                        AuditOutcome.SUCCESS).target("invite", ref.hash()).ward(ref.wardId()).patient(ref.patientId())
                        .from(call.address()).detail("visit=" + ref.visitId()));
            }
            return null;
        });
        // After the commit: whoever joined with it is taken out of the call now, and JoinRules refuses it from now on.
        revocations.revoked(ref.visitId(), ref.hash());
        return ApiAnswer.ok(one(ref.visitId(), ref.hash()));
    }

    private ApiAnswer link(ApiCall call) {
        call.body().only();
        InviteQueries.InviteRef ref = allowed(call);
        Instant now = clock.instant();
        String link = db.inTransaction(c -> {
            InviteQueries.InviteRef r = InviteQueries.invite(c, ref.hash()).orElseThrow(ApiException::notFound);
            stillUsable(r, now);
            String l = links.link(c, r.hash()).orElseThrow(() -> ApiException.conflict(null,
                    "this invite's link is no longer kept: the visit is over"));
            audit.append(c, AuditEvent.of(AuditEvent.staff(call.session().userId()), AuditAction.INVITE_LINK_SHOWN,
                    AuditOutcome.SUCCESS).target("invite", r.hash()).ward(r.wardId()).patient(r.patientId())
                    .from(call.address()).detail("visit=" + r.visitId()));
            return l;
        });
        return ApiAnswer.ok(Json.object().put("invite", ref.hash()).put("link", link));
    }

    /** The invite, once the policy allows {@code contact.change} on its ward; 404 for none, or another ward's. */
    private InviteQueries.InviteRef allowed(ApiCall call) {
        String hash = call.path("hash");
        InviteQueries.InviteRef ref = db.inTransaction(c -> InviteQueries.invite(c, hash))
                .orElseThrow(ApiException::notFound);
        ApiAccess.require(guard, call, Action.CONTACT_CHANGE, new AccessGuard.Target("invite", hash, ref.wardId(),
                ref.patientId()));
        return ref;
    }

    private static void stillUsable(InviteQueries.InviteRef r, Instant now) {
        if (r.revoked()) {
            throw ApiException.conflict(null, "this invite was revoked: it admits no one any more");
        }
        if (r.visitOverAt(now)) {
            throw ApiException.conflict(null, "this visit is over or was cancelled");
        }
    }

    private ObjectNode one(String visitId, String hash) {
        Instant now = clock.instant();
        return db.inTransaction(c -> InviteQueries.invitesOf(c, visitId, personal, messages)).stream()
                .filter(v -> v.hash().equals(hash)).findFirst().map(v -> view(v, now))
                .orElseThrow(ApiException::notFound);
    }

    /**
     * {@code <invite>} of docs/staff-api.md: the contact, whether revoked, and where it stands: the state of
     * the contact's last message that fell due ({@code not_sent} when none did: a contact whose channel is
     * {@code none}, or messages still to come), then every message.
     */
    /** Among messages queued at the same instant, the one later in a visit's life says where the invite stands. */
    private static final List<MessageKind> LIFE = List.of(MessageKind.REMINDER, MessageKind.INVITE,
            MessageKind.RESCHEDULED, MessageKind.CANCELLED);

    static ObjectNode view(InviteQueries.InviteView v, Instant now) {
        ObjectNode o = Json.object().put("invite", v.hash());
        o.putObject("contact").put("id", v.contactId()).put("name", v.contactName()).put("channel", v.contactChannel());
        o.put("revoked", v.revoked());
        Optional<MessageRow> last = v.messages().stream().filter(m -> !m.dueAt().isAfter(now))
                .max(Comparator.comparing(MessageRow::dueAt).thenComparing(MessageRow::createdAt)
                        .thenComparing(m -> LIFE.indexOf(m.kind())));
        if (last.isPresent()) {
            MessageRow m = last.get();
            o.put("status", m.status().stored()).put("channel", m.channel().stored()).put("kind", m.kind().stored())
                    .put("attempts", m.attempts()).put("at", at(m).toEpochMilli());
            reason(o, m);
        } else {
            o.put("status", "not_sent").putNull("channel").putNull("kind").put("attempts", 0).putNull("at")
                    .putNull("reason");
        }
        ArrayNode list = o.putArray("messages");
        for (MessageRow m : v.messages()) {
            ObjectNode x = list.addObject().put("id", m.id()).put("kind", m.kind().stored())
                    .put("channel", m.channel().stored()).put("status", m.status().stored()).put("attempts", m.attempts())
                    .put("dueAt", m.dueAt().toEpochMilli());
            x.put("nextAttemptAt", m.status() == MessageStatus.PENDING ? m.nextAttemptAt().toEpochMilli() : null);
            x.put("sentAt", m.sentAt().map(Instant::toEpochMilli).orElse(null));
            x.put("deliveredAt", m.deliveredAt().map(Instant::toEpochMilli).orElse(null));
            reason(x, m);
        }
        return o;
    }

    /** When the message last changed as staff see it: delivered, sent, or its last try or cancellation. */
    private static Instant at(MessageRow m) {
        return m.deliveredAt().or(m::sentAt).filter(t -> m.status() == MessageStatus.SENT
                || m.status() == MessageStatus.DELIVERED).orElse(m.updatedAt());
    }

    private static void reason(ObjectNode o, MessageRow m) {
        if (m.errorCode().isPresent() && (m.status() == MessageStatus.FAILED || m.status() == MessageStatus.CANCELLED
                || m.status() == MessageStatus.PENDING)) {
            o.putObject("reason").put("code", m.errorCode().get()).put("message", m.error().orElse(""));
        } else {
            o.putNull("reason");
        }
    }
}
