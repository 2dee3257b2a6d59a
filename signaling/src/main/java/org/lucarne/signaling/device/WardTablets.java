package org.lucarne.signaling.device;

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

/** A ward's tablets as its staff see them, and their cleaning, inside the caller's transaction. */
public final class WardTablets {
    private static final String COLUMNS = "t.id, t.label, b.id, b.label, b.ward_id, t.enrolled_at, t.revoked_at,"
            + " t.cleaned_at, t.cleaned_by";
    private static final String FROM = " FROM tablet t JOIN bed b ON b.id = t.bed_id";

    /**
     * A tablet as stored.
     *
     * @param cleanedBy who last marked it cleaned ({@code staff:<id>})
     */
    public record TabletRow(String id, String label, String bedId, String bedLabel, String wardId, Instant enrolledAt,
                            Optional<Instant> revokedAt, Optional<Instant> cleanedAt, Optional<String> cleanedBy) {
        public boolean revoked() {
            return revokedAt.isPresent();
        }
    }

    private final Clock clock;

    public WardTablets(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The ward's tablets, revoked ones included, by bed and label. */
    public List<TabletRow> ofWard(Connection c, String wardId) throws SQLException {
        List<TabletRow> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + FROM
                + " WHERE b.ward_id = ? ORDER BY b.label, t.label, t.id")) {
            ps.setString(1, wardId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(row(rs));
                }
            }
        }
        return out;
    }

    public Optional<TabletRow> find(Connection c, String tabletId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + FROM + " WHERE t.id = ?")) {
            ps.setString(1, tabletId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(row(rs)) : Optional.empty();
            }
        }
    }

    /** Records that {@code by} ({@code staff:<id>}) cleaned the tablet now. */
    public void markCleaned(Connection c, String tabletId, String by) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE tablet SET cleaned_at = ?, cleaned_by = ? WHERE id = ?")) {
            ps.setLong(1, clock.millis());
            ps.setString(2, by);
            ps.setString(3, tabletId);
            ps.executeUpdate();
        }
    }

    /**
     * Revokes the tablet now, unless it is revoked already: whether this call revoked it. The upgrade
     * ({@link TabletAuthenticator}) and every call message ({@link Tablets}) read {@code revoked_at}.
     */
    public boolean revoke(Connection c, String tabletId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE tablet SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL")) {
            ps.setLong(1, clock.millis());
            ps.setString(2, tabletId);
            return ps.executeUpdate() == 1;
        }
    }

    private static TabletRow row(ResultSet rs) throws SQLException {
        return new TabletRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                Instant.ofEpochMilli(rs.getLong(6)), instant(rs, 7), instant(rs, 8), Optional.ofNullable(rs.getString(9)));
    }

    private static Optional<Instant> instant(ResultSet rs, int column) throws SQLException {
        long ms = rs.getLong(column);
        return rs.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(ms));
    }
}
