package org.lucarne.signaling.demo;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import org.lucarne.signaling.audit.AuditAction;
import org.lucarne.signaling.audit.AuditEvent;
import org.lucarne.signaling.audit.AuditOutcome;
import org.lucarne.signaling.audit.AuditTrail;
import org.lucarne.signaling.invite.Invite;
import org.lucarne.signaling.invite.Invites;
import org.lucarne.signaling.personal.PersonalData;
import org.lucarne.signaling.personal.SealedColumns;
import org.lucarne.signaling.storage.Database;
import org.lucarne.signaling.visit.NewVisit;
import org.lucarne.signaling.visit.Visit;
import org.lucarne.signaling.visit.VisitEndReason;
import org.lucarne.signaling.visit.VisitException;
import org.lucarne.signaling.visit.Visits;
import org.lucarne.signaling.ward.WardSettingsStore;

/**
 * Demo content: one ward (with its settings), bed, patient (language, hospital identifier), bedside
 * tablet and family contact (relationship, phone, e-mail address, reached by e-mail), every personal
 * value sealed (docs/security.md, "Personal data at rest"), created once under fixed ids (a second run
 * reuses them, even from two nodes at once, and keeps what staff changed since), and on every run
 * a new visit on the demo tablet from now for {@value #SLOT_HOURS} hours, with a new invite
 * for the family contact valid for the same window.
 *
 * <p>The visit is booked through {@link Visits}, the code path scheduled visits use. The demo
 * tablet is the demo's own: each run ends (reason {@code cancelled}) the tablet's open visits
 * that overlap the new slot, in the same transaction as it books the new one, so restarts never
 * leave two overlapping visits and an older family link gets {@code visit_ended}.
 */
public final class DemoData {

    static final String WARD_ID = "demo-ward-4";
    static final String BED_ID = "demo-bed-12";
    static final String PATIENT_ID = "demo-patient";
    static final String TABLET_ID = "demo-tablet-bed-12";
    static final String CONTACT_ID = "demo-contact";
    static final int SLOT_HOURS = 24;
    static final String LANGUAGE = "en";
    static final String HOSPITAL_ID = "DEMO-000012";
    static final String RELATIONSHIP = "Son";
    static final String PHONE = "+33600000000";
    static final String EMAIL = "jean.dupont@example.org";
    static final String OPENS = "08:00";
    static final String CLOSES = "22:00";

    private DemoData() {
    }

    /** {@link #seed(Database, PersonalData, Clock, ZoneId)} with the ward's hours in this machine's time zone. */
    public static DemoVisit seed(Database db, PersonalData personalData, Clock clock) {
        return seed(db, personalData, clock, ZoneId.systemDefault());
    }

    /**
     * Seeds the demo rows, every personal value sealed with {@code personalData}, gives the demo ward its
     * settings (visiting hours {@value #OPENS}–{@value #CLOSES} every day in {@code zone}, the hospital's)
     * unless it has some, and books the demo visit.
     */
    public static DemoVisit seed(Database db, PersonalData personalData, Clock clock, ZoneId zone) {
        long now = clock.millis();
        Names names = db.inTransaction(c -> {
            insertIfAbsent(c, "INSERT INTO ward (id, name) VALUES (?, ?)", WARD_ID,
                    "Ward 4 — Infectious diseases");
            insertIfAbsent(c, "INSERT INTO bed (id, ward_id, label) VALUES (?, ?, ?)", BED_ID, WARD_ID, "Bed 12");
            insertIfAbsent(c, "INSERT INTO patient (id, bed_id, display_name, language, hospital_id, hospital_id_index,"
                    + " admitted_at) VALUES (?, ?, ?, ?, ?, ?, ?)", PATIENT_ID, BED_ID,
                    personalData.seal(SealedColumns.PATIENT_NAME, PATIENT_ID, "Marie Dupont"), LANGUAGE,
                    personalData.seal(SealedColumns.PATIENT_HOSPITAL_ID, PATIENT_ID, HOSPITAL_ID),
                    personalData.index(SealedColumns.PATIENT_HOSPITAL_ID_INDEX, HOSPITAL_ID), now);
            insertIfAbsent(c, "INSERT INTO tablet (id, bed_id, label, enrolled_at) VALUES (?, ?, ?, ?)",
                    TABLET_ID, BED_ID, "Tablet bed 12", now);
            insertIfAbsent(c, "INSERT INTO family_contact (id, patient_id, display_name, created_at, relationship,"
                    + " phone, email, language, channel) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'email')", CONTACT_ID, PATIENT_ID,
                    personalData.seal(SealedColumns.CONTACT_NAME, CONTACT_ID, "Jean Dupont"), now,
                    personalData.seal(SealedColumns.CONTACT_RELATIONSHIP, CONTACT_ID, RELATIONSHIP),
                    personalData.seal(SealedColumns.CONTACT_PHONE, CONTACT_ID, PHONE),
                    personalData.seal(SealedColumns.CONTACT_EMAIL, CONTACT_ID, EMAIL), LANGUAGE);
            DemoDetails.fillIn(c, personalData, now);
            WardSettingsStore settings = new WardSettingsStore(db, clock, zone);
            if (settings.find(c, WARD_ID).isEmpty()) {
                settings.save(c, WARD_ID, DemoDetails.settings(zone), AuditEvent.SYSTEM);
            }
            return currentNames(c, personalData);
        });
        Instant from = Instant.ofEpochMilli(now);
        Duration length = Duration.ofHours(SLOT_HOURS);
        Visits visits = new Visits(db, clock);
        Visit visit;
        try {
            visit = visits.createReplacing(NewVisit.lasting(PATIENT_ID, TABLET_ID, from, length, false),
                    VisitEndReason.CANCELLED);
        } catch (VisitException e) {
            throw new IllegalStateException("cannot book the demo visit: " + e.getMessage()
                    + " (the demo expects its own rows as it created them; use a fresh data directory)", e);
        }
        Invite invite = new Invites(db, clock).create(CONTACT_ID, from, from.plus(length));
        visits.attachInvite(visit.id(), invite.id());
        return new DemoVisit(names.patient(), names.contact(), invite.id(), invite.secret(), TABLET_ID, PATIENT_ID,
                CONTACT_ID, names.ward(), names.bed(), invite.details().notBefore(), invite.details().notAfter(),
                visit.id(), visit.startsAt(), visit.endsAt());
    }

    /**
     * Records the demo's booking and its invite in the audit trail, as the system's (the demo books
     * without a member of staff). Ids only.
     */
    public static void record(AuditTrail audit, DemoVisit v) {
        audit.record(AuditEvent.of(AuditEvent.SYSTEM, AuditAction.VISIT_BOOKED, AuditOutcome.SUCCESS)
                .target("visit", v.visitId()).ward(WARD_ID).patient(v.patientId())
                .detail("source=demo tablet=" + v.tabletId() + " starts=" + v.visitStart() + " ends=" + v.visitEnd()));
        audit.record(AuditEvent.of(AuditEvent.SYSTEM, AuditAction.INVITE_ISSUED, AuditOutcome.SUCCESS)
                .target("invite", v.inviteId().hash()).ward(WARD_ID).patient(v.patientId())
                .detail("source=demo visit=" + v.visitId() + " contact=" + v.contactId()));
    }

    /** Staff may have renamed the demo rows since they were created: the database wins. */
    private static Names currentNames(Connection c, PersonalData personalData) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT w.name, b.label, p.display_name, f.display_name"
                + " FROM family_contact f JOIN patient p ON p.id = f.patient_id JOIN bed b ON b.id = p.bed_id"
                + " JOIN ward w ON w.id = b.ward_id WHERE f.id = ?")) {
            ps.setString(1, CONTACT_ID);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new IllegalStateException("demo rows vanished while being seeded");
                }
                return new Names(rs.getString(1), rs.getString(2),
                        personalData.open(SealedColumns.PATIENT_NAME, PATIENT_ID, rs.getString(3)),
                        personalData.open(SealedColumns.CONTACT_NAME, CONTACT_ID, rs.getString(4)));
            }
        }
    }

    /** {@code ON CONFLICT (id) DO NOTHING} is the same on SQLite (3.24+) and PostgreSQL (9.5+). */
    private static void insertIfAbsent(Connection c, String insert, Object... values) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(insert + " ON CONFLICT (id) DO NOTHING")) {
            for (int i = 0; i < values.length; i++) {
                ps.setObject(i + 1, values[i]);
            }
            ps.executeUpdate();
        }
    }

    private record Names(String ward, String bed, String patient, String contact) {
    }
}
