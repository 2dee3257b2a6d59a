package org.lucarne.signaling.demo;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.ZoneId;
import java.util.List;
import org.lucarne.signaling.audit.AuditEvent;
import org.lucarne.signaling.audit.AuditTrail;
import org.lucarne.signaling.booking.BookingRefused;
import org.lucarne.signaling.booking.Bookings;
import org.lucarne.signaling.booking.LinkInvitations;
import org.lucarne.signaling.invite.Invite;
import org.lucarne.signaling.invite.Invites;
import org.lucarne.signaling.personal.PersonalData;
import org.lucarne.signaling.personal.SealedColumns;
import org.lucarne.signaling.storage.Database;
import org.lucarne.signaling.visit.LiveCalls;
import org.lucarne.signaling.visit.Visit;
import org.lucarne.signaling.visit.VisitException;
import org.lucarne.signaling.visit.Visits;
import org.lucarne.signaling.ward.WardSettingsStore;

/**
 * Demo content: one ward, bed, patient, bedside tablet and family contact (their names sealed,
 * as every name is: docs/security.md, "Personal data at rest"), created once
 * under fixed ids (a second run reuses them, even from two nodes at once), and on every run
 * a new visit on the demo tablet with a new invite for the family contact, valid for the visit's slot.
 *
 * <p>The visit is booked through {@link Bookings}, by the ward's rules, as staff book: the soonest the
 * rules allow, from now for the longest length that fits in the visiting hours, or else the next free
 * slot. Each run cancels the demo tablet's visits that an earlier run booked and that are not over, in
 * the same transaction as it books the new one, so restarts never leave two demo visits and an older
 * family link gets {@code visit_ended}; visits staff booked on the demo tablet stay, and the demo's is
 * booked around them. The booking and its invite are audited as the system's.
 */
public final class DemoData {

    static final String WARD_ID = "demo-ward-4";
    static final String BED_ID = "demo-bed-12";
    static final String PATIENT_ID = "demo-patient";
    static final String TABLET_ID = "demo-tablet-bed-12";
    static final String CONTACT_ID = "demo-contact";

    private DemoData() {
    }

    /** {@link #seed(Database, PersonalData, Clock, ZoneId)} in this machine's time zone, the default {@code time.zone}. */
    public static DemoVisit seed(Database db, PersonalData personalData, Clock clock) {
        return seed(db, personalData, clock, ZoneId.systemDefault());
    }

    /**
     * Seeds the demo rows, the names sealed with {@code personalData}, and books the demo visit.
     *
     * @param hospitalZone the hospital's time zone ({@code time.zone}): the demo ward's, unless its settings say otherwise
     * @throws IllegalStateException naming what is wrong when the demo visit cannot be booked
     */
    public static DemoVisit seed(Database db, PersonalData personalData, Clock clock, ZoneId hospitalZone) {
        Names names = seedRows(db, personalData, clock);
        Visits visits = new Visits(db, clock);
        AuditTrail audit = new AuditTrail(db, clock);
        Bookings bookings = new Bookings(db, visits, new WardSettingsStore(db, clock, hospitalZone),
                new LinkInvitations(new Invites(db, clock), visits, audit), audit, LiveCalls.NONE, clock);
        Bookings.Booked booked;
        try {
            booked = bookings.bookSoonestReplacing(PATIENT_ID, TABLET_ID, List.of(CONTACT_ID), AuditEvent.SYSTEM);
        } catch (BookingRefused | VisitException e) {
            throw new IllegalStateException("cannot book the demo visit: " + e.getMessage()
                    + " (the demo expects its own rows as it created them; use a fresh data directory)", e);
        }
        Visit visit = booked.visit();
        Invite invite = booked.invites().get(0);
        return new DemoVisit(names.patient(), names.contact(), invite.id(), invite.secret(), TABLET_ID, PATIENT_ID,
                CONTACT_ID, names.ward(), names.bed(), invite.details().notBefore(), invite.details().notAfter(),
                visit.id(), visit.startsAt(), visit.endsAt());
    }

    /** The demo's ward, bed, patient, tablet and contact, created if absent; their names as stored now. */
    static Names seedRows(Database db, PersonalData personalData, Clock clock) {
        long now = clock.millis();
        return db.inTransaction(c -> {
            insertIfAbsent(c, "INSERT INTO ward (id, name) VALUES (?, ?)", WARD_ID,
                    "Ward 4 — Infectious diseases");
            insertIfAbsent(c, "INSERT INTO bed (id, ward_id, label) VALUES (?, ?, ?)", BED_ID, WARD_ID, "Bed 12");
            insertIfAbsent(c, "INSERT INTO patient (id, bed_id, display_name) VALUES (?, ?, ?)",
                    PATIENT_ID, BED_ID, personalData.seal(SealedColumns.PATIENT_NAME, PATIENT_ID, "Marie Dupont"));
            insertIfAbsent(c, "INSERT INTO tablet (id, bed_id, label, enrolled_at) VALUES (?, ?, ?, ?)",
                    TABLET_ID, BED_ID, "Tablet bed 12", now);
            insertIfAbsent(c, "INSERT INTO family_contact (id, patient_id, display_name, created_at)"
                    + " VALUES (?, ?, ?, ?)", CONTACT_ID, PATIENT_ID,
                    personalData.seal(SealedColumns.CONTACT_NAME, CONTACT_ID, "Jean Dupont"), now);
            return currentNames(c, personalData);
        });
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

    record Names(String ward, String bed, String patient, String contact) {
    }
}
