package org.lucarne.signaling.contact;

import com.fasterxml.jackson.databind.node.ArrayNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
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
import org.lucarne.signaling.policy.AccessGuard;
import org.lucarne.signaling.policy.Action;
import org.lucarne.signaling.storage.Database;
import org.lucarne.signaling.ward.Language;
import org.lucarne.signaling.ward.WardQueries;

/**
 * {@code /api/patients/{id}/contacts} and {@code /api/contacts/{id}}: a patient's family contacts, read
 * ({@code contact.view}), added, changed and removed ({@code contact.change}) by the staff of the
 * patient's ward; another ward's are {@code 404}, as none. Each change is audited with what changed,
 * never the values.
 */
public final class ContactResource {
    private final Database db;
    private final WardQueries wards;
    private final Contacts contacts;
    private final AccessGuard guard;
    private final AuditTrail audit;

    private final BiConsumer<String, String> inviteRevoked;

    /**
     * @param inviteRevoked told, after the commit, of each revoked invite (its visit and hash), so that whoever
     *                      came in with it leaves a live call at once ({@code CallFocus.inviteRevoked})
     */
    public ContactResource(Database db, WardQueries wards, Contacts contacts, AccessGuard guard, AuditTrail audit,
                           BiConsumer<String, String> inviteRevoked) {
        this.inviteRevoked = inviteRevoked;
        this.db = db;
        this.wards = wards;
        this.contacts = contacts;
        this.guard = guard;
        this.audit = audit;
    }

    public List<Route> routes() {
        return List.of(
                Route.of("GET", "/api/patients/{patientId}/contacts", Access.SIGNED_IN, this::list),
                Route.of("POST", "/api/patients/{patientId}/contacts", Access.SIGNED_IN, this::add),
                Route.of("PATCH", "/api/contacts/{contactId}", Access.SIGNED_IN, this::change),
                Route.of("DELETE", "/api/contacts/{contactId}", Access.SIGNED_IN, this::remove));
    }

    /** The patient's contacts with their details ({@code contact.view}), audited as a view of the record's contacts. */
    private ApiAnswer list(ApiCall call) {
        String patientId = call.path("patientId");
        String wardId = wards.wardOfPatient(patientId).orElseThrow(ApiException::notFound);
        ApiAccess.require(guard, call, Action.CONTACT_VIEW, AccessGuard.Target.patient(patientId, wardId));
        ArrayNode list = Json.array();
        db.inTransaction(c -> contacts.ofPatient(c, patientId)).forEach(row -> list.add(ContactJson.contact(row)));
        audit.record(AuditEvent.of(AuditEvent.staff(call.session().userId()), AuditAction.PATIENT_VIEWED,
                AuditOutcome.SUCCESS).target("patient", patientId).ward(wardId).patient(patientId).from(call.address())
                .detail("part=contacts"));
        return ApiAnswer.ok(list);
    }

    private ApiAnswer add(ApiCall call) {
        String patientId = call.path("patientId");
        String wardId = wards.wardOfPatient(patientId).orElseThrow(ApiException::notFound);
        ApiAccess.require(guard, call, Action.CONTACT_CHANGE, AccessGuard.Target.patient(patientId, wardId));
        Language patientLanguage = db.inTransaction(c -> language(c, patientId));
        ContactDetails d = ContactJson.created(call.body(), patientLanguage);
        String actor = AuditEvent.staff(call.session().userId());
        ContactRow row = db.inTransaction(c -> {
            String id = contacts.add(c, patientId, d);
            audit.append(c, AuditEvent.of(actor, AuditAction.CONTACT_ADDED, AuditOutcome.SUCCESS).target("contact", id)
                    .ward(wardId).patient(patientId).from(call.address())
                    .detail("channel=" + d.channel().code() + " allowed=" + d.allowed()));
            return contacts.find(c, id).orElseThrow();
        });
        return ApiAnswer.created(ContactJson.contact(row));
    }

    private ApiAnswer change(ApiCall call) {
        ContactRow before = scoped(call);
        if (before.removed()) {
            throw ApiException.conflict(null, "this contact was removed: add them again if they come back");
        }
        ContactDetails after = ContactJson.changed(call.body(), before.details().orElseThrow());
        String actor = AuditEvent.staff(call.session().userId());
        ContactRow row = db.inTransaction(c -> {
            contacts.update(c, before.id(), after);
            audit.append(c, AuditEvent.of(actor, AuditAction.CONTACT_CHANGED, AuditOutcome.SUCCESS)
                    .target("contact", before.id()).ward(before.wardId()).patient(before.patientId())
                    .from(call.address()).detail(ContactJson.changes(before.details().orElseThrow(), after)));
            return contacts.find(c, before.id()).orElseThrow();
        });
        return ApiAnswer.ok(ContactJson.contact(row));
    }

    /** Removes the contact; removing one already removed changes nothing and is not recorded again. */
    private ApiAnswer remove(ApiCall call) {
        ContactRow contact = scoped(call);
        call.body().only();
        String actor = AuditEvent.staff(call.session().userId());
        Map<String, String> visitOfInvite = db.inTransaction(c -> {
            Map<String, String> visits = new LinkedHashMap<>();
            Optional<List<String>> revoked = contacts.remove(c, contact.id());
            if (revoked.isPresent()) {
                audit.append(c, AuditEvent.of(actor, AuditAction.CONTACT_REMOVED, AuditOutcome.SUCCESS)
                        .target("contact", contact.id()).ward(contact.wardId()).patient(contact.patientId())
                        .from(call.address()).detail("invites_revoked=" + revoked.get().size()));
                for (String hash : revoked.get()) {
                    visitOf(c, hash).ifPresent(v -> visits.put(hash, v));
                    audit.append(c, AuditEvent.of(actor, AuditAction.INVITE_REVOKED, AuditOutcome.SUCCESS)
                            .target("invite", hash).ward(contact.wardId()).patient(contact.patientId())
                            .from(call.address()).detail("reason=contact_removed contact=" + contact.id()));
                }
            }
            return visits;
        });
        visitOfInvite.forEach((hash, visit) -> inviteRevoked.accept(visit, hash));
        return ApiAnswer.noContent();
    }

    private static Optional<String> visitOf(java.sql.Connection c, String inviteHash) throws java.sql.SQLException {
        try (java.sql.PreparedStatement ps = c.prepareStatement(
                "SELECT visit_id FROM visit_invite WHERE invite_id_hash = ?")) {
            ps.setString(1, inviteHash);
            try (java.sql.ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        }
    }

    /** The contact of the path, if the caller may change it ({@code 404} otherwise, audited). */
    private ContactRow scoped(ApiCall call) {
        String id = call.path("contactId");
        ContactRow row = db.inTransaction(c -> contacts.find(c, id)).orElseThrow(ApiException::notFound);
        ApiAccess.require(guard, call, Action.CONTACT_CHANGE, new AccessGuard.Target("contact", id, row.wardId(),
                row.patientId()));
        return row;
    }

    private static Language language(java.sql.Connection c, String patientId) throws java.sql.SQLException {
        try (var ps = c.prepareStatement("SELECT language FROM patient WHERE id = ?")) {
            ps.setString(1, patientId);
            try (var rs = ps.executeQuery()) {
                return rs.next() ? Language.of(rs.getString(1)).orElse(Language.FR) : Language.FR;
            }
        }
    }
}
