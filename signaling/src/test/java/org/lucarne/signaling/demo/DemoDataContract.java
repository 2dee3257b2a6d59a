package org.lucarne.signaling.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.ResultSet;
import java.sql.Statement;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.lucarne.signaling.audit.AuditTrail;
import org.lucarne.signaling.contact.Channel;
import org.lucarne.signaling.contact.ContactDetails;
import org.lucarne.signaling.contact.Contacts;
import org.lucarne.signaling.patient.PatientRow;
import org.lucarne.signaling.patient.Patients;
import org.lucarne.signaling.ward.Language;
import org.lucarne.signaling.ward.WardSettings;
import org.lucarne.signaling.ward.WardSettingsStore;
import org.lucarne.signaling.invite.InviteRecord;
import org.lucarne.signaling.invite.Invites;
import org.lucarne.signaling.personal.PersonalData;
import org.lucarne.signaling.personal.SealedColumns;
import org.lucarne.signaling.testing.AuditRows;
import org.lucarne.signaling.testing.SealedRows;
import org.lucarne.signaling.storage.StorageContract;
import org.lucarne.signaling.visit.JoinDecision;
import org.lucarne.signaling.visit.JoinRules;
import org.lucarne.signaling.visit.NewVisit;
import org.lucarne.signaling.visit.Visit;
import org.lucarne.signaling.visit.VisitEndReason;
import org.lucarne.signaling.visit.Visits;
import org.lucarne.signaling.ward.WardSettings;
import org.lucarne.signaling.ward.WardSettingsStore;
import org.lucarne.signaling.ws.protocol.ErrorCode;
import org.lucarne.testing.ManualClock;

/** What {@link DemoData} promises on every dialect. */
abstract class DemoDataContract extends StorageContract {
    /** Sunday 1 March 2026, 11:00 in Paris: inside the default visiting hours (10:00–20:00). */
    static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
    static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    static final Duration HOUR = Duration.ofHours(1);

    private final ManualClock clock = new ManualClock(NOW);
    private final PersonalData keys = SealedRows.newKeys();

    private DemoVisit seed() {
        return DemoData.seed(db, keys, clock, PARIS);
    }

    @Test
    void seedCreatesTheDemoVisit() {
        DemoVisit visit = seed();
        assertEquals("Marie Dupont", visit.patientName());
        assertEquals("Jean Dupont", visit.contactName());
        assertEquals("Ward 4 — Infectious diseases", visit.wardName());
        assertEquals("Bed 12", visit.bedLabel());
        assertEquals(DemoData.TABLET_ID, visit.tabletId());
        assertEquals(1, count("SELECT count(*) FROM tablet WHERE bed_id = '" + DemoData.BED_ID + "'"));
    }

    @Test
    void seedStoresTheNamesSealedForTheirRows() {
        seed();
        String patient = stored("SELECT display_name FROM patient WHERE id = '" + DemoData.PATIENT_ID + "'");
        String contact = stored("SELECT display_name FROM family_contact WHERE id = '" + DemoData.CONTACT_ID + "'");
        assertTrue(PersonalData.isSealed(patient), patient);
        assertTrue(PersonalData.isSealed(contact), contact);
        assertEquals("Marie Dupont", keys.open(SealedColumns.PATIENT_NAME, DemoData.PATIENT_ID, patient));
        assertEquals("Jean Dupont", keys.open(SealedColumns.CONTACT_NAME, DemoData.CONTACT_ID, contact));
    }

    @Test
    void theDemosBookingAndInviteAreRecordedByIdsOnly() {
        AuditRows rows = new AuditRows(db);
        DemoVisit visit = seed();
        List<AuditRows.Row> entries = rows.since();
        assertEquals(List.of("visit.booked", "invite.issued"), entries.stream().map(AuditRows.Row::action).toList());
        assertEquals("visit:" + visit.visitId(), entries.get(0).target());
        assertEquals("invite:" + visit.inviteId().hash(), entries.get(1).target());
        for (AuditRows.Row r : entries) {
            assertEquals("system", r.actor());
            assertEquals(DemoData.WARD_ID, r.ward());
            assertEquals(DemoData.PATIENT_ID, r.patient());
            assertFalse(r.detail().contains("Dupont"), r.detail());
        }
    }

    @Test
    void seededInviteIsActiveForTheVisitsSlot() {
        DemoVisit visit = seed();
        assertEquals(NOW, visit.notBefore());
        assertEquals(NOW.plus(HOUR), visit.notAfter());
        Invites invites = new Invites(db, clock);
        InviteRecord active = invites.findActive(visit.inviteId()).orElseThrow();
        assertEquals(visit.patientId(), active.patientId());
        assertEquals(visit.contactId(), active.contactId());
        clock.set(NOW.plus(HOUR));
        assertTrue(invites.findActive(visit.inviteId()).isEmpty());
    }

    @Test
    void seedIsIdempotentButIssuesAFreshInviteEachTime() {
        DemoVisit first = seed();
        clock.advance(Duration.ofMinutes(5));
        DemoVisit second = seed();
        assertEquals(1, count("SELECT count(*) FROM ward"));
        assertEquals(1, count("SELECT count(*) FROM bed"));
        assertEquals(1, count("SELECT count(*) FROM patient"));
        assertEquals(1, count("SELECT count(*) FROM tablet"));
        assertEquals(1, count("SELECT count(*) FROM family_contact"));
        assertEquals(2, count("SELECT count(*) FROM invite"));
        assertEquals(first.patientId(), second.patientId());
        assertNotEquals(first.inviteId(), second.inviteId());
        assertNotEquals(first.secret().value(), second.secret().value());
    }

    @Test
    void seedKeepsNamesStaffChanged() {
        seed();
        db.inTransaction(c -> {
            SealedRows.renamePatient(c, keys, DemoData.PATIENT_ID, "Marie Dupont-Martin");
            return null;
        });
        assertEquals("Marie Dupont-Martin", seed().patientName());
    }

    @Test
    void familyLinkCarriesIdInPathAndSecretInFragment() {
        DemoVisit visit = seed();
        String link = visit.familyLink("https://localhost:8443");
        assertEquals("https://localhost:8443/v/" + visit.inviteId().value() + "#" + visit.secret().value(), link);
        assertFalse(visit.toString().contains(visit.inviteId().value()), visit.toString());
        assertFalse(visit.toString().contains(visit.secret().value()), visit.toString());
    }

    @Test
    void seedBooksFromNowForTheLongestLengthTheWardAllows() {
        DemoVisit demo = seed();
        Visit visit = new Visits(db, clock).find(demo.visitId()).orElseThrow();
        assertEquals(DemoData.PATIENT_ID, visit.patientId());
        assertEquals(DemoData.TABLET_ID, visit.tabletId());
        assertEquals(NOW, visit.startsAt());
        assertEquals(NOW.plus(HOUR), visit.endsAt(), "60 minutes, the longest of the default lengths");
        assertEquals(visit.startsAt(), demo.visitStart());
        assertEquals(visit.endsAt(), demo.visitEnd());
        assertEquals(Optional.of(visit), new Visits(db, clock).currentOnTablet(DemoData.TABLET_ID, NOW));
    }

    @Test
    void nearTheEndOfVisitingHoursTheDemoTakesTheLongestLengthThatStillFits() {
        clock.set(ZonedDateTime.of(2026, 3, 1, 21, 20, 0, 0, PARIS).toInstant());
        DemoVisit demo = seed();
        assertEquals(clock.instant(), demo.visitStart());
        assertEquals(Duration.ofMinutes(30), Duration.between(demo.visitStart(), demo.visitEnd()),
                "21:20 to 21:50: 45 minutes would end after the demo ward's 22:00");
    }

    @Test
    void outsideVisitingHoursTheDemoBooksTheNextFreeSlot() {
        clock.set(ZonedDateTime.of(2026, 3, 1, 22, 7, 0, 0, PARIS).toInstant());
        DemoVisit demo = seed();
        assertEquals(ZonedDateTime.of(2026, 3, 2, 8, 0, 0, 0, PARIS).toInstant(), demo.visitStart(),
                "the next morning's opening, 08:00 in the demo ward");
        assertEquals(demo.visitStart().plus(HOUR), demo.visitEnd());
        assertEquals(demo.visitStart(), demo.notBefore(), "the link opens with the visit");
    }

    @Test
    void theDemoFollowsTheDemoWardsOwnSettings() {
        DemoData.seedRows(db, keys, clock, java.time.ZoneId.systemDefault());
        WardSettings s = new WardSettings(PARIS, Map.of(DayOfWeek.SUNDAY, List.of(new WardSettings.Span(9 * 60, 12 * 60))),
                List.of(Duration.ofMinutes(20), Duration.ofMinutes(40)), Duration.ofMinutes(10), 2, List.of());
        db.inTransaction(c -> {
            new WardSettingsStore(db, clock, PARIS).save(c, DemoData.WARD_ID, s, "staff:test");
            return null;
        });
        DemoVisit demo = seed();
        assertEquals(NOW, demo.visitStart());
        assertEquals(NOW.plus(Duration.ofMinutes(40)), demo.visitEnd());
        clock.set(NOW.plus(HOUR)); // 12:00: the ward's hours are over until next Sunday
        DemoVisit next = seed();
        assertEquals(ZonedDateTime.of(2026, 3, 8, 9, 0, 0, 0, PARIS).toInstant(), next.visitStart());
    }

    @Test
    void demoFamilyLinkAdmitsToTheDemoVisitOnly() {
        DemoVisit demo = seed();
        JoinRules rules = new JoinRules(db, clock);
        JoinDecision.Admitted in = assertInstanceOf(JoinDecision.Admitted.class,
                rules.family(demo.inviteId().value()));
        assertEquals(demo.visitId(), in.visit().id());
        assertEquals(Optional.of(DemoData.CONTACT_ID), in.contactId());
        assertEquals(ErrorCode.WRONG_VISIT, assertInstanceOf(JoinDecision.Refused.class,
                rules.family(demo.inviteId().value(), "another-visit")).code());
        assertTrue(rules.kiosk(DemoData.TABLET_ID, demo.visitId()).admitted());
    }

    @Test
    void restartReplacesThePreviousDemoVisitInsteadOfOverlappingIt() {
        DemoVisit first = seed();
        clock.advance(Duration.ofMinutes(5));
        DemoVisit second = seed();
        assertNotEquals(first.visitId(), second.visitId());
        Visits visits = new Visits(db, clock);
        Visit replaced = visits.find(first.visitId()).orElseThrow();
        assertEquals(Optional.of(VisitEndReason.CANCELLED), replaced.endReason());
        assertEquals(second.visitId(), visits.currentOnTablet(DemoData.TABLET_ID, clock.instant()).orElseThrow().id());
        assertEquals(1, count("SELECT count(*) FROM visit WHERE ended_at IS NULL"));
        JoinRules rules = new JoinRules(db, clock);
        assertEquals(ErrorCode.VISIT_ENDED, assertInstanceOf(JoinDecision.Refused.class,
                rules.family(first.inviteId().value())).code());
        assertTrue(rules.family(second.inviteId().value()).admitted());
    }

    @Test
    void aRestartKeepsTheVisitsStaffBookedOnTheDemoTabletAndBooksAroundThem() {
        DemoVisit first = seed();
        Visits visits = new Visits(db, clock);
        visits.end(first.visitId(), VisitEndReason.CANCELLED);
        Visit staffs = db.inTransaction(c -> visits.create(c, new NewVisit(DemoData.PATIENT_ID, DemoData.TABLET_ID,
                NOW.plus(Duration.ofMinutes(45)), NOW.plus(HOUR), false), "staff:nurse"));
        clock.advance(Duration.ofMinutes(5));
        DemoVisit second = seed();
        assertTrue(visits.find(staffs.id()).orElseThrow().endedAt().isEmpty(), "the nurse's visit stays");
        assertEquals(NOW.plus(Duration.ofMinutes(5)), second.visitStart(), "from now, as long as fits before it");
        assertEquals(Duration.ofMinutes(15), Duration.between(second.visitStart(), second.visitEnd()),
                "11:05 to 11:20, and 15 minutes of cleaning before the nurse's visit at 11:45: 30 minutes would not fit");
    }

    @Test
    void seedAfterTheDemoTabletWasRevokedSaysWhatIsWrong() {
        seed();
        db.inTransaction(c -> {
            try (Statement st = c.createStatement()) {
                return st.executeUpdate("UPDATE tablet SET revoked_at = enrolled_at");
            }
        });
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> seed());
        assertTrue(e.getMessage().startsWith("cannot book the demo visit: tablet " + DemoData.TABLET_ID
                + " is revoked"), e.getMessage());
    }

    @Test
    void theDemoHasItsDetailsSealedAndAWardOpenFromEightToTen() {
        ZoneId paris = ZoneId.of("Europe/Paris");
        DemoData.seed(db, keys, clock, paris);
        Patients patients = new Patients(keys, clock, new java.security.SecureRandom());
        PatientRow p = db.inTransaction(c -> patients.rows().find(c, DemoData.PATIENT_ID)).orElseThrow();
        assertEquals(Language.EN, p.language());
        assertEquals(Optional.of("DEMO-000012"), p.hospitalId());
        assertEquals(Optional.of(NOW), p.admittedAt());
        assertEquals(Optional.of(DemoData.PATIENT_ID), db.inTransaction(c -> patients.rows().byHospitalId(c,
                DemoData.WARD_ID, "DEMO-000012")));
        ContactDetails contact = db.inTransaction(c -> new Contacts(keys, clock, new java.security.SecureRandom())
                .find(c, DemoData.CONTACT_ID)).orElseThrow().details().orElseThrow();
        assertEquals(new ContactDetails("Jean Dupont", Optional.of("Son"), Optional.of("+33600000000"),
                Optional.of("jean.dupont@example.org"), Language.EN, Channel.EMAIL, true), contact);
        assertTrue(PersonalData.isSealed(stored("SELECT email FROM family_contact WHERE id = '" + DemoData.CONTACT_ID
                + "'")));
        WardSettings settings = new WardSettingsStore(db, clock, ZoneId.of("UTC")).of(DemoData.WARD_ID);
        assertEquals(paris, settings.timeZone());
        for (DayOfWeek d : DayOfWeek.values()) {
            assertEquals(List.of(new WardSettings.Span(8 * 60, 22 * 60)), settings.spans(d), d.toString());
        }
        assertEquals(WardSettings.defaults(paris).visitLengths(), settings.visitLengths());
    }

    @Test
    void seedKeepsTheSettingsStaffChangedAndFillsInRowsAnOlderLucarneMade() {
        DemoData.seed(db, keys, clock);
        WardSettingsStore store = new WardSettingsStore(db, clock, ZoneId.of("UTC"));
        WardSettings changed = WardSettings.defaults(ZoneId.of("UTC"));
        db.inTransaction(c -> {
            store.save(c, DemoData.WARD_ID, changed, "staff:someone");
            try (Statement st = c.createStatement()) {
                st.executeUpdate("UPDATE patient SET hospital_id = NULL, hospital_id_index = NULL, admitted_at = NULL");
                st.executeUpdate("UPDATE family_contact SET relationship = NULL, phone = NULL, email = NULL");
            }
            return null;
        });
        DemoData.seed(db, keys, clock);
        assertEquals(changed, store.of(DemoData.WARD_ID), "the ward's own settings stay");
        assertEquals(1, count("SELECT count(*) FROM patient WHERE hospital_id IS NOT NULL AND admitted_at IS NOT NULL"));
        assertEquals(1, count("SELECT count(*) FROM family_contact WHERE email IS NOT NULL AND phone IS NOT NULL"));
        db.inTransaction(c -> {
            try (Statement st = c.createStatement()) {
                return st.executeUpdate("UPDATE family_contact SET email = NULL, channel = 'sms'");
            }
        });
        DemoData.seed(db, keys, clock);
        assertEquals(0, count("SELECT count(*) FROM family_contact WHERE email IS NOT NULL"),
                "an address staff removed stays removed");
    }

    private String stored(String sql) {
        return db.inTransaction(c -> {
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
                rs.next();
                return rs.getString(1);
            }
        });
    }

    private long count(String sql) {
        return db.inTransaction(c -> {
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }
}
