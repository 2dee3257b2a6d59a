package org.lucarne.signaling.ward;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
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

/**
 * {@code /api/wards/{id}/settings}: a ward's booking rules (docs/staff-api.md, "Ward settings"), read by
 * its staff ({@code ward_settings.view}) and replaced whole by its managers and admins
 * ({@code ward_settings.change}), in one transaction with its {@code ward_settings.changed} entry.
 */
public final class WardSettingsResource {
    private final Database db;
    private final WardQueries wards;
    private final WardSettingsStore store;
    private final PersonalData personal;
    private final AccessGuard guard;
    private final AuditTrail audit;

    public WardSettingsResource(Database db, WardQueries wards, WardSettingsStore store, PersonalData personal,
                                AccessGuard guard, AuditTrail audit) {
        this.db = db;
        this.wards = wards;
        this.store = store;
        this.personal = personal;
        this.guard = guard;
        this.audit = audit;
    }

    public List<Route> routes() {
        return List.of(
                Route.of("GET", "/api/wards/{wardId}/settings", Access.SIGNED_IN, this::get),
                Route.of("PUT", "/api/wards/{wardId}/settings", Access.SIGNED_IN, this::put));
    }

    private ApiAnswer get(ApiCall call) {
        WardRef ward = wards.ward(call.path("wardId")).orElseThrow(ApiException::notFound);
        ApiAccess.require(guard, call, Action.WARD_SETTINGS_VIEW, AccessGuard.Target.ward(ward.id()));
        return ApiAnswer.ok(db.inTransaction(c -> answer(c, ward)));
    }

    private ApiAnswer put(ApiCall call) {
        WardRef ward = wards.ward(call.path("wardId")).orElseThrow(ApiException::notFound);
        ApiAccess.require(guard, call, Action.WARD_SETTINGS_CHANGE, AccessGuard.Target.ward(ward.id()));
        WardSettings settings = WardSettingsJson.read(call.body());
        String actor = AuditEvent.staff(call.session().userId());
        return ApiAnswer.ok(db.inTransaction(c -> {
            WardSettings before = store.of(c, ward.id());
            store.save(c, ward.id(), settings, actor);
            audit.append(c, AuditEvent.of(actor, AuditAction.WARD_SETTINGS_CHANGED, AuditOutcome.SUCCESS)
                    .target("ward", ward.id()).ward(ward.id()).from(call.address())
                    .detail(WardSettingsJson.changed(before, settings)));
            return answer(c, ward);
        }));
    }

    /** {@code <settings>}: the ward, whether these are the defaults, the six settings, and the last change. */
    private ObjectNode answer(Connection c, WardRef ward) throws SQLException {
        Optional<WardSettings> own = store.find(c, ward.id());
        ObjectNode o = Json.object();
        o.putObject("ward").put("id", ward.id()).put("name", ward.name());
        o.put("defaults", own.isEmpty());
        o.setAll(WardSettingsJson.write(own.isPresent() ? own.get() : store.of(c, ward.id())));
        o.putNull("updatedAt");
        o.putNull("updatedBy");
        try (PreparedStatement ps = c.prepareStatement("SELECT updated_at, updated_by FROM ward_settings WHERE ward_id = ?")) {
            ps.setString(1, ward.id());
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    o.put("updatedAt", rs.getLong(1));
                    String by = rs.getString(2);
                    Optional<StaffNames.Ref> who = StaffNames.of(c, personal, by);
                    if (who.isPresent()) {
                        o.putObject("updatedBy").put("id", who.get().id()).put("name", who.get().name());
                    }
                }
            }
        }
        return o;
    }
}
