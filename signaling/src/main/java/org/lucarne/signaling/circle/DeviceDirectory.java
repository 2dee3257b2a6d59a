package org.lucarne.signaling.circle;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.lucarne.signaling.audit.AuditAction;
import org.lucarne.signaling.audit.AuditEvent;
import org.lucarne.signaling.audit.AuditOutcome;
import org.lucarne.signaling.audit.AuditTrail;
import org.lucarne.signaling.storage.Database;
import org.lucarne.signaling.visit.Visits;

/**
 * The device directory's changes (docs/e2ee.md, "Binding a link to a browser"), each in one transaction with its
 * audit entry (by ids only), under the patient's row lock so that two browsers opening one link take turns:
 * a tablet's identity, a family browser's binding, the decision on a waiting device, a contact's reset. Callers
 * tell {@link Circles#changed} after the commit.
 */
public final class DeviceDirectory {
    private final Database db;
    private final Clock clock;
    private final AuditTrail audit;

    public DeviceDirectory(Database db, Clock clock, AuditTrail audit) {
        this.db = Objects.requireNonNull(db, "db");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.audit = Objects.requireNonNull(audit, "audit");
    }

    /** What became of a tablet's identity. */
    public enum Published { RECORDED, ALREADY, NO_PATIENT, OTHER_STAY }

    /** What became of a family browser's binding. */
    public enum Binding {
        /** Bound now, the contact's first device (or the first after a reset). */
        BOUND,
        /** Bound already, to this contact. */
        ALREADY_BOUND,
        /** Another device holds the contact's link: this one waits (newly, or again). */
        WAITING,
        /** The patient or staff refused this device. */
        REFUSED,
        /** The device is another contact's. */
        OTHER_CONTACT
    }

    /** The patient now in the tablet's bed, if any. */
    public Optional<String> patientInBed(String tabletId) {
        return db.inTransaction(c -> patientInBed(c, tabletId));
    }

    static Optional<String> patientInBed(Connection c, String tabletId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT p.id FROM tablet t JOIN patient p ON p.bed_id = t.bed_id"
                + " WHERE t.id = ? AND t.revoked_at IS NULL AND p.discharged_at IS NULL"
                + " ORDER BY COALESCE(p.admitted_at, 0) DESC, p.id LIMIT 1")) {
            ps.setString(1, tabletId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        }
    }

    /**
     * The kiosk of {@code tabletId} publishes {@code identity} for {@code patientId}, the patient it was told is in
     * its bed: recorded as that stay's tablet device; the tablet's earlier devices are removed. Refused when the bed
     * has no patient (or another one now), or when this identity is already another stay's.
     */
    public Published publishTablet(String tabletId, String patientId, IdentityRecord identity, String address) {
        return db.inTransaction(c -> {
            Visits.lockPatient(c, patientId);
            if (!patientInBed(c, tabletId).filter(patientId::equals).isPresent()) {
                return Published.NO_PATIENT;
            }
            Optional<DeviceRow> known = find(c, identity.deviceIdText());
            if (known.isPresent()) {
                DeviceRow r = known.get();
                boolean same = r.kind() == CircleDevice.Kind.TABLET && tabletId.equals(r.tabletId())
                        && patientId.equals(r.patientId()) && r.state() == DeviceState.BOUND;
                return same ? Published.ALREADY : Published.OTHER_STAY;
            }
            long now = clock.millis();
            try (PreparedStatement ps = c.prepareStatement("UPDATE e2ee_device SET state = 'removed', changed_at = ?,"
                    + " decided_by = ? WHERE tablet_id = ? AND state = 'bound'")) {
                ps.setLong(1, now);
                ps.setString(2, AuditEvent.tablet(tabletId));
                ps.setString(3, tabletId);
                ps.executeUpdate();
            }
            insert(c, identity, patientId, "tablet", tabletId, null, null, DeviceState.BOUND, AuditEvent.tablet(tabletId));
            audit.append(c, AuditEvent.of(AuditEvent.tablet(tabletId), AuditAction.E2EE_IDENTITY_PUBLISHED,
                    AuditOutcome.SUCCESS).target("device", identity.deviceIdText()).patient(patientId).from(address));
            return Published.RECORDED;
        });
    }

    /**
     * Binds {@code identity} to the contact of a live invite (the caller asked the policy): the contact's first
     * device is bound, any other waits for the patient or staff. A device that waits, was refused or is another
     * contact's stays so; one whose binding was reset binds again like a new one.
     */
    Binding bind(LinkInvite invite, IdentityRecord identity, String address) {
        return db.inTransaction(c -> {
            Visits.lockPatient(c, invite.patientId());
            Optional<DeviceRow> known = find(c, identity.deviceIdText());
            if (known.isPresent() && known.get().state() != DeviceState.REMOVED) {
                DeviceRow r = known.get();
                if (!invite.contactId().equals(r.contactId())) {
                    return Binding.OTHER_CONTACT;
                }
                return switch (r.state()) {
                    case BOUND -> Binding.ALREADY_BOUND;
                    case WAITING -> Binding.WAITING;
                    default -> Binding.REFUSED;
                };
            }
            if (known.isPresent() && !invite.contactId().equals(known.get().contactId())) {
                return Binding.OTHER_CONTACT;
            }
            boolean first = devicesOf(c, invite.contactId()).stream().noneMatch(d -> d.state() == DeviceState.BOUND);
            DeviceState state = first ? DeviceState.BOUND : DeviceState.WAITING;
            String actor = AuditEvent.family(invite.contactId());
            if (known.isPresent()) {
                setState(c, identity.deviceIdText(), state, actor);
            } else {
                insert(c, identity, invite.patientId(), "family", null, invite.contactId(), invite.idHash(), state, actor);
            }
            audit.append(c, AuditEvent.of(actor, first ? AuditAction.E2EE_DEVICE_BOUND : AuditAction.E2EE_DEVICE_WAITING,
                    AuditOutcome.SUCCESS).target("device", identity.deviceIdText()).ward(invite.wardId())
                    .patient(invite.patientId()).from(address).detail("invite=" + invite.idHash()));
            return first ? Binding.BOUND : Binding.WAITING;
        });
    }

    /**
     * The patient (on the tablet) or staff let a waiting device in ({@code admit}) or refuse it; {@code actor} is
     * who, as the audit trail names them. The device's row after the decision; empty when it was not waiting.
     */
    public Optional<DeviceRow> decide(String deviceId, boolean admit, String actor, String wardId, String address) {
        return db.inTransaction(c -> {
            Optional<DeviceRow> row = find(c, deviceId);
            if (row.isEmpty() || row.get().state() != DeviceState.WAITING) {
                return Optional.empty();
            }
            Visits.lockPatient(c, row.get().patientId());
            if (find(c, deviceId).map(DeviceRow::state).orElse(null) != DeviceState.WAITING) {
                return Optional.empty(); // decided meanwhile, elsewhere
            }
            setState(c, deviceId, admit ? DeviceState.BOUND : DeviceState.REFUSED, actor);
            audit.append(c, AuditEvent.of(actor, admit ? AuditAction.E2EE_DEVICE_ADMITTED : AuditAction.E2EE_DEVICE_REFUSED,
                    AuditOutcome.SUCCESS).target("device", deviceId).ward(wardId).patient(row.get().patientId())
                    .from(address).detail("contact=" + row.get().contactId()));
            return find(c, deviceId);
        });
    }

    /**
     * Resets a contact's binding (a lost phone): each of their devices bound or waiting is removed, so they leave
     * the circle and the next browser to open one of the contact's links binds again. The ids removed.
     */
    public List<String> reset(String contactId, String patientId, String actor, String wardId, String address) {
        return db.inTransaction(c -> {
            Visits.lockPatient(c, patientId);
            List<String> removed = new ArrayList<>();
            for (DeviceRow d : devicesOf(c, contactId)) {
                if (d.state() == DeviceState.BOUND || d.state() == DeviceState.WAITING) {
                    setState(c, d.deviceId(), DeviceState.REMOVED, actor);
                    removed.add(d.deviceId());
                }
            }
            audit.append(c, AuditEvent.of(actor, AuditAction.E2EE_BINDING_RESET, AuditOutcome.SUCCESS)
                    .target("contact", contactId).ward(wardId).patient(patientId).from(address)
                    .detail("devices_removed=" + removed.size()));
            return removed;
        });
    }

    /** The device's identity record as stored (base64url), whatever its state. */
    public Optional<String> identityOf(String deviceId) {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT identity FROM e2ee_device WHERE device_id = ?")) {
                ps.setString(1, deviceId);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
                }
            }
        });
    }

    /** The device's row, whatever its state. */
    public Optional<DeviceRow> find(String deviceId) {
        return db.inTransaction(c -> find(c, deviceId));
    }

    /** Every device of a contact, whatever its state, in the order they came. */
    public List<DeviceRow> devicesOf(String contactId) {
        return db.inTransaction(c -> devicesOf(c, contactId));
    }

    /** The devices waiting for the patient or staff in the patient's circle, in the order they came. */
    public List<DeviceRow> waiting(String patientId) {
        return db.inTransaction(c -> rows(c, "patient_id = ? AND state = 'waiting'", patientId));
    }

    /** Whether the device is bound (first, or let in) to the contact: what a family join needs. */
    public boolean boundTo(String deviceId, String contactId) {
        return find(deviceId).filter(r -> r.state() == DeviceState.BOUND && contactId.equals(r.contactId())).isPresent();
    }

    static Optional<DeviceRow> find(Connection c, String deviceId) throws SQLException {
        List<DeviceRow> found = rows(c, "device_id = ?", deviceId);
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }

    private static List<DeviceRow> devicesOf(Connection c, String contactId) throws SQLException {
        return rows(c, "contact_id = ?", contactId);
    }

    private static List<DeviceRow> rows(Connection c, String where, String key) throws SQLException {
        List<DeviceRow> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT " + DeviceRow.COLUMNS + " FROM e2ee_device WHERE "
                + where + " ORDER BY created_at, device_id")) {
            ps.setString(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(DeviceRow.of(rs));
                }
            }
        }
        return out;
    }

    private void insert(Connection c, IdentityRecord identity, String patientId, String kind, String tabletId,
                        String contactId, String inviteHash, DeviceState state, String actor) throws SQLException {
        long now = clock.millis();
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO e2ee_device (device_id, identity, patient_id, kind,"
                + " tablet_id, contact_id, invite_id_hash, state, decided_by, created_at, changed_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, identity.deviceIdText());
            ps.setString(2, identity.text());
            ps.setString(3, patientId);
            ps.setString(4, kind);
            ps.setString(5, tabletId);
            ps.setString(6, contactId);
            ps.setString(7, inviteHash);
            ps.setString(8, state.stored());
            ps.setString(9, actor);
            ps.setLong(10, now);
            ps.setLong(11, now);
            ps.executeUpdate();
        }
    }

    private void setState(Connection c, String deviceId, DeviceState state, String actor) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE e2ee_device SET state = ?, decided_by = ?, changed_at = ?"
                + " WHERE device_id = ?")) {
            ps.setString(1, state.stored());
            ps.setString(2, actor);
            ps.setLong(3, clock.millis());
            ps.setString(4, deviceId);
            ps.executeUpdate();
        }
    }
}
