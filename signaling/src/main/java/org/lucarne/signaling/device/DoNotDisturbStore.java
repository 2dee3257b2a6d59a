package org.lucarne.signaling.device;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Table {@code tablet_do_not_disturb} and the visits that end a setting, inside the caller's transaction. */
final class DoNotDisturbStore {
    /** A stored setting; {@code setBy} is {@code staff:<id>} or {@code tablet:<id>}. */
    record Setting(String tabletId, Instant until, Instant setAt, String setBy) {
    }

    /** The most settings one sweep reads: one per tablet, and a hospital enrols far fewer tablets. */
    static final int SWEEP_LIMIT = 10_000;

    private DoNotDisturbStore() {
    }

    static Optional<Setting> find(Connection c, String tabletId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT tablet_id, until_at, set_at, set_by FROM tablet_do_not_disturb WHERE tablet_id = ?")) {
            ps.setString(1, tabletId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(setting(rs)) : Optional.empty();
            }
        }
    }

    /** Every setting stored, oldest first, up to {@link #SWEEP_LIMIT}. */
    static List<Setting> all(Connection c) throws SQLException {
        List<Setting> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT tablet_id, until_at, set_at, set_by"
                + " FROM tablet_do_not_disturb ORDER BY set_at, tablet_id LIMIT " + SWEEP_LIMIT)) {
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(setting(rs));
                }
            }
        }
        return out;
    }

    /** Replaces the tablet's setting (the table holds one per tablet). */
    static void put(Connection c, Setting s) throws SQLException {
        delete(c, s.tabletId());
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO tablet_do_not_disturb (tablet_id, until_at, set_at, set_by) VALUES (?, ?, ?, ?)")) {
            ps.setString(1, s.tabletId());
            ps.setLong(2, s.until().toEpochMilli());
            ps.setLong(3, s.setAt().toEpochMilli());
            ps.setString(4, s.setBy());
            ps.executeUpdate();
        }
    }

    /** Deletes the tablet's setting: whether there was one. */
    static boolean delete(Connection c, String tabletId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM tablet_do_not_disturb WHERE tablet_id = ?")) {
            ps.setString(1, tabletId);
            return ps.executeUpdate() == 1;
        }
    }

    /** Deletes exactly that setting, unless it was replaced meanwhile: whether it did. */
    static boolean delete(Connection c, Setting s) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "DELETE FROM tablet_do_not_disturb WHERE tablet_id = ? AND set_at = ? AND until_at = ?")) {
            ps.setString(1, s.tabletId());
            ps.setLong(2, s.setAt().toEpochMilli());
            ps.setLong(3, s.until().toEpochMilli());
            return ps.executeUpdate() == 1;
        }
    }

    /**
     * The start of the tablet's first booked visit starting after {@code after}: one not cancelled before its
     * start (a cancelled visit's {@code ended_at} is set; a visit that started and ended later still counts).
     */
    static Optional<Instant> firstStartAfter(Connection c, String tabletId, Instant after) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT MIN(starts_at) FROM visit WHERE tablet_id = ?"
                + " AND starts_at > ? AND (ended_at IS NULL OR ended_at >= starts_at)")) {
            ps.setString(1, tabletId);
            ps.setLong(2, after.toEpochMilli());
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                long start = rs.getLong(1);
                return rs.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(start));
            }
        }
    }

    private static Setting setting(ResultSet rs) throws SQLException {
        return new Setting(rs.getString(1), Instant.ofEpochMilli(rs.getLong(2)), Instant.ofEpochMilli(rs.getLong(3)),
                rs.getString(4));
    }
}
