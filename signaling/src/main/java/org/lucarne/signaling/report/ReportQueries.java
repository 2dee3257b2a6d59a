package org.lucarne.signaling.report;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import org.lucarne.signaling.storage.Database;
import org.lucarne.signaling.visit.VisitEndReason;

/**
 * The visits a report counts, streamed row by row (a year of a large hospital does not sit in memory): those
 * starting in a range of instants, of one ward (its patients' beds' ward, as every view of visits has it) or
 * of every ward. Both read a range of an index: one ward's beds, their patients and each patient's visits by
 * start ({@code visit_patient_starts}), or every visit by start ({@code visit_starts}).
 */
final class ReportQueries {
    private static final String SELECT = "SELECT b.ward_id, v.starts_at, v.ends_at, v.ended_at, v.end_reason,"
            + " v.first_joined_at, v.call_started_at FROM visit v JOIN patient p ON p.id = v.patient_id"
            + " JOIN bed b ON b.id = p.bed_id";
    /** One ward's visits starting in {@code [?, ?)}. */
    static final String OF_WARD = SELECT + " WHERE b.ward_id = ? AND v.starts_at >= ? AND v.starts_at < ?";
    /** Every ward's visits starting in {@code [?, ?)}. */
    static final String OF_EVERY_WARD = SELECT + " WHERE v.starts_at >= ? AND v.starts_at < ?";
    /** Rows fetched at a time on PostgreSQL (a cursor: the transaction is not in auto-commit). */
    private static final int FETCH = 1000;

    private final Database db;

    ReportQueries(Database db) {
        this.db = Objects.requireNonNull(db, "db");
    }

    /** Hands {@code each} the ward's visits starting in {@code [from, to)}, in one transaction. */
    void visitsOfWard(String wardId, Instant from, Instant to, Consumer<ReportVisit> each) {
        db.inTransaction(c -> {
            stream(c, OF_WARD, each, wardId, from.toEpochMilli(), to.toEpochMilli());
            return null;
        });
    }

    /** Hands {@code each} every ward's visits starting in {@code [from, to)}, in one transaction. */
    void visitsOfEveryWard(Instant from, Instant to, Consumer<ReportVisit> each) {
        db.inTransaction(c -> {
            stream(c, OF_EVERY_WARD, each, from.toEpochMilli(), to.toEpochMilli());
            return null;
        });
    }

    private static void stream(Connection c, String sql, Consumer<ReportVisit> each, Object... params)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setFetchSize(FETCH);
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String reason = rs.getString(5);
                    each.accept(new ReportVisit(rs.getString(1), Instant.ofEpochMilli(rs.getLong(2)),
                            Instant.ofEpochMilli(rs.getLong(3)), instant(rs, 4),
                            reason == null ? Optional.empty() : VisitEndReason.fromStored(reason), instant(rs, 6),
                            instant(rs, 7)));
                }
            }
        }
    }

    private static Optional<Instant> instant(ResultSet rs, int column) throws SQLException {
        long ms = rs.getLong(column);
        return rs.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(ms));
    }
}
