package org.lucarne.signaling.testing;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import org.lucarne.signaling.personal.DataKeyRing;
import org.lucarne.signaling.personal.PersonalData;
import org.lucarne.signaling.personal.SealedColumns;

/**
 * Patients and family contacts inserted by hand in a test, their names sealed as Lucarne stores
 * them. A test of its own database uses {@link #newKeys()}; a test of a running server passes the
 * server's {@code personalData()}.
 */
public final class SealedRows {
    private static final SecureRandom RANDOM = new SecureRandom();

    private SealedRows() {
    }

    /** Data keys of their own (one new random key), for a test database without a server. */
    public static PersonalData newKeys() {
        return new PersonalData(DataKeyRing.generate(RANDOM), RANDOM);
    }

    public static void patient(Connection c, PersonalData data, String id, String bedId, String name)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO patient (id, bed_id, display_name) VALUES (?, ?, ?)")) {
            ps.setString(1, id);
            ps.setString(2, bedId);
            ps.setString(3, data.seal(SealedColumns.PATIENT_NAME, id, name));
            ps.executeUpdate();
        }
    }

    public static void contact(Connection c, PersonalData data, String id, String patientId, String name,
                               long createdAt) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO family_contact (id, patient_id, display_name,"
                + " created_at) VALUES (?, ?, ?, ?)")) {
            ps.setString(1, id);
            ps.setString(2, patientId);
            ps.setString(3, data.seal(SealedColumns.CONTACT_NAME, id, name));
            ps.setLong(4, createdAt);
            ps.executeUpdate();
        }
    }

    /** Renames a patient, as staff will from the console. */
    public static void renamePatient(Connection c, PersonalData data, String id, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE patient SET display_name = ? WHERE id = ?")) {
            ps.setString(1, data.seal(SealedColumns.PATIENT_NAME, id, name));
            ps.setString(2, id);
            ps.executeUpdate();
        }
    }
}
