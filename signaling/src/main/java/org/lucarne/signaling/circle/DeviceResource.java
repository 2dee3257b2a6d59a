package org.lucarne.signaling.circle;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.Objects;
import org.lucarne.signaling.api.ApiAccess;
import org.lucarne.signaling.api.ApiAnswer;
import org.lucarne.signaling.api.ApiCall;
import org.lucarne.signaling.api.ApiException;
import org.lucarne.signaling.api.Json;
import org.lucarne.signaling.api.Route;
import org.lucarne.signaling.api.Route.Access;
import org.lucarne.signaling.audit.AuditEvent;
import org.lucarne.signaling.policy.AccessGuard;
import org.lucarne.signaling.policy.Action;
import org.lucarne.signaling.storage.Database;

/**
 * {@code /api/contacts/{contactId}/devices…} (docs/staff-api.md, "A contact's devices"): the phones and computers
 * that opened a contact's links ({@code contact.view}), a waiting one let in or refused
 * ({@code e2ee.device.admit}), and the contact's binding reset for a lost phone ({@code e2ee.binding.reset}). A
 * contact of another ward, or a device of another contact, is {@code 404}, as none.
 */
final class DeviceResource {
    private final Database db;
    private final DeviceDirectory directory;
    private final Admissions admissions;
    private final AccessGuard guard;

    DeviceResource(Database db, DeviceDirectory directory, Admissions admissions, AccessGuard guard) {
        this.db = Objects.requireNonNull(db, "db");
        this.directory = Objects.requireNonNull(directory, "directory");
        this.admissions = Objects.requireNonNull(admissions, "admissions");
        this.guard = Objects.requireNonNull(guard, "guard");
    }

    List<Route> routes() {
        return List.of(
                Route.of("GET", "/api/contacts/{contactId}/devices", Access.SIGNED_IN, this::list),
                Route.of("POST", "/api/contacts/{contactId}/devices/{deviceId}/admit", Access.SIGNED_IN,
                        call -> decide(call, true)),
                Route.of("POST", "/api/contacts/{contactId}/devices/{deviceId}/refuse", Access.SIGNED_IN,
                        call -> decide(call, false)),
                Route.of("POST", "/api/contacts/{contactId}/devices/reset", Access.SIGNED_IN, this::reset));
    }

    private ApiAnswer list(ApiCall call) {
        Contact c = contact(call, Action.CONTACT_VIEW);
        ArrayNode devices = Json.array();
        directory.devicesOf(c.id()).stream().filter(d -> d.state() != DeviceState.REMOVED)
                .forEach(d -> devices.add(json(d)));
        ObjectNode body = Json.object();
        body.set("devices", devices);
        return ApiAnswer.ok(body);
    }

    private ApiAnswer decide(ApiCall call, boolean admit) {
        Contact c = contact(call, Action.DEVICE_ADMIT);
        call.body().only();
        String deviceId = call.path("deviceId");
        DeviceRow row = directory.find(deviceId).filter(d -> c.id().equals(d.contactId()))
                .orElseThrow(ApiException::notFound);
        if (row.state() != DeviceState.WAITING) {
            throw ApiException.conflict(null, "this device is not waiting to be let in (it is " + row.state().stored()
                    + "): read the contact's devices again");
        }
        DeviceRow after = admissions.decide(deviceId, admit, AuditEvent.staff(call.session().userId()), c.wardId(),
                call.address()).orElseThrow(() -> ApiException.conflict(null,
                "this device was let in or refused meanwhile: read the contact's devices again"));
        return ApiAnswer.ok(json(after));
    }

    private ApiAnswer reset(ApiCall call) {
        Contact c = contact(call, Action.BINDING_RESET);
        call.body().only();
        List<String> removed = admissions.reset(c.id(), c.patientId(), AuditEvent.staff(call.session().userId()),
                c.wardId(), call.address());
        ObjectNode body = Json.object();
        body.put("removed", removed.size());
        return ApiAnswer.ok(body);
    }

    /** One device for the console: its id, state, when it came and changed, and who decided (a role, never a name). */
    private static ObjectNode json(DeviceRow d) {
        ObjectNode o = Json.object();
        o.put("device", d.deviceId());
        o.put("state", d.state().stored());
        o.put("createdAt", d.createdAt());
        o.put("changedAt", d.changedAt());
        String by = d.decidedBy() == null ? "" : d.decidedBy();
        o.put("decidedBy", by.startsWith("staff:") ? "staff" : by.startsWith("tablet:") ? "patient" : "family");
        return o;
    }

    private record Contact(String id, String patientId, String wardId) {
    }

    /** The contact of the path, if the caller may do {@code action} on it ({@code 404} otherwise, audited). */
    private Contact contact(ApiCall call, Action action) {
        String id = call.path("contactId");
        Contact c = db.inTransaction(conn -> {
            try (PreparedStatement ps = conn.prepareStatement("SELECT fc.id, fc.patient_id, b.ward_id FROM family_contact fc"
                    + " JOIN patient p ON p.id = fc.patient_id JOIN bed b ON b.id = p.bed_id WHERE fc.id = ?")) {
                ps.setString(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? new Contact(rs.getString(1), rs.getString(2), rs.getString(3)) : null;
                }
            }
        });
        if (c == null) {
            throw ApiException.notFound();
        }
        ApiAccess.require(guard, call, action, AccessGuard.Target.contact(c.id(), c.wardId(), c.patientId()));
        return c;
    }
}
