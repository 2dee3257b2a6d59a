package org.lucarne.signaling.device;

import java.sql.PreparedStatement;
import org.lucarne.signaling.storage.Database;

/** Enrols and revokes tablets in a test database, as the staff console will. */
final class TabletRows {
    private TabletRows() {
    }

    /** A ward and a bed (once), and an enrolled tablet {@code id} in it. */
    static void enrol(Database db, String id) {
        db.inTransaction(c -> {
            try (PreparedStatement st = c.prepareStatement(
                    "INSERT INTO ward (id, name) SELECT 'w-test', 'Test ward'"
                            + " WHERE NOT EXISTS (SELECT 1 FROM ward WHERE id = 'w-test')")) {
                st.executeUpdate();
            }
            try (PreparedStatement st = c.prepareStatement(
                    "INSERT INTO bed (id, ward_id, label) SELECT 'b-test', 'w-test', 'Bed 1'"
                            + " WHERE NOT EXISTS (SELECT 1 FROM bed WHERE id = 'b-test')")) {
                st.executeUpdate();
            }
            try (PreparedStatement st = c.prepareStatement(
                    "INSERT INTO tablet (id, bed_id, label, enrolled_at) VALUES (?, 'b-test', ?, 1000)")) {
                st.setString(1, id);
                st.setString(2, "Tablet " + id);
                st.executeUpdate();
            }
            return null;
        });
    }

    static void revoke(Database db, String id) {
        revoke(db, id, 2000);
    }

    /** Revokes the tablet in the database only, as another node would: this node hears nothing of it. */
    static void revoke(Database db, String id, long atMillis) {
        db.inTransaction(c -> {
            try (PreparedStatement st = c.prepareStatement("UPDATE tablet SET revoked_at = ? WHERE id = ?")) {
                st.setLong(1, atMillis);
                st.setString(2, id);
                st.executeUpdate();
            }
            return null;
        });
    }
}
