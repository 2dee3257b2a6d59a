package org.lucarne.signaling.personal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.lucarne.signaling.call.CallDirectory;
import org.lucarne.signaling.demo.DemoData;
import org.lucarne.signaling.demo.DemoVisit;
import org.lucarne.signaling.invite.Invite;
import org.lucarne.signaling.invite.Invites;
import org.lucarne.testing.ManualClock;
import org.lucarne.signaling.storage.Dialect;
import org.lucarne.signaling.storage.StorageContract;
import org.lucarne.signaling.testing.AtRest;
import org.lucarne.signaling.testing.SealedRows;
import org.lucarne.signaling.visit.NewVisit;
import org.lucarne.signaling.visit.Visit;
import org.lucarne.signaling.visit.Visits;
import org.opentest4j.AssertionFailedError;

/**
 * What a stolen database holds of the people in it: none of their names. On SQLite the files are
 * scanned byte for byte (WAL and shared memory included); on PostgreSQL every column of every
 * table is searched with SQL, since its data directory belongs to the server's own user.
 */
abstract class AtRestContract extends StorageContract {
    static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
    /** Names with accents and non-Latin letters, so the UTF-8 and UTF-16 forms differ from ASCII. */
    static final String[] NAMES = {"Marie Dupont", "Jean Dupont", "Élodie Ngọc Trâm", "Søren Ødegård", "王秀英",
            "Zoë Bernard"};

    private final ManualClock clock = new ManualClock(NOW);
    private PersonalData data;

    @TempDir
    Path keys;

    @BeforeEach
    void openKeys() {
        data = DataKeyCheck.open(db, KeyFile.in(keys), new SecureRandom(), clock);
    }

    @Test
    void demoDataAndATestsOwnBookingsLeaveNoNameInTheDatabase() {
        DemoVisit demo = DemoData.seed(db, data, clock);
        db.inTransaction(c -> {
            try (Statement st = c.createStatement()) {
                st.executeUpdate("INSERT INTO bed (id, ward_id, label) SELECT 'bed-7', b.ward_id, 'Bed 7' FROM bed b"
                        + " JOIN patient p ON p.bed_id = b.id WHERE p.id = '" + demo.patientId() + "'");
                st.executeUpdate("INSERT INTO tablet (id, bed_id, label, enrolled_at) VALUES ('tablet-7', 'bed-7', 'T7', "
                        + NOW.toEpochMilli() + ")");
            }
            SealedRows.patient(c, data, "patient-7", "bed-7", NAMES[2]);
            SealedRows.contact(c, data, "contact-7a", "patient-7", NAMES[3], NOW.toEpochMilli());
            SealedRows.contact(c, data, "contact-7b", "patient-7", NAMES[4], NOW.toEpochMilli());
            SealedRows.contact(c, data, "contact-demo-2", demo.patientId(), NAMES[5], NOW.toEpochMilli());
            return null;
        });
        Visits visits = new Visits(db, clock);
        Invites invites = new Invites(db, clock);
        Visit visit = visits.create(NewVisit.lasting("patient-7", "tablet-7", NOW.plus(Duration.ofHours(1)),
                Duration.ofMinutes(30), false));
        for (String contact : new String[] {"contact-7a", "contact-7b"}) {
            Invite invite = invites.create(contact, visit.startsAt(), visit.endsAt());
            visits.attachInvite(visit.id(), invite.id());
        }
        visits.attachInvite(demo.visitId(), invites.create("contact-demo-2", demo.visitStart(), demo.visitEnd()).id());

        CallDirectory directory = new CallDirectory(db, data);
        assertEquals(NAMES[0], directory.patientName(demo.patientId()));
        assertEquals(NAMES[1], directory.contactName(demo.contactId()));
        assertEquals(NAMES[2], directory.patientName("patient-7"));
        assertEquals(NAMES[4], directory.contactName("contact-7b"));
        // The demo's other personal details: its contact's address and phone, its patient's hospital identifier.
        AtRest.assertNoTableHolds(db, "jean.dupont@example.org", "+33600000000", "600000000", "DEMO-000012");
        if (dialect() == Dialect.SQLITE) {
            AtRest.assertNoneOf(backend.directory().resolve("lucarne.db"), "jean.dupont@example.org", "600000000",
                    "DEMO-000012");
        }
        assertNothingHoldsTheNames();
    }

    /** Whether the plain names were still in SQLite's WAL, or already in the database file, when sealed. */
    @ParameterizedTest(name = "checkpointed before sealing: {0}")
    @ValueSource(booleans = {false, true})
    void plaintextNamesOfAnOlderLucarneAreSealedOnceAndReadBack(boolean checkpointed) {
        db.inTransaction(c -> {
            try (Statement st = c.createStatement()) {
                st.executeUpdate("INSERT INTO ward (id, name) VALUES ('w', 'Ward')");
                st.executeUpdate("INSERT INTO bed (id, ward_id, label) VALUES ('b1', 'w', 'Bed 1')");
                st.executeUpdate("INSERT INTO bed (id, ward_id, label) VALUES ('b2', 'w', 'Bed 2')");
            }
            plaintext(c, "INSERT INTO patient (id, bed_id, display_name) VALUES (?, ?, ?)", "p1", "b1", NAMES[0]);
            plaintext(c, "INSERT INTO patient (id, bed_id, display_name) VALUES (?, ?, ?)", "p2", "b2", NAMES[2]);
            SealedRows.patient(c, data, "p3", "b2", NAMES[4]); // sealed already: left as it is
            plaintext(c, "INSERT INTO family_contact (id, patient_id, display_name, created_at) VALUES (?, ?, ?, 0)",
                    "c1", "p1", NAMES[1]);
            plaintext(c, "INSERT INTO family_contact (id, patient_id, display_name, created_at) VALUES (?, ?, ?, 0)",
                    "c2", "p2", NAMES[3]);
            return null;
        });
        String p3 = stored("SELECT display_name FROM patient WHERE id = 'p3'");
        if (checkpointed) {
            db.scrub(java.util.List.of()); // on SQLite the plain names go from the WAL into the database file
        }

        assertEquals(Map.of(SealedColumns.PATIENT_NAME, 2, SealedColumns.CONTACT_NAME, 2),
                LegacyPlaintext.sealAll(db, data));
        assertEquals(Map.of(), LegacyPlaintext.sealAll(db, data), "sealing again seals nothing");
        assertEquals(p3, stored("SELECT display_name FROM patient WHERE id = 'p3'"));
        assertTrue(PersonalData.isSealed(stored("SELECT display_name FROM family_contact WHERE id = 'c2'")));

        CallDirectory directory = new CallDirectory(db, data);
        assertEquals(NAMES[0], directory.patientName("p1"));
        assertEquals(NAMES[2], directory.patientName("p2"));
        assertEquals(NAMES[4], directory.patientName("p3"));
        assertEquals(NAMES[1], directory.contactName("c1"));
        assertEquals(NAMES[3], directory.contactName("c2"));
        assertNothingHoldsTheNames();
    }

    /** The scan sees what is there: the ward's and bed's labels are not sealed, and it finds them. */
    @Test
    void theScanFindsWhatIsStoredInPlainText() {
        DemoData.seed(db, data, clock);
        String ward = "Ward 4 — Infectious diseases";
        assertThrows(AssertionFailedError.class, () -> AtRest.assertNoTableHolds(db, ward));
        if (dialect() == Dialect.SQLITE) {
            AssertionFailedError e = assertThrows(AssertionFailedError.class,
                    () -> AtRest.assertNoneOf(backend.directory().resolve("lucarne.db"), ward));
            assertTrue(e.getMessage().contains("UTF-8"), e.getMessage());
        }
    }

    private void assertNothingHoldsTheNames() {
        AtRest.assertNoTableHolds(db, NAMES);
        if (dialect() == Dialect.SQLITE) {
            Path file = backend.directory().resolve("lucarne.db");
            assertEquals(3, AtRest.assertNoneOf(file, NAMES).size(), "the database, its WAL and its shared memory");
            db.close();
            AtRest.assertNoneOf(backend.directory(), NAMES);
        }
    }

    private static void plaintext(java.sql.Connection c, String sql, Object... values) throws java.sql.SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                ps.setObject(i + 1, values[i]);
            }
            ps.executeUpdate();
        }
    }

    private String stored(String sql) {
        return db.inTransaction(c -> {
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
                rs.next();
                return rs.getString(1);
            }
        });
    }
}
