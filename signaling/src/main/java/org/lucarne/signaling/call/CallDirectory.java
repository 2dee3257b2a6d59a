package org.lucarne.signaling.call;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Objects;
import org.lucarne.signaling.storage.Database;

/** The names people see in a call: the patient's and each family contact's, as the ward wrote them. */
public final class CallDirectory {
    /** What stands for a name the database does not have (a record deleted during the call). */
    static final String UNKNOWN = "?";

    private final Database db;

    public CallDirectory(Database db) {
        this.db = Objects.requireNonNull(db, "db");
    }

    public String patientName(String patientId) {
        return name("SELECT display_name FROM patient WHERE id = ?", patientId);
    }

    public String contactName(String contactId) {
        return name("SELECT display_name FROM family_contact WHERE id = ?", contactId);
    }

    private String name(String sql, String id) {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setString(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? displayable(rs.getString(1)) : UNKNOWN;
                }
            }
        });
    }

    /** A protocol name is 1 to 64 characters (docs/protocol.md): longer ones are cut, empty ones replaced. */
    static String displayable(String name) {
        if (name == null || name.isBlank()) {
            return UNKNOWN;
        }
        String trimmed = name.strip();
        return trimmed.length() <= 64 ? trimmed : trimmed.substring(0, 63) + "…";
    }
}
