package org.lucarne.signaling.invite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lucarne.signaling.personal.PersonalData;
import org.lucarne.signaling.storage.StorageContract;
import org.lucarne.testing.ManualClock;
import org.lucarne.signaling.testing.SealedRows;

/** What {@link Invites} promises on every dialect. */
abstract class InvitesContract extends StorageContract {
    static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
    private static final PersonalData KEYS = SealedRows.newKeys();

    protected ManualClock clock;
    protected Invites invites;

    @BeforeEach
    void setUp() {
        clock = new ManualClock(NOW);
        invites = new Invites(db, clock);
        addContact("contact-a", "patient-1");
        addContact("contact-b", "patient-1");
    }

    @Test
    void onlyTheHashOfTheIdIsStored() {
        Invite invite = invites.create("contact-a", NOW, NOW.plus(Duration.ofHours(2)));
        List<String> cells = inviteTableCells();
        assertTrue(cells.contains(invite.id().hash()));
        for (String cell : cells) {
            assertFalse(cell.contains(invite.id().value()), "raw invite id stored: " + cell);
            assertFalse(cell.contains(invite.secret().value()), "link secret stored: " + cell);
        }
    }

    @Test
    void createdInviteIsActiveAndNamesContactAndPatient() {
        Invite invite = invites.create("contact-a", NOW, NOW.plus(Duration.ofHours(2)));
        InviteRecord found = invites.findActive(invite.id()).orElseThrow();
        assertEquals(invite.details(), found);
        assertEquals(new InviteRecord(invite.id().hash(), "contact-a", "patient-1", NOW, NOW,
                NOW.plus(Duration.ofHours(2))), found);
    }

    @Test
    void inviteIsActiveOnlyInsideItsWindow() {
        Instant from = NOW.plus(Duration.ofHours(1));
        Instant until = NOW.plus(Duration.ofHours(2));
        Invite invite = invites.create("contact-a", from, until);
        assertTrue(invites.findActive(invite.id()).isEmpty(), "before the window");
        clock.set(from.minusMillis(1));
        assertTrue(invites.findActive(invite.id()).isEmpty(), "1 ms before the window");
        clock.set(from);
        assertTrue(invites.findActive(invite.id()).isPresent(), "at the start");
        clock.set(until.minusMillis(1));
        assertTrue(invites.findActive(invite.id()).isPresent(), "1 ms before the end");
        clock.set(until);
        assertTrue(invites.findActive(invite.id()).isEmpty(), "at the end");
    }

    @Test
    void unknownInviteIsNotActive() {
        invites.create("contact-a", NOW, NOW.plus(Duration.ofHours(2)));
        assertTrue(invites.findActive(InviteId.generate()).isEmpty());
    }

    @Test
    void revokedInviteIsNotActive() {
        Invite invite = invites.create("contact-a", NOW, NOW.plus(Duration.ofHours(2)));
        assertTrue(invites.revoke(invite.id()));
        assertTrue(invites.findActive(invite.id()).isEmpty());
        assertFalse(invites.revoke(invite.id()), "second revoke changes nothing");
        assertFalse(invites.revoke(InviteId.generate()), "unknown invite");
    }

    @Test
    void staffCanRevokeByHashWithoutTheId() {
        Invite invite = invites.create("contact-a", NOW, NOW.plus(Duration.ofHours(2)));
        assertTrue(invites.revokeByHash(invite.details().idHash()));
        assertTrue(invites.findActive(invite.id()).isEmpty());
    }

    @Test
    void revokingAContactRevokesOnlyTheirInvites() {
        Invite a1 = invites.create("contact-a", NOW, NOW.plus(Duration.ofHours(2)));
        Invite a2 = invites.create("contact-a", NOW, NOW.plus(Duration.ofHours(3)));
        Invite b = invites.create("contact-b", NOW, NOW.plus(Duration.ofHours(2)));
        assertEquals(2, invites.revokeAllForContact("contact-a"));
        assertTrue(invites.findActive(a1.id()).isEmpty());
        assertTrue(invites.findActive(a2.id()).isEmpty());
        assertTrue(invites.findActive(b.id()).isPresent());
        assertEquals(0, invites.revokeAllForContact("contact-a"));
    }

    @Test
    void createRefusedForUnknownContact() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> invites.create("nobody", NOW, NOW.plus(Duration.ofHours(1))));
        assertEquals("no family contact with id nobody", e.getMessage());
        assertEquals(0, inviteTableCells().size());
    }

    @Test
    void createRefusedWhenWindowIsEmptyOrOver() {
        assertThrows(IllegalArgumentException.class, () -> invites.create("contact-a", NOW, NOW));
        assertThrows(IllegalArgumentException.class,
                () -> invites.create("contact-a", NOW, NOW.minus(Duration.ofHours(1))));
        assertThrows(IllegalArgumentException.class,
                () -> invites.create("contact-a", NOW.minus(Duration.ofHours(2)), NOW));
        assertEquals(0, inviteTableCells().size());
    }

    @Test
    void revokeByHashRefusesMalformedHash() {
        Invite invite = invites.create("contact-a", NOW, NOW.plus(Duration.ofHours(2)));
        for (String bad : new String[] {null, "", invite.id().value(), invite.id().hash().toUpperCase(),
                invite.id().hash() + "0", "' OR 1=1 --"}) {
            assertThrows(IllegalArgumentException.class, () -> invites.revokeByHash(bad));
        }
        assertTrue(invites.findActive(invite.id()).isPresent());
    }

    // --- helpers ---

    /** Every non-null cell of the invite table, as text. */
    protected List<String> inviteTableCells() {
        return db.inTransaction(c -> {
            List<String> cells = new ArrayList<>();
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT * FROM invite")) {
                ResultSetMetaData meta = rs.getMetaData();
                while (rs.next()) {
                    for (int i = 1; i <= meta.getColumnCount(); i++) {
                        String cell = rs.getString(i);
                        if (cell != null) {
                            cells.add(cell);
                        }
                    }
                }
            }
            return cells;
        });
    }

    private void addContact(String contactId, String patientId) {
        db.inTransaction(c -> {
            boolean firstContact = contactId.equals("contact-a");
            if (firstContact) {
                exec(c, "INSERT INTO ward (id, name) VALUES (?, ?)", "ward-1", "Ward 1");
                exec(c, "INSERT INTO bed (id, ward_id, label) VALUES (?, ?, ?)", "bed-1", "ward-1", "Bed 1");
                SealedRows.patient(c, KEYS, patientId, "bed-1", "P");
            }
            SealedRows.contact(c, KEYS, contactId, patientId, "Contact " + contactId, NOW.toEpochMilli());
            return null;
        });
    }

    private static void exec(Connection c, String sql, Object... values) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                ps.setObject(i + 1, values[i]);
            }
            ps.executeUpdate();
        }
    }
}
