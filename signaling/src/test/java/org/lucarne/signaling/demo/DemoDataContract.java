package org.lucarne.signaling.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lucarne.signaling.invite.InviteRecord;
import org.lucarne.signaling.invite.Invites;
import org.lucarne.signaling.invite.MutableClock;
import org.lucarne.signaling.storage.Database;
import org.lucarne.signaling.storage.Dialect;
import org.lucarne.signaling.storage.TestBackend;

/** What {@link DemoData} promises on every dialect. */
abstract class DemoDataContract {

    static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");

    private TestBackend backend;
    private Database db;
    private final MutableClock clock = new MutableClock(NOW);

    protected abstract Dialect dialect();

    @BeforeEach
    void openDatabase() {
        backend = TestBackend.create(dialect());
        db = Database.open(backend.settings());
    }

    @AfterEach
    void closeDatabase() {
        if (db != null) {
            db.close();
        }
        if (backend != null) {
            backend.close();
        }
    }

    @Test
    void seedCreatesTheDemoVisit() {
        DemoVisit visit = DemoData.seed(db, clock);
        assertEquals("Marie Dupont", visit.patientName());
        assertEquals("Jean Dupont", visit.contactName());
        assertEquals("Ward 4 — Infectious diseases", visit.wardName());
        assertEquals("Bed 12", visit.bedLabel());
        assertEquals(DemoData.TABLET_ID, visit.tabletId());
        assertEquals(1, count("SELECT count(*) FROM tablet WHERE bed_id = '" + DemoData.BED_ID + "'"));
    }

    @Test
    void seededInviteIsActiveForADay() {
        DemoVisit visit = DemoData.seed(db, clock);
        assertEquals(NOW, visit.notBefore());
        assertEquals(NOW.plus(Duration.ofHours(24)), visit.notAfter());
        Invites invites = new Invites(db, clock);
        InviteRecord active = invites.findActive(visit.inviteId()).orElseThrow();
        assertEquals(visit.patientId(), active.patientId());
        assertEquals(visit.contactId(), active.contactId());
        clock.set(NOW.plus(Duration.ofHours(24)));
        assertTrue(invites.findActive(visit.inviteId()).isEmpty());
    }

    @Test
    void seedIsIdempotentButIssuesAFreshInviteEachTime() {
        DemoVisit first = DemoData.seed(db, clock);
        clock.advance(Duration.ofMinutes(5));
        DemoVisit second = DemoData.seed(db, clock);
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
        DemoData.seed(db, clock);
        db.inTransaction(c -> {
            try (Statement st = c.createStatement()) {
                return st.executeUpdate("UPDATE patient SET display_name = 'Marie Dupont-Martin'");
            }
        });
        assertEquals("Marie Dupont-Martin", DemoData.seed(db, clock).patientName());
    }

    @Test
    void familyLinkCarriesIdInPathAndSecretInFragment() {
        DemoVisit visit = DemoData.seed(db, clock);
        String link = visit.familyLink("https://localhost:8443");
        assertEquals("https://localhost:8443/v/" + visit.inviteId().value() + "#" + visit.secret().value(), link);
        assertFalse(visit.toString().contains(visit.inviteId().value()), visit.toString());
        assertFalse(visit.toString().contains(visit.secret().value()), visit.toString());
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
