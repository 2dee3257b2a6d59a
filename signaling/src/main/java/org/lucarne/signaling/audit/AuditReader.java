package org.lucarne.signaling.audit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Predicate;
import org.lucarne.signaling.storage.Database;

/**
 * Reads the trail in seq order without holding it all in memory: a chunk of entries at a time,
 * each chunk in a short transaction of its own, so that reading millions of entries (verify,
 * export) never holds SQLite's write lock or a PostgreSQL snapshot for long while the server
 * keeps appending.
 */
final class AuditReader {
    static final int CHUNK = 1_000;

    private final Database db;
    private final int chunk;

    AuditReader(Database db) {
        this(db, CHUNK);
    }

    AuditReader(Database db, int chunk) {
        this.db = Objects.requireNonNull(db, "db");
        if (chunk < 1) {
            throw new IllegalArgumentException("chunk must be at least 1");
        }
        this.chunk = chunk;
    }

    /**
     * Gives {@code visitor} every entry, in seq order, until it answers false.
     *
     * @return how many entries the visitor was given
     */
    long forEach(Predicate<AuditEntry> visitor) {
        return forEach(null, Long.MIN_VALUE, Long.MAX_VALUE, visitor);
    }

    /**
     * Gives {@code visitor} every entry whose {@code at} is in {@code [fromMillis, toMillis)}, in seq
     * order, until it answers false.
     *
     * @return how many entries the visitor was given
     */
    long forEachBetween(long fromMillis, long toMillis, Predicate<AuditEntry> visitor) {
        // The at index finds where the range lies in seq order; the chunks then walk the primary key.
        long[] bounds = db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT min(seq), max(seq) FROM audit_entry WHERE at >= ? AND at < ?")) {
                ps.setLong(1, fromMillis);
                ps.setLong(2, toMillis);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    long min = rs.getLong(1);
                    return rs.wasNull() ? null : new long[] {min, rs.getLong(2)};
                }
            }
        });
        return bounds == null ? 0 : forEach(new long[] {fromMillis, toMillis}, bounds[0] - 1, bounds[1], visitor);
    }

    /** {@code range}: {@code [from, to)} in epoch milliseconds, or null for every entry (whatever its at). */
    private long forEach(long[] range, long afterSeq, long lastSeq, Predicate<AuditEntry> visitor) {
        long after = afterSeq;
        long given = 0;
        while (true) {
            long from = after;
            List<AuditEntry> entries = db.inTransaction(c -> chunk(c, from, lastSeq, range));
            for (AuditEntry e : entries) {
                given++;
                if (!visitor.test(e)) {
                    return given;
                }
            }
            if (entries.size() < chunk) {
                return given;
            }
            after = entries.get(entries.size() - 1).seq();
        }
    }

    private List<AuditEntry> chunk(Connection c, long after, long lastSeq, long[] range) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + AuditTrail.COLUMNS + " FROM audit_entry"
                + " WHERE seq > ? AND seq <= ?" + (range == null ? "" : " AND at >= ? AND at < ?")
                + " ORDER BY seq LIMIT ?")) {
            int i = 1;
            ps.setLong(i++, after);
            ps.setLong(i++, lastSeq);
            if (range != null) {
                ps.setLong(i++, range[0]);
                ps.setLong(i++, range[1]);
            }
            ps.setInt(i, chunk);
            List<AuditEntry> out = new ArrayList<>(chunk);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(AuditTrail.read(rs));
                }
            }
            return out;
        }
    }

    /** The entry at {@code seq}, if there is one. */
    Optional<AuditEntry> at(long seq) {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + AuditTrail.COLUMNS
                    + " FROM audit_entry WHERE seq = ?")) {
                ps.setLong(1, seq);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(AuditTrail.read(rs)) : Optional.empty();
                }
            }
        });
    }

    /** The highest seq stored, if any. */
    OptionalLong lastSeq() {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT max(seq) FROM audit_entry");
                 ResultSet rs = ps.executeQuery()) {
                rs.next();
                long max = rs.getLong(1);
                return rs.wasNull() ? OptionalLong.empty() : OptionalLong.of(max);
            }
        });
    }
}
