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
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.lucarne.signaling.storage.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Patients' circles, read from the device directory ({@code e2ee_device}, V018) at the clock's instant. A circle's
 * id is its patient's id (the patient's stay); its members are:
 * <ul>
 *   <li>the tablet's device of the patient's stay: published by the kiosk of the tablet in the patient's bed, that
 *       tablet still in that bed and not revoked, the patient not discharged;</li>
 *   <li>the bound family devices (first, or let in) of the patient's contacts who are not removed and have at least
 *       one live invite: not revoked, not past its window, its visit neither ended nor over.</li>
 * </ul>
 * Since a visit's end takes devices out without any write, membership is always asked of the database; listeners
 * hear of the changes the server makes (binding, admission, reset, a tablet's identity) and of those
 * {@link CircleWatch} finds.
 */
public final class Circles {
    private static final Logger LOG = LoggerFactory.getLogger(Circles.class);
    static final String COLUMNS = "d.device_id, d.identity, d.patient_id, d.kind, d.tablet_id, d.contact_id";
    /** The tablet's device of its patient's stay, still in the bed. Parameters: none. */
    private static final String TABLET_MEMBER = "d.kind = 'tablet' AND d.state = 'bound'"
            + " AND EXISTS (SELECT 1 FROM patient p JOIN tablet t ON t.bed_id = p.bed_id WHERE p.id = d.patient_id"
            + " AND t.id = d.tablet_id AND p.discharged_at IS NULL AND t.revoked_at IS NULL)";
    /** A family device of a contact not removed and with a live invite. Parameters: now, now. */
    private static final String FAMILY_MEMBER = "d.kind = 'family' AND d.state = 'bound'"
            + " AND EXISTS (SELECT 1 FROM family_contact fc JOIN patient p ON p.id = fc.patient_id"
            + " WHERE fc.id = d.contact_id AND fc.removed_at IS NULL AND p.discharged_at IS NULL)"
            + " AND EXISTS (SELECT 1 FROM invite i JOIN visit_invite vi ON vi.invite_id_hash = i.id_hash"
            + " JOIN visit v ON v.id = vi.visit_id WHERE i.contact_id = d.contact_id AND i.revoked_at IS NULL"
            + " AND i.not_after > ? AND v.ended_at IS NULL AND v.ends_at > ?)";

    private final Database db;
    private final Clock clock;
    private final List<Consumer<String>> listeners = new CopyOnWriteArrayList<>();

    public Circles(Database db, Clock clock) {
        this.db = Objects.requireNonNull(db, "db");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The device if it is a member of a circle now; empty for an unknown, waiting, refused or removed one. */
    public Optional<CircleDevice> member(String deviceId) {
        Objects.requireNonNull(deviceId, "deviceId");
        return db.inTransaction(c -> member(c, deviceId));
    }

    /** {@link #member(String)} inside the caller's transaction. */
    public Optional<CircleDevice> member(Connection c, String deviceId) throws SQLException {
        List<CircleDevice> found = query(c, "d.device_id = ?", deviceId);
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }

    /** The members of the circle now: its tablet's device first, then family devices in the order they came. */
    public List<CircleDevice> members(String circleId) {
        Objects.requireNonNull(circleId, "circleId");
        return db.inTransaction(c -> members(c, circleId));
    }

    /** {@link #members(String)} inside the caller's transaction. */
    public List<CircleDevice> members(Connection c, String circleId) throws SQLException {
        return query(c, "d.patient_id = ?", circleId);
    }

    private List<CircleDevice> query(Connection c, String where, String key) throws SQLException {
        long now = clock.millis();
        List<CircleDevice> out = new ArrayList<>();
        String sql = "SELECT " + COLUMNS + " FROM e2ee_device d WHERE " + where + " AND ((" + TABLET_MEMBER + ") OR ("
                + FAMILY_MEMBER + ")) ORDER BY CASE WHEN d.kind = 'tablet' THEN 0 ELSE 1 END, d.created_at, d.device_id";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, key);
            ps.setLong(2, now);
            ps.setLong(3, now);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(row(rs));
                }
            }
        }
        return out;
    }

    static CircleDevice row(ResultSet rs) throws SQLException {
        byte[] identity = IdentityRecord.Base64Url.decode(rs.getString(2))
                .orElseThrow(() -> new SQLException("e2ee_device " + safe(rs) + ": identity is not base64url"));
        return new CircleDevice(rs.getString(1), identity, rs.getString(3), CircleDevice.Kind.fromStored(rs.getString(4)),
                rs.getString(5), rs.getString(6));
    }

    private static String safe(ResultSet rs) {
        try {
            return rs.getString(1);
        } catch (SQLException e) {
            return "?";
        }
    }

    /**
     * {@code listener} hears a circle's id whenever its members may have changed (after the change committed).
     * Called on the thread that made or found the change: it must return at once.
     */
    public void addListener(Consumer<String> listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /** Tells every listener that the members of {@code circleId} may have changed (after the commit). */
    public void changed(String circleId) {
        for (Consumer<String> l : listeners) {
            try {
                l.accept(circleId);
            } catch (RuntimeException e) {
                LOG.warn("a listener of circle changes failed for circle {}", circleId, e);
            }
        }
    }
}
