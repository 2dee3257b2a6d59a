package org.lucarne.signaling.testing;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import org.lucarne.signaling.storage.Database;

/** The audit trail as a test reads it back: entries after a point, with the fields tests look at. */
public final class AuditRows {
    /** One stored entry. */
    public record Row(long seq, String actor, String action, String target, String ward, String patient,
                      String address, String outcome, String detail) {
        public boolean detailHas(String word) {
            return detail != null && List.of(detail.split(" ")).contains(word);
        }
    }

    private final Database db;
    private long mark;

    public AuditRows(Database db) {
        this.db = db;
        this.mark = last();
    }

    /** From now on, {@link #since()} returns only what comes after this point. */
    public AuditRows mark() {
        mark = last();
        return this;
    }

    /** The entries appended since the last mark, oldest first. */
    public List<Row> since() {
        return db.inTransaction(c -> {
            List<Row> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT seq, actor, action, target, ward_id, patient_id,"
                    + " address, outcome, detail FROM audit_entry WHERE seq > ? ORDER BY seq")) {
                ps.setLong(1, mark);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new Row(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                                rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9)));
                    }
                }
            }
            return out;
        });
    }

    /** The entries since the mark with this action. */
    public List<Row> since(String action) {
        return since().stream().filter(r -> r.action().equals(action)).toList();
    }

    private long last() {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT COALESCE(MAX(seq), 0) FROM audit_entry");
                    ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }
}
