package org.lucarne.signaling.demo;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.lucarne.signaling.personal.PersonalData;
import org.lucarne.signaling.personal.SealedColumns;
import org.lucarne.signaling.ward.WardSettings;

/**
 * What the demo's rows hold beyond their names, and the demo ward's settings. Rows an older Lucarne
 * seeded lack the details; they are filled in once, recognised by what no change through the console
 * leaves: a patient without an admission time, a contact reached by e-mail without an address.
 */
final class DemoDetails {
    private DemoDetails() {
    }

    /** Visiting hours {@link DemoData#OPENS}–{@link DemoData#CLOSES} every day, the rest as the defaults. */
    static WardSettings settings(ZoneId zone) {
        WardSettings d = WardSettings.defaults(zone);
        int opens = LocalTime.parse(DemoData.OPENS).toSecondOfDay() / 60;
        int closes = LocalTime.parse(DemoData.CLOSES).toSecondOfDay() / 60;
        Map<DayOfWeek, List<WardSettings.Span>> hours = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek day : DayOfWeek.values()) {
            hours.put(day, List.of(new WardSettings.Span(opens, closes)));
        }
        return new WardSettings(zone, hours, d.visitLengths(), d.cleaningBuffer(), d.dailyCap(), d.reminders());
    }

    /** Fills in the details of demo rows seeded before Lucarne had them. */
    static void fillIn(Connection c, PersonalData personal, long now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE patient SET language = ?, hospital_id = ?,"
                + " hospital_id_index = ?, admitted_at = ? WHERE id = ? AND admitted_at IS NULL AND hospital_id IS NULL")) {
            ps.setString(1, DemoData.LANGUAGE);
            ps.setString(2, personal.seal(SealedColumns.PATIENT_HOSPITAL_ID, DemoData.PATIENT_ID, DemoData.HOSPITAL_ID));
            ps.setString(3, personal.index(SealedColumns.PATIENT_HOSPITAL_ID_INDEX, DemoData.HOSPITAL_ID));
            ps.setLong(4, now);
            ps.setString(5, DemoData.PATIENT_ID);
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("UPDATE family_contact SET relationship = ?, phone = ?, email = ?,"
                + " language = ? WHERE id = ? AND channel = 'email' AND email IS NULL AND phone IS NULL"
                + " AND relationship IS NULL AND removed_at IS NULL")) {
            ps.setString(1, personal.seal(SealedColumns.CONTACT_RELATIONSHIP, DemoData.CONTACT_ID, DemoData.RELATIONSHIP));
            ps.setString(2, personal.seal(SealedColumns.CONTACT_PHONE, DemoData.CONTACT_ID, DemoData.PHONE));
            ps.setString(3, personal.seal(SealedColumns.CONTACT_EMAIL, DemoData.CONTACT_ID, DemoData.EMAIL));
            ps.setString(4, DemoData.LANGUAGE);
            ps.setString(5, DemoData.CONTACT_ID);
            ps.executeUpdate();
        }
    }
}
