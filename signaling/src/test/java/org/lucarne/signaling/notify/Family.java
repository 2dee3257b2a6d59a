package org.lucarne.signaling.notify;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.ZoneId;
import org.lucarne.signaling.personal.PersonalData;
import org.lucarne.signaling.personal.SealedColumns;
import org.lucarne.signaling.testing.SealedRows;
import org.lucarne.signaling.ward.WardSettings;
import org.lucarne.signaling.ward.WardSettingsStore;

/**
 * A ward in Europe/Paris with the default settings (reminders 24 h and 15 min before), one bed, its tablet,
 * Marie Dupont in it, and her family: Jean (e-mail, French), Lou (SMS, English) and Paul (no messages).
 * Every name, number and address sealed as Lucarne stores them.
 */
final class Family {
    static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    static final String PATIENT_NAME = "Marie Dupont";
    static final String JEAN_EMAIL = "jean.dupont@example.org";
    static final String LOU_PHONE = "+33612345678";

    /** The ids of one seeded family. */
    record Ids(String ward, String bed, String patient, String tablet, String jean, String lou, String paul) {
        static Ids of(String prefix) {
            return new Ids(prefix + "-ward", prefix + "-bed", prefix + "-patient", prefix + "-tablet", prefix + "-jean",
                    prefix + "-lou", prefix + "-paul");
        }
    }

    private Family() {
    }

    static Ids seed(Connection c, PersonalData data, WardSettingsStore wards, String prefix, long now) throws SQLException {
        Ids ids = Ids.of(prefix);
        try (Statement st = c.createStatement()) {
            st.executeUpdate("INSERT INTO ward (id, name) VALUES ('" + ids.ward() + "', 'Ward " + prefix + "')");
            st.executeUpdate("INSERT INTO bed (id, ward_id, label) VALUES ('" + ids.bed() + "', '" + ids.ward()
                    + "', 'Bed 1')");
            st.executeUpdate("INSERT INTO tablet (id, bed_id, label, enrolled_at) VALUES ('" + ids.tablet() + "', '"
                    + ids.bed() + "', 'Tablet 1', 0)");
        }
        SealedRows.patient(c, data, ids.patient(), ids.bed(), PATIENT_NAME);
        contact(c, data, ids.jean(), ids.patient(), "Jean Dupont", null, JEAN_EMAIL, "fr", "email", now);
        contact(c, data, ids.lou(), ids.patient(), "Lou Martin", LOU_PHONE, null, "en", "sms", now);
        contact(c, data, ids.paul(), ids.patient(), "Paul Durand", "+33698765432", null, "fr", "none", now);
        wards.save(c, ids.ward(), WardSettings.defaults(PARIS), "test");
        return ids;
    }

    static void contact(Connection c, PersonalData data, String id, String patientId, String name, String phone,
                        String email, String language, String channel, long now) throws SQLException {
        SealedRows.contact(c, data, id, patientId, name, now);
        try (PreparedStatement ps = c.prepareStatement("UPDATE family_contact SET phone = ?, email = ?, language = ?,"
                + " channel = ? WHERE id = ?")) {
            ps.setString(1, data.sealNullable(SealedColumns.CONTACT_PHONE, id, phone));
            ps.setString(2, data.sealNullable(SealedColumns.CONTACT_EMAIL, id, email));
            ps.setString(3, language);
            ps.setString(4, channel);
            ps.setString(5, id);
            ps.executeUpdate();
        }
    }
}
