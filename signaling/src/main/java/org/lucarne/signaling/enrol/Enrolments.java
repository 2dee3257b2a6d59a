package org.lucarne.signaling.enrol;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.lucarne.signaling.storage.Dialect;

/**
 * Tablets' requests to be enrolled (table {@code tablet_enrolment}), inside the caller's transaction. A request is
 * pending for {@link #PENDING_FOR}; then it is marked expired, and a day after that it is purged.
 */
public final class Enrolments {
    /** How long a request waits for staff. */
    public static final Duration PENDING_FOR = Duration.ofMinutes(15);
    /** The most requests pending at once, from every address together. */
    public static final int MAX_PENDING = 50;
    /** How long a decided or expired request stays, for its tablet to poll its outcome. */
    public static final Duration KEPT_FOR = Duration.ofDays(1);

    /** The states of a request, as stored and as the tablet reads them. */
    public enum State { PENDING, APPROVED, REFUSED, EXPIRED;

        public String stored() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** A new request as the tablet sent it, its secrets already hashed. */
    public record NewRequest(String id, String codeHash, String pollHash, String csr, Optional<String> device,
                             String fromAddress, String keyFingerprint, Instant createdAt) {
    }

    /** A request as stored (never the code's or the token's hash). */
    public record Request(String id, String pollHash, String csr, Optional<String> device, String fromAddress,
                          String keyFingerprint, Instant createdAt, Instant expiresAt, State state,
                          Optional<String> tabletId, Optional<String> certificate) {
    }

    private static final String COLUMNS = "id, poll_hash, csr, device_name, from_address, key_fingerprint,"
            + " created_at, expires_at, state, tablet_id, certificate";

    private Enrolments() {
    }

    /**
     * Marks the pending requests past their time expired. On PostgreSQL it first takes the table's write lock, so
     * that counting the pending requests and adding one take turns between nodes (SQLite writers always do).
     */
    public static void expire(Connection c, Dialect dialect, Instant now) throws SQLException {
        if (dialect == Dialect.POSTGRESQL) {
            try (Statement st = c.createStatement()) {
                st.execute("LOCK TABLE tablet_enrolment IN SHARE ROW EXCLUSIVE MODE");
            }
        }
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE tablet_enrolment SET state = 'expired' WHERE state = 'pending' AND expires_at <= ?")) {
            ps.setLong(1, now.toEpochMilli());
            ps.executeUpdate();
        }
    }

    /** How many requests are pending (call {@link #expire} first in the same transaction). */
    public static int pendingCount(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM tablet_enrolment WHERE state = 'pending'");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getInt(1);
        }
    }

    /** Whether a pending request has this code (call {@link #expire} first). */
    public static boolean codeTaken(Connection c, String codeHash) throws SQLException {
        return byCode(c, codeHash).isPresent();
    }

    public static void insert(Connection c, NewRequest r) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO tablet_enrolment (id, code_hash, poll_hash, csr,"
                + " device_name, from_address, key_fingerprint, created_at, expires_at, state)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'pending')")) {
            ps.setString(1, r.id());
            ps.setString(2, r.codeHash());
            ps.setString(3, r.pollHash());
            ps.setString(4, r.csr());
            ps.setString(5, r.device().orElse(null));
            ps.setString(6, r.fromAddress());
            ps.setString(7, r.keyFingerprint());
            ps.setLong(8, r.createdAt().toEpochMilli());
            ps.setLong(9, r.createdAt().plus(PENDING_FOR).toEpochMilli());
            ps.executeUpdate();
        }
    }

    public static Optional<Request> find(Connection c, String id) throws SQLException {
        return one(c, "SELECT " + COLUMNS + " FROM tablet_enrolment WHERE id = ?", id);
    }

    /** The pending request with this code, if any (call {@link #expire} first). */
    public static Optional<Request> byCode(Connection c, String codeHash) throws SQLException {
        return one(c, "SELECT " + COLUMNS + " FROM tablet_enrolment WHERE code_hash = ? AND state = 'pending'",
                codeHash);
    }

    /** The pending requests, oldest first (call {@link #expire} first). */
    public static List<Request> pending(Connection c) throws SQLException {
        List<Request> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM tablet_enrolment"
                + " WHERE state = 'pending' ORDER BY created_at, id");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(row(rs));
            }
        }
        return out;
    }

    /** Approves a pending request: whether it was still pending. */
    public static boolean approve(Connection c, String id, String by, Instant at, String tabletId,
                                  String certificate) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE tablet_enrolment SET state = 'approved',"
                + " decided_by = ?, decided_at = ?, tablet_id = ?, certificate = ? WHERE id = ? AND state = 'pending'")) {
            ps.setString(1, by);
            ps.setLong(2, at.toEpochMilli());
            ps.setString(3, tabletId);
            ps.setString(4, certificate);
            ps.setString(5, id);
            return ps.executeUpdate() == 1;
        }
    }

    /** Refuses a pending request: whether it was still pending. */
    public static boolean refuse(Connection c, String id, String by, Instant at) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE tablet_enrolment SET state = 'refused',"
                + " decided_by = ?, decided_at = ? WHERE id = ? AND state = 'pending'")) {
            ps.setString(1, by);
            ps.setLong(2, at.toEpochMilli());
            ps.setString(3, id);
            return ps.executeUpdate() == 1;
        }
    }

    /** Deletes the requests that expired over {@link #KEPT_FOR} ago, at most {@code limit}: how many. */
    public static int purge(Connection c, Instant now, int limit) throws SQLException {
        List<String> ids = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT id FROM tablet_enrolment WHERE expires_at <= ? ORDER BY expires_at LIMIT ?")) {
            ps.setLong(1, now.minus(KEPT_FOR).toEpochMilli());
            ps.setInt(2, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getString(1));
                }
            }
        }
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM tablet_enrolment WHERE id = ?")) {
            for (String id : ids) {
                ps.setString(1, id);
                ps.addBatch();
            }
            if (!ids.isEmpty()) {
                ps.executeBatch();
            }
        }
        return ids.size();
    }

    private static Optional<Request> one(Connection c, String sql, String value) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, value);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(row(rs)) : Optional.empty();
            }
        }
    }

    private static Request row(ResultSet rs) throws SQLException {
        return new Request(rs.getString(1), rs.getString(2), rs.getString(3), Optional.ofNullable(rs.getString(4)),
                rs.getString(5), rs.getString(6), Instant.ofEpochMilli(rs.getLong(7)),
                Instant.ofEpochMilli(rs.getLong(8)), State.valueOf(rs.getString(9).toUpperCase(java.util.Locale.ROOT)),
                Optional.ofNullable(rs.getString(10)), Optional.ofNullable(rs.getString(11)));
    }
}
