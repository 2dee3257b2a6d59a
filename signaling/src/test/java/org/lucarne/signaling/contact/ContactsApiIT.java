package org.lucarne.signaling.contact;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.lucarne.signaling.invite.Invite;
import org.lucarne.signaling.invite.Invites;
import org.lucarne.signaling.policy.Role;
import org.lucarne.signaling.testing.AuditRows;
import org.lucarne.signaling.testing.StaffClient;
import org.lucarne.signaling.testing.StaffClient.Answer;
import org.lucarne.signaling.testing.StaffFixture;
import org.lucarne.signaling.testing.StaffFixture.Member;
import org.lucarne.signaling.testing.TestServer;
import org.lucarne.testing.ManualClock;

/**
 * Family contacts through the API of a real server: added with their numbers put in E.164, changed,
 * removed; each refusal naming its field; another ward's staff refused as if there were none, audited.
 */
class ContactsApiIT {
    private static final ManualClock CLOCK = new ManualClock(Instant.parse("2026-03-02T09:00:00Z"));
    private static TestServer server;
    private static StaffClient nurse;
    private static StaffClient stranger;
    private static Member strangerMember;

    @BeforeAll
    static void start() {
        server = TestServer.start(Map.of(), CLOCK);
        StaffFixture fixture = new StaffFixture(server);
        fixture.ward("own", "Marie Dupont");
        fixture.ward("other", "Léa Petit");
        nurse = signedIn(fixture.member("contacts-nurse", Role.NURSE, "own"));
        strangerMember = fixture.member("contacts-stranger", Role.WARD_MANAGER, "other");
        stranger = signedIn(strangerMember);
    }

    private static StaffClient signedIn(Member m) {
        StaffClient c = new StaffClient(server);
        c.signIn(m.username(), StaffFixture.PASSWORD, m.secret(), CLOCK);
        return c;
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static JsonNode add(String body) {
        Answer a = nurse.post("/api/patients/own-patient/contacts", body);
        assertEquals(201, a.status(), a.toString());
        return a.json();
    }

    @Test
    void aContactIsAddedWithTheNumberAndAddressInTheirOneForm() {
        AuditRows audit = new AuditRows(server.server().database());
        JsonNode c = add("{\"name\": \"Jean Dupont\", \"relationship\": \"fils\", \"phone\": \"06 12 34 56 78\","
                + " \"email\": \"Jean.Dupont@EXAMPLE.org\"}");
        assertEquals("Jean Dupont", c.get("name").asText());
        assertEquals("fils", c.get("relationship").asText());
        assertEquals("+33612345678", c.get("phone").asText());
        assertEquals("Jean.Dupont@example.org", c.get("email").asText());
        assertEquals("fr", c.get("language").asText(), "the patient's language");
        assertEquals("email", c.get("channel").asText(), "e-mail when there is an address");
        assertTrue(c.get("allowed").asBoolean());
        assertEquals(CLOCK.millis(), c.get("createdAt").asLong());
        AuditRows.Row added = audit.since("contact.added").get(0);
        assertEquals("contact:" + c.get("id").asText(), added.target());
        assertEquals("own-patient", added.patient());
        assertEquals("channel=email allowed=true", added.detail());

        JsonNode record = nurse.get("/api/patients/own-patient").json();
        assertTrue(record.get("contacts").findValuesAsText("phone").contains("+33612345678"),
                "the ward's staff see the details on the record");
        JsonNode sms = add("{\"name\": \"Léa\", \"phone\": \"+33 7 81 23 45 67\", \"language\": \"en\"}");
        assertEquals("sms", sms.get("channel").asText(), "text messages when there is only a phone");
        assertEquals("en", sms.get("language").asText());
        assertEquals("none", add("{\"name\": \"Voisin\", \"allowed\": false}").get("channel").asText());
    }

    @ParameterizedTest(name = "{1}: {0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            # body                                                              | field
            `{"phone": "0612345678"}`                                           | name
            `{"name": ""}`                                                      | name
            `{"name": "A", "phone": "01 23 45 67 89"}`                          | phone
            `{"name": "A", "phone": "06 12"}`                                   | phone
            `{"name": "A", "email": "jean.dupont"}`                             | email
            `{"name": "A", "email": "jean@example"}`                            | email
            `{"name": "A", "channel": "sms"}`                                   | channel
            `{"name": "A", "phone": "0612345678", "channel": "email"}`          | channel
            `{"name": "A", "channel": "pigeon"}`                                | channel
            `{"name": "A", "language": "it"}`                                   | language
            `{"name": "A", "allowed": "yes"}`                                   | allowed
            `{"name": "A", "relationship": "x"}`                                | -
            `{"name": "A", "age": 40}`                                          | age
            """)
    void eachProblemNamesItsField(String body, String field) {
        AuditRows audit = new AuditRows(server.server().database());
        Answer a = nurse.post("/api/patients/own-patient/contacts", body);
        if (field.equals("-")) {
            assertEquals(201, a.status(), a.toString());
            return;
        }
        assertEquals(400, a.status(), a.toString());
        assertEquals(field, a.json().get("field").asText(), a.toString());
        assertEquals(List.of(), audit.since("contact.added"));
    }

    @Test
    void aChangeSaysWhatChangedNeverTheValues() {
        String id = add("{\"name\": \"Paul\", \"email\": \"paul@example.org\"}").get("id").asText();
        AuditRows audit = new AuditRows(server.server().database());
        Answer a = nurse.patch("/api/contacts/" + id, "{\"phone\": \"0781234567\", \"channel\": \"sms\","
                + " \"relationship\": \"petit-fils\"}");
        assertEquals(200, a.status(), a.toString());
        assertEquals("+33781234567", a.json().get("phone").asText());
        assertEquals("sms", a.json().get("channel").asText());
        assertEquals("paul@example.org", a.json().get("email").asText(), "left as it was");
        assertEquals("changed=relationship,phone,channel channel=sms", audit.since("contact.changed").get(0).detail());
        Answer cleared = nurse.patch("/api/contacts/" + id, "{\"phone\": null}");
        assertEquals(400, cleared.status(), "text messages still need the phone");
        assertEquals("channel", cleared.json().get("field").asText());
        assertEquals(200, nurse.patch("/api/contacts/" + id, "{\"phone\": null, \"channel\": \"none\"}").status());
        assertEquals(400, nurse.patch("/api/contacts/" + id, "{}").status());
        assertEquals("name", nurse.patch("/api/contacts/" + id, "{\"name\": null}").json().get("field").asText());
    }

    @Test
    void aRemovedContactLeavesTheRecordAndTheirLinksStopWorking() {
        String id = add("{\"name\": \"Ancien\", \"phone\": \"0612345670\"}").get("id").asText();
        Invite invite = new Invites(server.server().database(), CLOCK).create(id, CLOCK.instant(),
                CLOCK.instant().plus(Duration.ofHours(2)));
        AuditRows audit = new AuditRows(server.server().database());
        Answer removed = nurse.delete("/api/contacts/" + id);
        assertEquals(204, removed.status(), removed.toString());
        assertFalse(nurse.get("/api/patients/own-patient").json().get("contacts").findValuesAsText("id").contains(id));
        assertTrue(new Invites(server.server().database(), CLOCK).findActive(invite.id()).isEmpty());
        assertEquals(List.of("contact.removed", "invite.revoked"), audit.since().stream().map(AuditRows.Row::action)
                .filter(a -> !a.equals("patient.viewed")).toList());
        assertEquals("invites_revoked=1", audit.since("contact.removed").get(0).detail());
        assertEquals("invite:" + invite.id().hash(), audit.since("invite.revoked").get(0).target());
        assertEquals(204, nurse.delete("/api/contacts/" + id).status(), "removing twice is no error");
        assertEquals(1, audit.since("contact.removed").size(), "and not recorded twice");
        assertEquals(409, nurse.patch("/api/contacts/" + id, "{\"name\": \"Back\"}").status());
    }

    @Test
    void anotherWardsStaffAreRefusedAsIfThereWereNoSuchPatientOrContact() {
        AuditRows audit = new AuditRows(server.server().database());
        Answer add = stranger.post("/api/patients/own-patient/contacts", "{\"name\": \"Intrus\"}");
        assertEquals(404, add.status());
        assertEquals(stranger.post("/api/patients/nobody/contacts", "{\"name\": \"Intrus\"}").raw().body(),
                add.raw().body());
        assertEquals(404, stranger.patch("/api/contacts/own-contact", "{\"name\": \"X\"}").status());
        assertEquals(404, stranger.delete("/api/contacts/own-contact").status());
        List<AuditRows.Row> refused = audit.since("access.refused");
        assertEquals(3, refused.size());
        assertTrue(refused.stream().allMatch(r -> r.detail().equals("action=contact.change")
                && r.actor().equals("staff:" + strangerMember.id()) && "own".equals(r.ward())
                && "own-patient".equals(r.patient())));
        // Other tests of this class add contacts to the same patient: the one the stranger aimed at is read by its id.
        JsonNode contacts = nurse.get("/api/patients/own-patient").json().get("contacts");
        JsonNode aimedAt = java.util.stream.StreamSupport.stream(contacts.spliterator(), false)
                .filter(c -> c.get("id").asText().equals("own-contact")).findFirst()
                .orElseThrow(() -> new AssertionError("own-contact is still there: " + contacts));
        assertEquals("Contact of Marie Dupont", aimedAt.get("name").asText(), "nothing changed");
    }
}
