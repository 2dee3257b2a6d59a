package org.lucarne.signaling.patient;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lucarne.signaling.api.ApiException;
import org.lucarne.signaling.personal.PersonalData;
import org.lucarne.signaling.personal.SealedColumns;
import org.lucarne.signaling.storage.Dialect;
import org.lucarne.signaling.storage.StorageContract;
import org.lucarne.signaling.storage.SqlWork;
import org.lucarne.signaling.testing.AtRest;
import org.lucarne.signaling.testing.SealedRows;
import org.lucarne.signaling.visit.NewVisit;
import org.lucarne.signaling.visit.Visit;
import org.lucarne.signaling.visit.Visits;
import org.lucarne.signaling.ward.Language;
import org.lucarne.testing.ManualClock;

/**
 * Patients admitted, moved, changed, consenting and discharged, on every dialect: the ward's rules (a
 * bed holds one admitted patient, a hospital identifier names one admitted patient of the ward) and
 * nothing personal stored in the clear.
 */
abstract class PatientsContract extends StorageContract {
    static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
    static final Ins INS = Ins.parse("292012A00123463", "1.2.250.1.213.1.4.8");
    static final String NAME = "Élodie Ngọc Trâm";
    static final String HOSPITAL_ID = "IPP-00042-Ø";

    private final ManualClock clock = new ManualClock(NOW);
    private final PersonalData keys = SealedRows.newKeys();
    private Patients patients;

    @BeforeEach
    void twoWards() {
        patients = new Patients(keys, clock, new SecureRandom());
        db.inTransaction(c -> {
            try (Statement st = c.createStatement()) {
                st.executeUpdate("INSERT INTO ward (id, name) VALUES ('w1', 'Ward 1'), ('w2', 'Ward 2')");
                st.executeUpdate("INSERT INTO bed (id, ward_id, label) VALUES ('b1', 'w1', 'Bed 1'),"
                        + " ('b2', 'w1', 'Bed 2'), ('b3', 'w2', 'Bed 1')");
                st.executeUpdate("INSERT INTO tablet (id, bed_id, label, enrolled_at) VALUES ('t1', 'b1', 'T1', 0)");
            }
            return null;
        });
    }

    private <T> T tx(SqlWork<T> work) {
        return db.inTransaction(work);
    }

    private String admit(String ward, String bed, String name, Optional<String> hospitalId) {
        return tx(c -> patients.admit(c, ward, new Patients.NewPatient(name, bed, Language.EN, Optional.of(INS),
                hospitalId)));
    }

    @Test
    void anAdmittedPatientIsStoredSealedAndReadBackWhole() {
        String id = admit("w1", "b1", NAME, Optional.of(HOSPITAL_ID));
        PatientRow p = tx(c -> patients.rows().find(c, id)).orElseThrow();
        assertEquals(NAME, p.name());
        assertEquals("w1", p.wardId());
        assertEquals("b1", p.bedId());
        assertEquals("Bed 1", p.bedLabel());
        assertEquals(Language.EN, p.language());
        assertEquals(Optional.of(INS), p.ins());
        assertEquals(Optional.of(HOSPITAL_ID), p.hospitalId());
        assertFalse(p.autoAnswer());
        assertEquals(Optional.of(NOW), p.admittedAt());
        assertTrue(p.admitted());
        for (String column : List.of("display_name", "ins", "hospital_id")) {
            String stored = stored("SELECT " + column + " FROM patient WHERE id = ?", id);
            assertTrue(PersonalData.isSealed(stored), column + ": " + stored);
        }
        assertEquals(keys.index(SealedColumns.PATIENT_HOSPITAL_ID_INDEX, HOSPITAL_ID),
                stored("SELECT hospital_id_index FROM patient WHERE id = ?", id));
        assertEquals(List.of(id), tx(c -> patients.rows().admitted(c, "w1")).stream().map(PatientRow::id).toList());
        assertEquals(List.of(), tx(c -> patients.rows().admitted(c, "w2")));
    }

    @Test
    void aBedHoldsOneAdmittedPatientAtATime() {
        String first = admit("w1", "b1", "First", Optional.empty());
        ApiException taken = assertThrows(ApiException.class, () -> admit("w1", "b1", "Second", Optional.empty()));
        assertEquals(409, taken.status());
        assertEquals("bed", taken.field());
        assertTrue(taken.getMessage().contains("Bed 1"), taken.getMessage());
        String second = admit("w1", "b2", "Second", Optional.empty());
        ApiException move = assertThrows(ApiException.class, () -> tx(c -> patients.change(c, "w1", second,
                changes(Optional.empty(), Optional.of("b1")))));
        assertEquals("bed", move.field());
        tx(c -> {
            patients.discharge(c, "w1", first);
            return null;
        });
        assertEquals(List.of("bed"), tx(c -> patients.change(c, "w1", second, changes(Optional.empty(), Optional.of("b1")))));
        assertEquals(List.of(new PatientRows.Bed("b1", "Bed 1", Optional.of(second)),
                new PatientRows.Bed("b2", "Bed 2", Optional.empty())), tx(c -> patients.rows().beds(c, "w1")));
        assertEquals(Optional.of("b2"), tx(c -> patients.rows().bed(c, "w1", " bed 2 ")).map(PatientRows.Bed::id),
                "a bed by its label, in any case");
        assertEquals(Optional.empty(), tx(c -> patients.rows().bed(c, "w1", "b3")), "not another ward's bed");
    }

    @Test
    void aHospitalIdentifierNamesOneAdmittedPatientOfTheWard() {
        String first = admit("w1", "b1", "First", Optional.of(HOSPITAL_ID));
        assertEquals(Optional.of(first), tx(c -> patients.rows().byHospitalId(c, "w1", HOSPITAL_ID)));
        assertEquals(Optional.empty(), tx(c -> patients.rows().byHospitalId(c, "w2", HOSPITAL_ID)));
        ApiException twice = assertThrows(ApiException.class, () -> admit("w1", "b2", "Other", Optional.of(HOSPITAL_ID)));
        assertEquals(409, twice.status());
        assertEquals("hospitalId", twice.field());
        String elsewhere = admit("w2", "b3", "Elsewhere", Optional.of(HOSPITAL_ID));
        assertEquals(Optional.of(elsewhere), tx(c -> patients.rows().byHospitalId(c, "w2", HOSPITAL_ID)));
        tx(c -> {
            patients.discharge(c, "w1", first);
            return null;
        });
        assertEquals(Optional.empty(), tx(c -> patients.rows().byHospitalId(c, "w1", HOSPITAL_ID)), "discharged");
        String again = admit("w1", "b2", "First again", Optional.of(HOSPITAL_ID));
        assertEquals(Optional.of(again), tx(c -> patients.rows().byHospitalId(c, "w1", HOSPITAL_ID)));
    }

    @Test
    void aChangeSaysWhatChangedAndClearingAnIdentifierClearsItsIndex() {
        String id = admit("w1", "b1", NAME, Optional.of(HOSPITAL_ID));
        Patients.Changes ch = new Patients.Changes(Optional.of("New Name"), Optional.of("b1"), Optional.of(Language.FR),
                Optional.of(Optional.empty()), Optional.of(Optional.empty()));
        assertEquals(List.of("name", "language", "ins", "hospital_id"), tx(c -> patients.change(c, "w1", id, ch)));
        PatientRow p = tx(c -> patients.rows().find(c, id)).orElseThrow();
        assertEquals("New Name", p.name());
        assertEquals(Language.FR, p.language());
        assertEquals(Optional.empty(), p.ins());
        assertEquals(Optional.empty(), p.hospitalId());
        assertEquals(null, stored("SELECT hospital_id_index FROM patient WHERE id = ?", id));
        assertEquals(List.of(), tx(c -> patients.change(c, "w1", id, ch)), "the same again changes nothing");
    }

    @Test
    void consentIsRecordedWithWhoAndWhenAndTheVisitsToComeFollowIt() {
        String id = admit("w1", "b1", NAME, Optional.empty());
        Visits visits = new Visits(db, clock);
        Visit past = visits.create(NewVisit.lasting(id, "t1", NOW, Duration.ofMinutes(30), false));
        Visit future = visits.create(NewVisit.lasting(id, "t1", NOW.plus(Duration.ofHours(2)), Duration.ofMinutes(30),
                false));
        clock.advance(Duration.ofHours(1));
        assertEquals(Integer.valueOf(1), tx(c -> patients.recordConsent(c, id, true, "staff:u1")), "only the visit to come");
        PatientRow p = tx(c -> patients.rows().find(c, id)).orElseThrow();
        assertTrue(p.autoAnswer());
        assertEquals(Optional.of("staff:u1"), p.consentRecordedBy());
        assertEquals(Optional.of(NOW.plus(Duration.ofHours(1))), p.consentRecordedAt());
        assertTrue(visits.find(future.id()).orElseThrow().autoAnswer());
        assertFalse(visits.find(past.id()).orElseThrow().autoAnswer(), "a visit over keeps what it was");
        clock.advance(Duration.ofMinutes(1));
        assertEquals(Integer.valueOf(1), tx(c -> patients.recordConsent(c, id, false, "staff:u2")), "withdrawn");
        assertFalse(visits.find(future.id()).orElseThrow().autoAnswer());
        assertEquals(Optional.of("staff:u2"), tx(c -> patients.rows().find(c, id)).orElseThrow().consentRecordedBy());
    }

    @Test
    void aPatientWithVisitsToComeIsNeitherDischargedNorMovedAndADischargedOneIsNotChanged() {
        String id = admit("w1", "b1", NAME, Optional.empty());
        Visit v = new Visits(db, clock).create(NewVisit.lasting(id, "t1", NOW.plus(Duration.ofHours(1)),
                Duration.ofMinutes(30), false));
        ApiException refused = assertThrows(ApiException.class, () -> tx(c -> {
            patients.discharge(c, "w1", id);
            return null;
        }));
        assertEquals(409, refused.status());
        assertEquals("visits", refused.field());
        ApiException moved = assertThrows(ApiException.class, () -> tx(c -> patients.change(c, "w1", id,
                changes(Optional.empty(), Optional.of("b2")))));
        assertEquals("bed", moved.field(), "the visit is on the tablet of the bed it would leave");
        clock.set(v.endsAt());
        tx(c -> {
            patients.discharge(c, "w1", id);
            return null;
        });
        PatientRow p = tx(c -> patients.rows().find(c, id)).orElseThrow();
        assertEquals(Optional.of(v.endsAt()), p.dischargedAt());
        assertEquals(List.of(), tx(c -> patients.rows().admitted(c, "w1")));
        ApiException changed = assertThrows(ApiException.class, () -> tx(c -> patients.change(c, "w1", id,
                changes(Optional.of("X"), Optional.empty()))));
        assertEquals(409, changed.status());
        assertThrows(ApiException.class, () -> tx(c -> patients.recordConsent(c, id, true, "staff:u1")));
    }

    @Test
    void nothingOfThePatientIsStoredInTheClear() {
        String id = admit("w1", "b1", NAME, Optional.of(HOSPITAL_ID));
        tx(c -> patients.change(c, "w1", id, new Patients.Changes(Optional.of("Søren Ødegård"), Optional.empty(),
                Optional.empty(), Optional.of(Optional.of(Ins.parse("177092B01234577", "1.2.250.1.213.1.4.10"))),
                Optional.of(Optional.of("IPP-77")))));
        String[] texts = {NAME, "Søren Ødegård", HOSPITAL_ID, "IPP-77", INS.matricule(), "177092B01234577",
            "292012A001234", "177092B012345"};
        AtRest.assertNoTableHolds(db, texts);
        if (dialect() == Dialect.SQLITE) {
            Path file = backend.directory().resolve("lucarne.db");
            AtRest.assertNoneOf(file, texts);
            db.close();
            AtRest.assertNoneOf(backend.directory(), texts);
        }
    }

    private static Patients.Changes changes(Optional<String> name, Optional<String> bed) {
        return new Patients.Changes(name, bed, Optional.empty(), Optional.empty(), Optional.empty());
    }

    private String stored(String sql, String param) {
        return tx(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setString(1, param);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getString(1);
                }
            }
        });
    }
}
