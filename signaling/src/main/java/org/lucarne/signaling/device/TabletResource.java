package org.lucarne.signaling.device;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
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
import org.lucarne.signaling.visit.LiveCalls;
import org.lucarne.signaling.ward.StaffNames;
import org.lucarne.signaling.ward.WardQueries;
import org.lucarne.signaling.ward.WardRef;

/**
 * {@code /api/wards/{id}/tablets}, {@code /api/tablets/{id}/cleaned}, {@code /api/tablets/{id}/do-not-disturb}
 * and {@code /api/tablets/{id}/revoke}: a ward's bedside tablets, their state now (online, offline, in a call,
 * revoked), their health as their kiosk last told (last seen, app version, battery), their "do not disturb" and
 * their last cleaning, for the ward's staff (docs/staff-api.md, "Tablets"). Marking one cleaned is audited
 * {@code tablet.changed}; "do not disturb" {@code tablet.dnd.on} or {@code tablet.dnd.off}; revoking one
 * {@code tablet.revoked}, and it bites at once: its sockets on this node close, its live calls end.
 */
public final class TabletResource {
    /** Why a tablet is revoked: the {@code reason} of {@code POST /api/tablets/{id}/revoke}. */
    private static final Set<String> REVOKE_REASONS = Set.of("lost", "stolen", "broken", "other");

    private final Database db;
    private final WardQueries wards;
    private final WardTablets tablets;
    private final TabletPresence presence;
    private final PersonalData personal;
    private final AccessGuard guard;
    private final AuditTrail audit;
    private final LiveCalls calls;
    private final Consumer<String> wardChanged;
    private final DoNotDisturb doNotDisturb;

    /**
     * @param calls       ends a revoked tablet's live calls
     * @param wardChanged tells a ward's consoles that its tablets changed
     */
    public TabletResource(Database db, WardQueries wards, WardTablets tablets, TabletPresence presence,
                          PersonalData personal, AccessGuard guard, AuditTrail audit, LiveCalls calls,
                          Consumer<String> wardChanged, DoNotDisturb doNotDisturb) {
        this.doNotDisturb = doNotDisturb;
        this.db = db;
        this.wards = wards;
        this.tablets = tablets;
        this.presence = presence;
        this.personal = personal;
        this.guard = guard;
        this.audit = audit;
        this.calls = calls;
        this.wardChanged = wardChanged;
    }

    public List<Route> routes() {
        return List.of(
                Route.of("GET", "/api/wards/{wardId}/tablets", Access.SIGNED_IN, this::list),
                Route.of("POST", "/api/tablets/{tabletId}/cleaned", Access.SIGNED_IN, this::cleaned),
                Route.of("POST", "/api/tablets/{tabletId}/do-not-disturb", Access.SIGNED_IN, this::doNotDisturb),
                Route.of("POST", "/api/tablets/{tabletId}/revoke", Access.SIGNED_IN, this::revoke));
    }

    private ApiAnswer list(ApiCall call) {
        WardRef ward = wards.ward(call.path("wardId")).orElseThrow(ApiException::notFound);
        ApiAccess.require(guard, call, Action.TABLET_VIEW, AccessGuard.Target.ward(ward.id()));
        ObjectNode o = Json.object();
        o.putObject("ward").put("id", ward.id()).put("name", ward.name());
        ArrayNode list = o.putArray("tablets");
        db.inTransaction(c -> {
            for (WardTablets.TabletRow t : tablets.ofWard(c, ward.id())) {
                list.add(tablet(c, t));
            }
            return null;
        });
        return ApiAnswer.ok(o);
    }

    private ApiAnswer cleaned(ApiCall call) {
        String id = call.path("tabletId");
        WardTablets.TabletRow t = db.inTransaction(c -> tablets.find(c, id)).orElseThrow(ApiException::notFound);
        ApiAccess.require(guard, call, Action.TABLET_CHANGE, new AccessGuard.Target("tablet", id, t.wardId(), null));
        call.body().only();
        if (t.revoked()) {
            throw ApiException.conflict(null, "this tablet was revoked: it is out of use, there is nothing to clean");
        }
        String actor = AuditEvent.staff(call.session().userId());
        return ApiAnswer.ok(db.inTransaction(c -> {
            tablets.markCleaned(c, id, actor);
            audit.append(c, AuditEvent.of(actor, AuditAction.TABLET_CHANGED, AuditOutcome.SUCCESS)
                    .target("tablet", id).ward(t.wardId()).from(call.address()).detail("cleaned"));
            return tablet(c, tablets.find(c, id).orElseThrow());
        }));
    }

    /**
     * Turns the tablet's "do not disturb" on until {@code until} (after now, at most a week ahead; the start of
     * its next visit ends it sooner), or off with {@code null}. Its kiosks and its ward's consoles hear of it
     * (through the {@link DoNotDisturb.Listener}).
     */
    private ApiAnswer doNotDisturb(ApiCall call) {
        String id = call.path("tabletId");
        WardTablets.TabletRow t = db.inTransaction(c -> tablets.find(c, id)).orElseThrow(ApiException::notFound);
        ApiAccess.require(guard, call, Action.TABLET_DO_NOT_DISTURB, new AccessGuard.Target("tablet", id, t.wardId(),
                null));
        var body = call.body().only("until");
        if (!body.has("until")) {
            throw ApiException.invalid("until", "the field 'until' is missing: a time in milliseconds, or null to"
                    + " turn it off");
        }
        if (t.revoked()) {
            throw ApiException.conflict(null, "this tablet was revoked: it no longer rings");
        }
        String actor = AuditEvent.staff(call.session().userId());
        if (body.isNull("until")) {
            doNotDisturb.off(id, actor, call.address());
        } else {
            long until = body.longValue("until", 0, Long.MAX_VALUE);
            if (!doNotDisturb.rule().acceptable(Instant.ofEpochMilli(until))) {
                throw ApiException.invalid("until", "'until' must be after now and at most "
                        + DoNotDisturbRule.LONGEST.toDays() + " days ahead");
            }
            doNotDisturb.set(id, Instant.ofEpochMilli(until), actor, call.address());
        }
        return ApiAnswer.ok(db.inTransaction(c -> tablet(c, tablets.find(c, id).orElseThrow())));
    }

    /**
     * Revokes the tablet: refused from now on at the upgrade, its open sockets on this node closed with 1008
     * and its live calls ended for the family, once the revocation and its audit entry are committed. Other
     * nodes learn of it at the tablet's next call message ({@code ws.SignalingConnection}). Revoking a
     * revoked tablet changes nothing.
     */
    private ApiAnswer revoke(ApiCall call) {
        String id = call.path("tabletId");
        WardTablets.TabletRow t = db.inTransaction(c -> tablets.find(c, id)).orElseThrow(ApiException::notFound);
        ApiAccess.require(guard, call, Action.TABLET_ENROL, new AccessGuard.Target("tablet", id, t.wardId(), null));
        String reason = call.body().only("reason").string("reason", 1, 16);
        if (!REVOKE_REASONS.contains(reason)) {
            throw ApiException.invalid("reason", "the reason must be one of lost, stolen, broken, other");
        }
        String actor = AuditEvent.staff(call.session().userId());
        Revoked r = db.inTransaction(c -> {
            boolean now = tablets.revoke(c, id);
            if (now) {
                audit.append(c, AuditEvent.of(actor, AuditAction.TABLET_REVOKED, AuditOutcome.SUCCESS)
                        .target("tablet", id).ward(t.wardId()).from(call.address()).detail("reason=" + reason));
            }
            return new Revoked(now, tablet(c, tablets.find(c, id).orElseThrow()));
        });
        if (r.now()) {
            presence.revoked(id);
            calls.tabletRevoked(id);
            wardChanged.accept(t.wardId());
        }
        return ApiAnswer.ok(r.tablet());
    }

    /** Whether this request revoked the tablet (rather than finding it revoked), and the tablet after it. */
    private record Revoked(boolean now, ObjectNode tablet) {
    }

    /** {@code <tablet>} of docs/staff-api.md. */
    private ObjectNode tablet(Connection c, WardTablets.TabletRow t) throws SQLException {
        ObjectNode o = Json.object().put("id", t.id()).put("label", t.label()).put("bed", t.bedLabel())
                .put("bedId", t.bedId()).put("state", presence.state(t.id(), t.revoked()).code())
                .put("enrolledAt", t.enrolledAt().toEpochMilli());
        putTime(o, "revokedAt", t.revokedAt());
        Optional<TabletHealth.Report> health = presence.health(t.id());
        putTime(o, "lastSeenAt", health.map(TabletHealth.Report::lastSeenAt));
        o.put("appVersion", health.map(TabletHealth.Report::appVersion).orElse(null));
        o.put("battery", health.map(TabletHealth.Report::battery).orElse(null));
        o.put("charging", health.map(TabletHealth.Report::charging).orElse(null));
        putTime(o, "doNotDisturbUntil", t.revoked() ? Optional.empty() : doNotDisturb.until(c, t.id()));
        putTime(o, "cleanedAt", t.cleanedAt());
        Optional<StaffNames.Ref> by = StaffNames.of(c, personal, t.cleanedBy().orElse(null));
        if (by.isPresent()) {
            o.putObject("cleanedBy").put("id", by.get().id()).put("name", by.get().name());
        } else {
            o.putNull("cleanedBy");
        }
        return o;
    }

    private static void putTime(ObjectNode o, String name, Optional<java.time.Instant> t) {
        if (t.isPresent()) {
            o.put(name, t.get().toEpochMilli());
        } else {
            o.putNull(name);
        }
    }
}
