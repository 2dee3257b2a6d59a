package org.lucarne.signaling.audit;

import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.lucarne.signaling.storage.Database;
import org.lucarne.signaling.storage.Dialect;

/** The trail's rows as an attacker with the database sees them: read, and changed behind the application. */
final class AuditRows {
    private AuditRows() {
    }

    /** Every entry in seq order. */
    static List<AuditEntry> all(Database db) {
        List<AuditEntry> all = new ArrayList<>();
        new AuditReader(db, 7).forEach(all::add);
        return all;
    }

    /**
     * Lifts the append-only guard as someone holding the database would: drops SQLite's triggers
     * (anyone with the file can), disables PostgreSQL's as the table owner.
     */
    static void removeGuard(Database db) {
        execute(db, db.dialect() == Dialect.SQLITE
                ? "DROP TRIGGER audit_entry_no_update; DROP TRIGGER audit_entry_no_delete"
                : "ALTER TABLE audit_entry DISABLE TRIGGER USER");
    }

    /** Runs {@code sql} (statements separated by {@code ;}) in one transaction. */
    static void execute(Database db, String sql) {
        db.inTransaction(c -> {
            try (Statement st = c.createStatement()) {
                for (String one : sql.split(";")) {
                    st.execute(one.strip());
                }
            }
            return null;
        });
    }

    /** Sets {@code column} of entry {@code seq} to {@code value}, behind the application's back. */
    static void set(Database db, long seq, String column, Object value) {
        db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE audit_entry SET " + column + " = ? WHERE seq = ?")) {
                ps.setObject(1, value);
                ps.setLong(2, seq);
                if (ps.executeUpdate() != 1) {
                    throw new IllegalStateException("no entry " + seq);
                }
            }
            return null;
        });
    }

    /** Writes {@code entry} over the stored entry of the same seq, every column. */
    static void replace(Database db, AuditEntry entry) {
        db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE audit_entry SET at = ?, actor = ?, action = ?,"
                    + " target = ?, ward_id = ?, patient_id = ?, address = ?, outcome = ?, detail = ?, prev_hash = ?,"
                    + " hash = ? WHERE seq = ?")) {
                ps.setLong(1, entry.at());
                ps.setString(2, entry.actor());
                ps.setString(3, entry.action());
                ps.setString(4, entry.target());
                ps.setString(5, entry.wardId());
                ps.setString(6, entry.patientId());
                ps.setString(7, entry.address());
                ps.setString(8, entry.outcome());
                ps.setString(9, entry.detail());
                ps.setString(10, entry.prevHash());
                ps.setString(11, entry.hash());
                ps.setLong(12, entry.seq());
                if (ps.executeUpdate() != 1) {
                    throw new IllegalStateException("no entry " + entry.seq());
                }
            }
            return null;
        });
    }

    static int count(Database db) {
        return db.inTransaction(c -> {
            try (Statement st = c.createStatement(); var rs = st.executeQuery("SELECT count(*) FROM audit_entry")) {
                rs.next();
                return rs.getInt(1);
            }
        });
    }
}
