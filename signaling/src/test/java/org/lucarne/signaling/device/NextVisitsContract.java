package org.lucarne.signaling.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lucarne.signaling.invite.Invite;
import org.lucarne.signaling.invite.Invites;
import org.lucarne.signaling.personal.PersonalData;
import org.lucarne.signaling.storage.StorageContract;
import org.lucarne.signaling.testing.SealedRows;
import org.lucarne.signaling.visit.NewVisit;
import org.lucarne.signaling.visit.Visit;
import org.lucarne.signaling.visit.VisitEndReason;
import org.lucarne.signaling.visit.Visits;
import org.lucarne.signaling.ws.protocol.Message;
import org.lucarne.testing.ManualClock;

/** What {@link NextVisits} tells a tablet, on every dialect: ward, patient's language, next visit and its names. */
abstract class NextVisitsContract extends StorageContract {
    private static final Instant NOW = Instant.parse("2026-03-02T10:00:00Z");
    private final ManualClock clock = new ManualClock(NOW);
    private final PersonalData keys = SealedRows.newKeys();
    private NextVisits next;
    private Visits visits;

    /** Ward "Cardiologie B", one bed with an English-speaking patient, her tablet, Jean and Léa as contacts. */
    @BeforeEach
    void aBedWithItsTabletAndTwoContacts() {
        db.inTransaction(c -> {
            sql(c, "INSERT INTO ward (id, name) VALUES ('w', 'Cardiologie B')");
            sql(c, "INSERT INTO bed (id, ward_id, label) VALUES ('b', 'w', 'Bed 1')");
            sql(c, "INSERT INTO tablet (id, bed_id, label, enrolled_at) VALUES ('t', 'b', 'Tablet', 0)");
            SealedRows.patient(c, keys, "p", "b", "Marie Dupont");
            sql(c, "UPDATE patient SET language = 'en' WHERE id = 'p'");
            SealedRows.contact(c, keys, "c-jean", "p", "Jean Dupont", 1);
            SealedRows.contact(c, keys, "c-lea", "p", "  Léa Martin ", 2);
            return null;
        });
        next = new NextVisits(db, keys, clock);
        visits = new Visits(db, clock);
    }

    private static void sql(java.sql.Connection c, String statement) throws java.sql.SQLException {
        try (PreparedStatement ps = c.prepareStatement(statement)) {
            ps.executeUpdate();
        }
    }

    private Visit book(Duration in, String... contacts) {
        Visit v = visits.create(NewVisit.lasting("p", "t", NOW.plus(in), Duration.ofMinutes(30), false));
        for (String contact : contacts) {
            Invite i = new Invites(db, clock).create(contact, v.startsAt(), v.endsAt());
            visits.attachInvite(v.id(), i.id());
        }
        return v;
    }

    @Test
    void aTabletWithNothingBookedHearsItsWardAndItsPatientsLanguage() {
        NextVisits.Agenda a = next.of("t").orElseThrow();
        assertEquals(Message.NextVisit.none("Cardiologie B", "en"), a.message());
        assertEquals(Optional.empty(), a.staleAt());
    }

    @Test
    void theNextVisitNamesItsInvitedFamilyInTheOrderTheyWereAdded() {
        book(Duration.ofDays(1), "c-jean");
        Visit soon = book(Duration.ofHours(2), "c-lea", "c-jean");
        NextVisits.Agenda a = next.of("t").orElseThrow();
        assertEquals(new Message.NextVisit("Cardiologie B", "en", soon.id(), soon.startsAt().toEpochMilli(),
                List.of("Jean Dupont", "Léa Martin")), a.message());
        assertEquals(Optional.of(soon.endsAt()), a.staleAt(), "stale when that visit is over");
    }

    @Test
    void aVisitEndedOrOverIsNotNextAndARevokedInviteIsNotNamed() {
        Visit ended = book(Duration.ofMinutes(10), "c-jean");
        visits.end(ended.id(), VisitEndReason.CANCELLED);
        Visit later = book(Duration.ofHours(3), "c-jean", "c-lea");
        db.inTransaction(c -> {
            sql(c, "UPDATE invite SET revoked_at = 5 WHERE contact_id = 'c-jean'");
            return null;
        });
        assertEquals(List.of("Léa Martin"), next.of("t").orElseThrow().message().names());
        assertEquals(later.id(), next.of("t").orElseThrow().message().visit());

        clock.set(later.endsAt());
        assertEquals(Message.NextVisit.none("Cardiologie B", "en"), next.of("t").orElseThrow().message(),
                "a visit whose slot is over is not next");
    }

    @Test
    void aVisitOpenNowIsStillTheNextOne() {
        Visit open = book(Duration.ofMinutes(-10));
        var m = next.of("t").orElseThrow().message();
        assertEquals(open.id(), m.visit());
        assertTrue(m.names().isEmpty(), "nobody invited: no names");
    }

    @Test
    void anEmptyBedHasNoLanguageAndAnUnknownTabletNoAgenda() {
        db.inTransaction(c -> {
            sql(c, "UPDATE patient SET discharged_at = 1 WHERE id = 'p'");
            return null;
        });
        assertEquals(Message.NextVisit.none("Cardiologie B", null), next.of("t").orElseThrow().message());
        assertEquals(Optional.empty(), next.of("nope"));
        assertEquals(List.of("t"), next.tabletsOfWard("w"));
    }
}
