package org.lucarne.signaling.relay;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.security.SecureRandom;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lucarne.signaling.contact.Channel;
import org.lucarne.signaling.contact.ContactDetails;
import org.lucarne.signaling.contact.Contacts;
import org.lucarne.signaling.invite.Invite;
import org.lucarne.signaling.invite.Invites;
import org.lucarne.signaling.personal.PersonalData;
import org.lucarne.signaling.personal.SealedColumns;
import org.lucarne.signaling.storage.StorageContract;
import org.lucarne.signaling.testing.SealedRows;
import org.lucarne.signaling.visit.NewVisit;
import org.lucarne.signaling.visit.Visit;
import org.lucarne.signaling.visit.VisitEndReason;
import org.lucarne.signaling.visit.Visits;
import org.lucarne.signaling.ward.Language;
import org.lucarne.signaling.ws.protocol.Base64Url;
import org.lucarne.signaling.ws.protocol.RelayMessage;
import org.lucarne.testing.ManualClock;

/** What {@link LinkSecrets} gives a tablet, on every dialect: the values of its patient's live invites only. */
abstract class LinkSecretsContract extends StorageContract {
    private static final Instant T0 = Instant.parse("2026-12-05T09:00:00Z");
    private final ManualClock clock = new ManualClock(T0);
    private final PersonalData personal = SealedRows.newKeys();
    private LinkSecrets secrets;

    @BeforeEach
    void twoPatientsInTwoBeds() {
        secrets = new LinkSecrets(personal);
        db.inTransaction(c -> {
            try (Statement st = c.createStatement()) {
                st.executeUpdate("INSERT INTO ward (id, name) VALUES ('ward', 'Ward')");
                for (int i = 1; i <= 2; i++) {
                    st.executeUpdate("INSERT INTO bed (id, ward_id, label) VALUES ('bed-" + i + "', 'ward', 'B" + i + "')");
                    SealedRows.patient(c, personal, "patient-" + i, "bed-" + i, "Patient " + i);
                    st.executeUpdate("INSERT INTO tablet (id, bed_id, label, enrolled_at) VALUES ('tablet-" + i
                            + "', 'bed-" + i + "', 'T', 0)");
                }
            }
            return null;
        });
    }

    private String contact(String patient, String name) {
        Contacts contacts = new Contacts(personal, clock, new SecureRandom());
        return db.inTransaction(c -> contacts.add(c, patient, new ContactDetails(name, Optional.empty(), Optional.empty(),
                Optional.of("x@example.org"), Language.FR, Channel.EMAIL, true)));
    }

    /** A visit from {@code start} for 30 minutes with one invite of {@code contact}, its link kept as notify keeps it. */
    private Invite invited(String patient, String contact, Instant start) {
        Visits visits = new Visits(db, clock);
        Visit v = visits.create(NewVisit.lasting(patient, patient.replace("patient", "tablet"), start,
                Duration.ofMinutes(30), false));
        return db.inTransaction(c -> {
            Invite invite = new Invites(db, clock).create(c, contact, v.startsAt(), v.endsAt());
            visits.attachInvite(c, v.id(), invite.id());
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO invite_link (invite_id_hash, link) VALUES (?, ?)")) {
                ps.setString(1, invite.id().hash());
                ps.setString(2, personal.seal(SealedColumns.INVITE_LINK, invite.id().hash(),
                        invite.link("https://visits.example")));
                ps.executeUpdate();
            }
            return invite;
        });
    }

    private List<RelayMessage.LinkSecret> forPatient(String patient) {
        return db.inTransaction(c -> secrets.forPatient(c, patient, clock.instant()));
    }

    @Test
    void theValueIsHkdfOfTheSecretAsDocsE2eeSays() {
        byte[] secret = new byte[32];
        for (int i = 0; i < 32; i++) {
            secret[i] = (byte) i;
        }
        // HKDF-SHA-256 computed apart (Python's hmac module) from RFC 5869's definition.
        assertEquals("09f11435e01f6b8c7aab597016156c9e58db777af24723d531f37be21f93fa74",
                HexFormat.of().formatHex(LinkSecrets.psk(secret)));
    }

    @Test
    void eachLiveInviteOfThePatientsFamilyGivesItsValueUntilItsVisitsEnd() {
        String jean = contact("patient-1", "Jean");
        String lea = contact("patient-1", "Léa");
        Invite first = invited("patient-1", jean, T0.plus(Duration.ofDays(1)));
        Invite second = invited("patient-1", lea, T0.plus(Duration.ofDays(2)));
        invited("patient-2", contact("patient-2", "Other"), T0.plus(Duration.ofDays(1)));

        List<RelayMessage.LinkSecret> got = forPatient("patient-1");
        assertEquals(2, got.size(), "the other patient's invite is not this tablet's");
        RelayMessage.LinkSecret s = got.get(0);
        assertEquals(first.id().hash(), s.invite());
        assertEquals(jean, s.contact());
        assertArrayEquals(LinkSecrets.psk(first.secret().bytes()), Base64Url.decode(s.psk()));
        assertEquals(T0.plus(Duration.ofDays(1)).plus(Duration.ofMinutes(30)).toEpochMilli(), s.until());
        assertEquals(second.id().hash(), got.get(1).invite());
        assertEquals(List.of(got.get(1)), db.inTransaction(c -> secrets.forInvite(c, "patient-1", second.id().hash(),
                clock.instant())));
    }

    @Test
    void aRevokedInviteAnEndedOrPastVisitAndARemovedContactGiveNothing() {
        String jean = contact("patient-1", "Jean");
        Invite revoked = invited("patient-1", jean, T0.plus(Duration.ofDays(1)));
        new Invites(db, clock).revoke(revoked.id());
        Invite ended = invited("patient-1", jean, T0.plus(Duration.ofDays(2)));
        String visit = db.inTransaction(c -> {
            try (var ps = c.prepareStatement("SELECT visit_id FROM visit_invite WHERE invite_id_hash = ?")) {
                ps.setString(1, ended.id().hash());
                try (var rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getString(1);
                }
            }
        });
        new Visits(db, clock).end(visit, VisitEndReason.CANCELLED);
        Invite soon = invited("patient-1", jean, T0.plus(Duration.ofHours(1)));
        assertEquals(List.of(soon.id().hash()), forPatient("patient-1").stream().map(RelayMessage.LinkSecret::invite).toList());

        clock.set(T0.plus(Duration.ofHours(1)).plus(Duration.ofMinutes(30)));
        assertEquals(List.of(), forPatient("patient-1"), "its visit is over at its end");

        clock.set(T0);
        String lea = contact("patient-1", "Léa");
        invited("patient-1", lea, T0.plus(Duration.ofDays(3)));
        db.inTransaction(c -> new Contacts(personal, clock, new SecureRandom()).remove(c, lea));
        assertEquals(List.of(soon.id().hash()), forPatient("patient-1").stream().map(RelayMessage.LinkSecret::invite).toList());
    }
}
