package org.lucarne.signaling.booking;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.lucarne.signaling.audit.AuditTrail;
import org.lucarne.signaling.invite.Invites;
import org.lucarne.signaling.personal.PersonalData;
import org.lucarne.signaling.storage.Database;
import org.lucarne.signaling.testing.SealedRows;
import org.lucarne.signaling.visit.LiveCalls;
import org.lucarne.signaling.visit.Visits;
import org.lucarne.signaling.ward.WardSettings;
import org.lucarne.signaling.ward.WardSettingsStore;

/**
 * Ward {@code w} in Europe/Paris, visits every day 10:00–20:00 of 15, 30, 45 or 60 minutes, 15 minutes
 * of cleaning, 3 visits a patient a day. Bed 1: patient-1, tablet-1 (and tablet-old, revoked); contacts
 * c1 (allowed), c1-no (not allowed), c1-gone (removed). Bed 2: patient-2, tablet-2, contact c2. Bed 3:
 * patient-3, no tablet.
 */
final class BookingFixture {
    static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private static final PersonalData KEYS = SealedRows.newKeys();

    private BookingFixture() {
    }

    static WardSettings settings() {
        Map<DayOfWeek, List<WardSettings.Span>> hours = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek d : DayOfWeek.values()) {
            hours.put(d, List.of(new WardSettings.Span(600, 1200)));
        }
        return new WardSettings(PARIS, hours, List.of(Duration.ofMinutes(15), Duration.ofMinutes(30),
                Duration.ofMinutes(45), Duration.ofMinutes(60)), Duration.ofMinutes(15), 3, List.of());
    }

    static void seed(Database db, Clock clock) {
        db.inTransaction(c -> {
            try (Statement st = c.createStatement()) {
                st.executeUpdate("INSERT INTO ward (id, name) VALUES ('w', 'Ward')");
                for (int bed = 1; bed <= 3; bed++) {
                    st.executeUpdate("INSERT INTO bed (id, ward_id, label) VALUES ('bed-" + bed + "', 'w', 'Bed " + bed
                            + "')");
                    SealedRows.patient(c, KEYS, "patient-" + bed, "bed-" + bed, "P" + bed);
                }
                st.executeUpdate("INSERT INTO tablet (id, bed_id, label, enrolled_at) VALUES ('tablet-1', 'bed-1', 'T1', 0)");
                st.executeUpdate("INSERT INTO tablet (id, bed_id, label, enrolled_at) VALUES ('tablet-2', 'bed-2', 'T2', 0)");
                st.executeUpdate("INSERT INTO tablet (id, bed_id, label, enrolled_at, revoked_at)"
                        + " VALUES ('tablet-old', 'bed-1', 'Old', 1, 1)");
                SealedRows.contact(c, KEYS, "c1", "patient-1", "C1", 0);
                SealedRows.contact(c, KEYS, "c1-no", "patient-1", "C1 no", 0);
                SealedRows.contact(c, KEYS, "c1-gone", "patient-1", "C1 gone", 0);
                SealedRows.contact(c, KEYS, "c2", "patient-2", "C2", 0);
                st.executeUpdate("UPDATE family_contact SET allowed = FALSE WHERE id = 'c1-no'");
                st.executeUpdate("UPDATE family_contact SET removed_at = 5 WHERE id = 'c1-gone'");
            }
            new WardSettingsStore(db, clock, PARIS).save(c, "w", settings(), "staff:fixture");
            return null;
        });
    }

    static Bookings bookings(Database db, Clock clock) {
        Visits visits = new Visits(db, clock);
        AuditTrail audit = new AuditTrail(db, clock);
        return new Bookings(db, visits, new WardSettingsStore(db, clock, PARIS),
                new LinkInvitations(new Invites(db, clock), visits, audit), audit, LiveCalls.NONE, clock);
    }

    static long count(Database db, String sql, String... params) {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                for (int i = 0; i < params.length; i++) {
                    ps.setString(i + 1, params[i]);
                }
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }

    static void exec(Database db, String sql) {
        db.inTransaction(c -> {
            try (Statement st = c.createStatement()) {
                return st.executeUpdate(sql);
            }
        });
    }
}
