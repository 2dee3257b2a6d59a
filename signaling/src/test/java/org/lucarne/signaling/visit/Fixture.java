package org.lucarne.signaling.visit;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import org.lucarne.signaling.personal.PersonalData;
import org.lucarne.signaling.storage.Database;
import org.lucarne.signaling.testing.SealedRows;

/**
 * A ward with two beds: patient-1 and tablet-1 on bed-1 (and tablet-old, revoked), patient-2
 * and tablet-2 on bed-2; contact-1 visits patient-1, contact-2 visits patient-2.
 */
final class Fixture {
    private static final PersonalData KEYS = SealedRows.newKeys();

    private Fixture() {
    }

    static void seed(Database db, Instant now) {
        long t = now.toEpochMilli();
        db.inTransaction(c -> {
            try (Statement st = c.createStatement()) {
                st.executeUpdate("INSERT INTO ward (id, name) VALUES ('ward', 'Ward')");
                st.executeUpdate("INSERT INTO bed (id, ward_id, label) VALUES ('bed-1', 'ward', 'Bed 1')");
                st.executeUpdate("INSERT INTO bed (id, ward_id, label) VALUES ('bed-2', 'ward', 'Bed 2')");
                SealedRows.patient(c, KEYS, "patient-1", "bed-1", "P1");
                SealedRows.patient(c, KEYS, "patient-2", "bed-2", "P2");
                st.executeUpdate("INSERT INTO tablet (id, bed_id, label, enrolled_at) VALUES ('tablet-1', 'bed-1', 'T1', "
                        + t + ")");
                st.executeUpdate("INSERT INTO tablet (id, bed_id, label, enrolled_at) VALUES ('tablet-2', 'bed-2', 'T2', "
                        + t + ")");
                st.executeUpdate("INSERT INTO tablet (id, bed_id, label, enrolled_at, revoked_at)"
                        + " VALUES ('tablet-old', 'bed-1', 'Old', " + t + ", " + t + ")");
                SealedRows.contact(c, KEYS, "contact-1", "patient-1", "C1", t);
                SealedRows.contact(c, KEYS, "contact-2", "patient-2", "C2", t);
            }
            return null;
        });
    }

    static long count(Database db, String sql, String param) {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setString(1, param);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }
}
