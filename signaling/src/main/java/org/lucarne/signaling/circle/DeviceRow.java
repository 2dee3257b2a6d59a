package org.lucarne.signaling.circle;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Objects;

/**
 * One row of the device directory, whatever its state: the device, its patient (the circle), whose it is, the
 * invite a family device came with, its state, who set it last ({@code family:…}, {@code tablet:…},
 * {@code staff:…}) and when (epoch ms). No key but the device id: the identity stays in {@link Circles}.
 */
public record DeviceRow(String deviceId, String patientId, CircleDevice.Kind kind, String tabletId, String contactId,
                        String inviteIdHash, DeviceState state, String decidedBy, long createdAt, long changedAt) {
    static final String COLUMNS = "device_id, patient_id, kind, tablet_id, contact_id, invite_id_hash, state,"
            + " decided_by, created_at, changed_at";

    public DeviceRow {
        Objects.requireNonNull(deviceId, "deviceId");
        Objects.requireNonNull(patientId, "patientId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(state, "state");
    }

    static DeviceRow of(ResultSet rs) throws SQLException {
        return new DeviceRow(rs.getString(1), rs.getString(2), CircleDevice.Kind.fromStored(rs.getString(3)),
                rs.getString(4), rs.getString(5), rs.getString(6), DeviceState.fromStored(rs.getString(7)),
                rs.getString(8), rs.getLong(9), rs.getLong(10));
    }
}
