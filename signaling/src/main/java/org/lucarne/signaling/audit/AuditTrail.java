package org.lucarne.signaling.audit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import org.lucarne.signaling.storage.Database;
import org.lucarne.signaling.storage.Dialect;

/**
 * The audit trail: an append-only, hash-chained table ({@code audit_entry}). An entry is appended
 * in the transaction of the change it records ({@link #append(Connection, AuditEvent)}), so a
 * change is never stored without its entry nor the other way round; or in a transaction of its
 * own ({@link #record}) for what changes nothing else (a refusal, a failed sign-in, a view).
 *
 * <p>Appends take turns: on SQLite the single connection serialises them, on PostgreSQL a
 * transaction-scoped advisory lock does, so the chain never forks.
 */
public final class AuditTrail {
    /** Advisory lock key of the chain's head on PostgreSQL: "Audt". */
    private static final long HEAD_LOCK = 0x41756474L;

    private final Database db;
    private final Clock clock;

    public AuditTrail(Database db, Clock clock) {
        this.db = Objects.requireNonNull(db, "db");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Appends {@code event} inside the caller's transaction on {@code c}; it commits or rolls back with it. */
    public AuditEntry append(Connection c, AuditEvent event) throws SQLException {
        Objects.requireNonNull(event, "event");
        if (db.dialect() == Dialect.POSTGRESQL) {
            try (PreparedStatement ps = c.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
                ps.setLong(1, HEAD_LOCK);
                ps.executeQuery().close();
            }
        }
        Optional<AuditEntry> head = head(c);
        long seq = head.map(h -> h.seq() + 1).orElse(1L);
        String prev = head.map(AuditEntry::hash).orElse(AuditCanonical.GENESIS);
        AuditEntry entry = AuditEntry.of(seq, clock.millis(), event, prev);
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO audit_entry (seq, at, actor, action, target,"
                + " ward_id, patient_id, address, outcome, detail, prev_hash, hash)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setLong(1, entry.seq());
            ps.setLong(2, entry.at());
            ps.setString(3, entry.actor());
            ps.setString(4, entry.action());
            ps.setString(5, entry.target());
            ps.setString(6, entry.wardId());
            ps.setString(7, entry.patientId());
            ps.setString(8, entry.address());
            ps.setString(9, entry.outcome());
            ps.setString(10, entry.detail());
            ps.setString(11, entry.prevHash());
            ps.setString(12, entry.hash());
            ps.executeUpdate();
        }
        return entry;
    }

    /** Appends {@code event} in a transaction of its own. */
    public AuditEntry record(AuditEvent event) {
        return db.inTransaction(c -> append(c, event));
    }

    /** The newest entry, if any. */
    public Optional<AuditEntry> head() {
        return db.inTransaction(AuditTrail::head);
    }

    static Optional<AuditEntry> head(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM audit_entry ORDER BY seq DESC"
                + " LIMIT 1"); ResultSet rs = ps.executeQuery()) {
            return rs.next() ? Optional.of(read(rs)) : Optional.empty();
        }
    }

    /** The columns {@link #read} expects, in order. */
    static final String COLUMNS = "seq, at, actor, action, target, ward_id, patient_id, address, outcome, detail,"
            + " prev_hash, hash";

    static AuditEntry read(ResultSet rs) throws SQLException {
        return new AuditEntry(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9), rs.getString(10),
                rs.getString(11), rs.getString(12));
    }

    public Database database() {
        return db;
    }

    public Clock clock() {
        return clock;
    }
}
