package org.lucarne.signaling.contact;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
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
import org.lucarne.signaling.invite.Invite;
import org.lucarne.signaling.invite.Invites;
import org.lucarne.signaling.personal.PersonalData;
import org.lucarne.signaling.personal.SealedColumns;
import org.lucarne.signaling.storage.Dialect;
import org.lucarne.signaling.storage.SqlWork;
import org.lucarne.signaling.storage.StorageContract;
import org.lucarne.signaling.testing.AtRest;
import org.lucarne.signaling.testing.SealedRows;
import org.lucarne.signaling.ward.Language;
import org.lucarne.testing.ManualClock;

/**
 * Family contacts added, changed and removed on every dialect: every detail sealed, a removal that keeps
 * the row and wipes the person from it, and revokes their invites.
 */
abstract class ContactsContract extends StorageContract {
    static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
    static final ContactDetails JEAN = new ContactDetails("Jean Dupont-Ngọc", Optional.of("fils aîné"),
            Optional.of("+33612345678"), Optional.of("jean.dupont@exemple.fr"), Language.FR, Channel.EMAIL, true);

    private final ManualClock clock = new ManualClock(NOW);
    private final PersonalData keys = SealedRows.newKeys();
    private Contacts contacts;

    @BeforeEach
    void aPatient() {
        contacts = new Contacts(keys, clock, new SecureRandom());
        db.inTransaction(c -> {
            try (Statement st = c.createStatement()) {
                st.executeUpdate("INSERT INTO ward (id, name) VALUES ('w1', 'Ward 1')");
                st.executeUpdate("INSERT INTO bed (id, ward_id, label) VALUES ('b1', 'w1', 'Bed 1'), ('b2', 'w1', 'Bed 2')");
            }
            SealedRows.patient(c, keys, "p1", "b1", "Marie");
            SealedRows.patient(c, keys, "p2", "b2", "Paul");
            return null;
        });
    }

    private <T> T tx(SqlWork<T> work) {
        return db.inTransaction(work);
    }

    @Test
    void aContactIsStoredSealedAndReadBackWhole() {
        String id = tx(c -> contacts.add(c, "p1", JEAN));
        ContactRow row = tx(c -> contacts.find(c, id)).orElseThrow();
        assertEquals(Optional.of(JEAN), row.details());
        assertEquals("p1", row.patientId());
        assertEquals("w1", row.wardId());
        assertEquals(NOW, row.createdAt());
        for (String column : List.of("display_name", "relationship", "phone", "email")) {
            String stored = stored("SELECT " + column + " FROM family_contact WHERE id = ?", id);
            assertTrue(PersonalData.isSealed(stored), column + ": " + stored);
        }
        assertEquals("+33612345678", keys.open(SealedColumns.CONTACT_PHONE, id,
                stored("SELECT phone FROM family_contact WHERE id = ?", id)));
        clock.advance(Duration.ofMinutes(1));
        String second = tx(c -> contacts.add(c, "p1", new ContactDetails("Zoë", Optional.empty(), Optional.empty(),
                Optional.empty(), Language.EN, Channel.NONE, false)));
        assertEquals(List.of(id, second), tx(c -> contacts.ofPatient(c, "p1")).stream().map(ContactRow::id).toList());
        assertEquals(List.of(), tx(c -> contacts.ofPatient(c, "p2")));
    }

    @Test
    void anUpdateReplacesTheDetails() {
        String id = tx(c -> contacts.add(c, "p1", JEAN));
        ContactDetails changed = new ContactDetails("Jean D.", Optional.empty(), Optional.of("+33712345678"),
                Optional.empty(), Language.EN, Channel.SMS, false);
        tx(c -> {
            contacts.update(c, id, changed);
            return null;
        });
        assertEquals(Optional.of(changed), tx(c -> contacts.find(c, id)).orElseThrow().details());
        assertNull(stored("SELECT email FROM family_contact WHERE id = ?", id));
    }

    @Test
    void aRemovedContactKeepsItsRowWithoutItsDetailsAndItsInvitesAreRevoked() {
        String id = tx(c -> contacts.add(c, "p1", JEAN));
        Invites invites = new Invites(db, clock);
        clock.set(NOW.minus(Duration.ofHours(3)));
        Invite expired = invites.create(id, NOW.minus(Duration.ofHours(2)), NOW.minus(Duration.ofHours(1)));
        clock.set(NOW);
        Invite live = invites.create(id, NOW, NOW.plus(Duration.ofHours(1)));
        clock.advance(Duration.ofMinutes(5));
        Optional<List<String>> revoked = tx(c -> contacts.remove(c, id));
        assertEquals(Optional.of(List.of(live.id().hash())), revoked, "the invite still good, not the expired one");
        assertTrue(invites.findActive(live.id()).isEmpty());
        ContactRow row = tx(c -> contacts.find(c, id)).orElseThrow();
        assertEquals(Optional.of(NOW.plus(Duration.ofMinutes(5))), row.removedAt());
        assertEquals(Optional.empty(), row.details());
        assertEquals(Contacts.REMOVED_NAME, keys.open(SealedColumns.CONTACT_NAME, id,
                stored("SELECT display_name FROM family_contact WHERE id = ?", id)), "the name sealed, and empty");
        for (String column : List.of("relationship", "phone", "email")) {
            assertNull(stored("SELECT " + column + " FROM family_contact WHERE id = ?", id), column);
        }
        assertEquals("none", stored("SELECT channel FROM family_contact WHERE id = ?", id));
        assertEquals(List.of(), tx(c -> contacts.ofPatient(c, "p1")));
        assertEquals(Optional.empty(), tx(c -> contacts.remove(c, id)), "removed once only");
        assertEquals(409, assertThrows(ApiException.class, () -> tx(c -> {
            contacts.update(c, id, JEAN);
            return null;
        })).status());
        assertEquals(null, stored("SELECT revoked_at FROM invite WHERE id_hash = ?", expired.id().hash()),
                "an expired invite is left as it was");
    }

    @Test
    void aContactMadeBeforeChannelsCanBeReachedByNoChannel() {
        tx(c -> {
            SealedRows.contact(c, keys, "old", "p1", "Old Contact", 0);
            return null;
        });
        ContactDetails d = tx(c -> contacts.find(c, "old")).orElseThrow().details().orElseThrow();
        assertEquals(Channel.NONE, d.channel(), "stored 'email' without an address");
        assertEquals("Old Contact", d.name());
    }

    @Test
    void aDischargedPatientGetsNoNewContact() {
        tx(c -> {
            try (Statement st = c.createStatement()) {
                st.executeUpdate("UPDATE patient SET discharged_at = 1 WHERE id = 'p2'");
            }
            return null;
        });
        ApiException e = assertThrows(ApiException.class, () -> tx(c -> contacts.add(c, "p2", JEAN)));
        assertEquals(409, e.status());
        assertEquals(404, assertThrows(ApiException.class, () -> tx(c -> contacts.add(c, "nobody", JEAN))).status());
    }

    @Test
    void nothingOfTheContactIsStoredInTheClear() {
        String id = tx(c -> contacts.add(c, "p1", JEAN));
        ContactDetails other = new ContactDetails("Søren Ødegård", Optional.of("voisin"), Optional.of("+590690123456"),
                Optional.of("soren@example.org"), Language.EN, Channel.SMS, true);
        tx(c -> contacts.add(c, "p2", other));
        tx(c -> contacts.remove(c, id));
        String[] texts = {JEAN.name(), "fils aîné", "+33612345678", "612345678", "jean.dupont@exemple.fr",
            other.name(), "voisin", "+590690123456", "soren@example.org"};
        AtRest.assertNoTableHolds(db, texts);
        if (dialect() == Dialect.SQLITE) {
            Path file = backend.directory().resolve("lucarne.db");
            AtRest.assertNoneOf(file, texts);
            db.close();
            AtRest.assertNoneOf(backend.directory(), texts);
        }
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
