package org.lucarne.signaling.patient;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.lucarne.signaling.policy.Role;
import org.lucarne.signaling.testing.AuditRows;
import org.lucarne.signaling.testing.StaffClient;
import org.lucarne.signaling.testing.StaffClient.Answer;
import org.lucarne.signaling.testing.StaffFixture;
import org.lucarne.signaling.testing.StaffFixture.Member;
import org.lucarne.signaling.testing.TestServer;
import org.lucarne.signaling.visit.NewVisit;
import org.lucarne.signaling.visit.Visit;
import org.lucarne.signaling.visit.Visits;
import org.lucarne.testing.ManualClock;

/**
 * Patients through the API of a real server: admitted, found, changed, consenting, discharged; each
 * refusal naming its field; another ward's staff neither seeing nor changing anything, and audited.
 */
class PatientsApiIT {
    private static final ManualClock CLOCK = new ManualClock(Instant.parse("2026-03-02T09:00:00Z"));
    private static final String INS = "{\"matricule\": \"2 79 03 51 215 189 89\", \"oid\": \"1.2.250.1.213.1.4.8\"}";
    private static TestServer server;
    private static StaffClient nurse;
    private static StaffClient stranger;
    private static Member nurseMember;
    private static Member strangerMember;

    @BeforeAll
    static void start() {
        server = TestServer.start(Map.of(), CLOCK);
        StaffFixture fixture = new StaffFixture(server);
        fixture.ward("own", "Marie Dupont");
        fixture.ward("other", "Léa Petit");
        server.server().database().inTransaction(c -> {
            try (Statement st = c.createStatement()) {
                for (int i = 2; i <= 9; i++) {
                    st.executeUpdate("INSERT INTO bed (id, ward_id, label) VALUES ('own-bed-" + i + "', 'own', 'Bed " + i
                            + "')");
                }
                st.executeUpdate("INSERT INTO tablet (id, bed_id, label, enrolled_at) VALUES ('own-tablet-8', 'own-bed-8',"
                        + " 'Tablet 8', 0)");
            }
            return null;
        });
        nurseMember = fixture.member("patients-nurse", Role.NURSE, "own");
        nurse = signedIn(nurseMember);
        strangerMember = fixture.member("patients-stranger", Role.NURSE, "other");
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

    private static JsonNode admit(String body) {
        Answer a = nurse.post("/api/wards/own/patients", body);
        assertEquals(201, a.status(), a.toString());
        return a.json();
    }

    @Test
    void aNurseAdmitsAPatientAndFindsThemByTheHospitalsIdentifier() {
        AuditRows audit = new AuditRows(server.server().database());
        JsonNode p = admit("{\"name\": \" Zoë Bernard \", \"bed\": \"bed 2\", \"language\": \"en\", \"ins\": " + INS
                + ", \"hospitalId\": \"IPP 123456\"}");
        String id = p.get("id").asText();
        assertEquals("Zoë Bernard", p.get("name").asText());
        assertEquals("Bed 2", p.get("bed").asText());
        assertEquals("own-bed-2", p.get("bedId").asText());
        assertEquals("own", p.get("ward").get("id").asText());
        assertEquals("en", p.get("language").asText());
        assertEquals("279035121518989", p.get("ins").get("matricule").asText());
        assertEquals("1.2.250.1.213.1.4.8", p.get("ins").get("oid").asText());
        assertEquals("INS-NIR", p.get("ins").get("kind").asText());
        assertEquals("IPP 123456", p.get("hospitalId").asText());
        assertFalse(p.get("autoAnswer").asBoolean());
        assertTrue(p.get("consent").isNull());
        assertEquals(CLOCK.millis(), p.get("admittedAt").asLong());
        assertTrue(p.get("dischargedAt").isNull());
        assertEquals(0, p.get("contacts").size());

        AuditRows.Row admitted = audit.since("patient.admitted").get(0);
        assertEquals("patient:" + id, admitted.target());
        assertEquals("bed=own-bed-2 language=en ins=given hospital_id=given", admitted.detail());

        Answer found = nurse.get("/api/wards/own/patients?hospitalId=%20IPP%20123456");
        assertEquals(200, found.status(), found.toString());
        assertEquals(1, found.json().get("patients").size());
        JsonNode line = found.json().get("patients").get(0);
        assertEquals(id, line.get("id").asText());
        assertEquals("Zoë Bernard", line.get("name").asText());
        assertEquals(0, line.get("contacts").asInt());
        assertEquals(0, nurse.get("/api/wards/own/patients?hospitalId=IPP%20999").json().get("patients").size());
        List<AuditRows.Row> searches = audit.since("patients.viewed");
        assertEquals(List.of("search=hospital_id found=1", "search=hospital_id found=0"),
                searches.stream().map(AuditRows.Row::detail).toList(), "every search, never the identifier");
        assertTrue(audit.since().stream().noneMatch(r -> String.valueOf(r.detail()).contains("IPP")
                || String.valueOf(r.detail()).contains("Zoë") || String.valueOf(r.detail()).contains("2790")));

        StaffClient fresh = signedIn(nurseMember);
        JsonNode list = fresh.get("/api/wards/own/patients").json();
        assertTrue(list.get("patients").findValuesAsText("id").contains(id));
        fresh.get("/api/wards/own/patients");
        assertEquals(1, audit.since("patients.viewed").stream().filter(r -> r.detail().startsWith("patients=")).count(),
                "the list is recorded once per session and ward, not at each refresh");
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            # body                                                                              | field
            `{"bed": "Bed 3"}`                                                                  | name
            `{"name": "  ", "bed": "Bed 3"}`                                                    | name
            `{"name": "A"}`                                                                     | bed
            `{"name": "A", "bed": "Bed 42"}`                                                    | bed
            `{"name": "A", "bed": "Bed 3", "language": "de"}`                                   | language
            `{"name": "A", "bed": "Bed 3", "ins": {"matricule": "279035121518988", "oid": "1.2.250.1.213.1.4.8"}}` | ins.matricule
            `{"name": "A", "bed": "Bed 3", "ins": {"matricule": "279035121518989", "oid": "1.2.250.1.213.1.4.2"}}` | ins.oid
            `{"name": "A", "bed": "Bed 3", "ins": {"matricule": "279035121518989"}}`            | ins.oid
            `{"name": "A", "bed": "Bed 3", "ins": "279035121518989"}`                          | ins
            `{"name": "A", "bed": "Bed 3", "hospitalId": ""}`                                   | hospitalId
            `{"name": "A", "bed": "Bed 3", "age": 90}`                                          | age
            """)
    void eachProblemOfAnAdmissionNamesItsField(String body, String field) {
        AuditRows audit = new AuditRows(server.server().database());
        Answer a = nurse.post("/api/wards/own/patients", body);
        assertEquals(400, a.status(), a.toString());
        assertEquals(field, a.json().get("field").asText(), a.toString());
        assertEquals(List.of(), audit.since("patient.admitted"));
    }

    @Test
    void aBedOrAHospitalIdentifierTakenIsAConflict() {
        admit("{\"name\": \"First\", \"bed\": \"Bed 4\", \"hospitalId\": \"IPP-4\"}");
        Answer bed = nurse.post("/api/wards/own/patients", "{\"name\": \"Second\", \"bed\": \"Bed 4\"}");
        assertEquals(409, bed.status());
        assertEquals("bed", bed.json().get("field").asText());
        assertFalse(bed.raw().body().contains("First"), "the other patient is not named");
        Answer id = nurse.post("/api/wards/own/patients", "{\"name\": \"Second\", \"bed\": \"Bed 5\","
                + " \"hospitalId\": \"IPP-4\"}");
        assertEquals(409, id.status());
        assertEquals("hospitalId", id.json().get("field").asText());
    }

    @Test
    void aPatientIsChangedMovedAndTheirConsentRecordedByWhomAndWhen() {
        AuditRows audit = new AuditRows(server.server().database());
        String id = admit("{\"name\": \"Paul\", \"bed\": \"Bed 6\", \"ins\": " + INS + "}").get("id").asText();
        Answer moved = nurse.patch("/api/patients/" + id, "{\"bed\": \"own-bed-7\", \"name\": \"Paul Martin\","
                + " \"ins\": null, \"language\": \"fr\"}");
        assertEquals(200, moved.status(), moved.toString());
        assertEquals("Bed 7", moved.json().get("bed").asText());
        assertEquals("Paul Martin", moved.json().get("name").asText());
        assertTrue(moved.json().get("ins").isNull());
        assertEquals("changed=name,bed,ins bed=own-bed-7", audit.since("patient.changed").get(0).detail());
        assertEquals(400, nurse.patch("/api/patients/" + id, "{}").status());
        assertEquals("name", nurse.patch("/api/patients/" + id, "{\"name\": null}").json().get("field").asText());

        CLOCK.advance(Duration.ofMinutes(3));
        Answer consent = nurse.put("/api/patients/" + id + "/consent", "{\"autoAnswer\": true}");
        assertEquals(200, consent.status(), consent.toString());
        assertTrue(consent.json().get("autoAnswer").asBoolean());
        assertEquals(CLOCK.millis(), consent.json().get("consent").get("recordedAt").asLong());
        assertEquals(nurseMember.id(), consent.json().get("consent").get("recordedBy").get("id").asText());
        assertEquals("Display patients-nurse", consent.json().get("consent").get("recordedBy").get("name").asText());
        AuditRows.Row recorded = audit.since("patient.consent_recorded").get(0);
        assertEquals("auto_answer=true visits_updated=0", recorded.detail());
        assertEquals(id, recorded.patient());
        assertEquals("autoAnswer", nurse.put("/api/patients/" + id + "/consent", "{}").json().get("field").asText());
        assertFalse(nurse.put("/api/patients/" + id + "/consent", "{\"autoAnswer\": false}").json()
                .get("autoAnswer").asBoolean(), "withdrawn");
    }

    @Test
    void aDischargedPatientLeavesTheListAndIsChangedNoMore() {
        AuditRows audit = new AuditRows(server.server().database());
        String id = admit("{\"name\": \"Jeanne\", \"bed\": \"Bed 8\"}").get("id").asText();
        Visit v = new Visits(server.server().database(), CLOCK).create(NewVisit.lasting(id, "own-tablet-8",
                CLOCK.instant().plus(Duration.ofDays(30)), Duration.ofMinutes(30), false));
        Answer refused = nurse.post("/api/patients/" + id + "/discharge", null);
        assertEquals(409, refused.status());
        assertEquals("visits", refused.json().get("field").asText());
        Answer moved = nurse.patch("/api/patients/" + id, "{\"bed\": \"Bed 3\"}");
        assertEquals(409, moved.status(), "the visit is booked on the tablet of Bed 8");
        assertEquals("bed", moved.json().get("field").asText());
        new Visits(server.server().database(), CLOCK).end(v.id(), org.lucarne.signaling.visit.VisitEndReason.CANCELLED);

        Answer discharged = nurse.post("/api/patients/" + id + "/discharge", null);
        assertEquals(200, discharged.status(), discharged.toString());
        assertEquals(CLOCK.millis(), discharged.json().get("dischargedAt").asLong());
        assertEquals(1, audit.since("patient.discharged").size());
        assertFalse(nurse.get("/api/wards/own/patients").json().get("patients").findValuesAsText("id").contains(id));
        assertEquals(409, nurse.patch("/api/patients/" + id, "{\"name\": \"X\"}").status());
        assertEquals(200, nurse.get("/api/patients/" + id).status(), "the record stays readable by the ward");
        assertEquals(201, nurse.post("/api/wards/own/patients", "{\"name\": \"Next\", \"bed\": \"Bed 8\"}").status(),
                "the bed is free");
    }

    @Test
    void theRecordShowsTheContactsDetailsAndTheVisits() {
        JsonNode p = nurse.get("/api/patients/own-patient").json();
        assertEquals("Marie Dupont", p.get("name").asText());
        assertEquals("Bed 1", p.get("bed").asText());
        JsonNode contact = p.get("contacts").get(0);
        assertEquals("own-contact", contact.get("id").asText());
        assertEquals("Contact of Marie Dupont", contact.get("name").asText());
        assertEquals("none", contact.get("channel").asText(), "a contact made before channels");
        assertTrue(contact.has("phone") && contact.has("email") && contact.has("relationship"));
        assertTrue(p.get("visits").isArray());
        assertEquals(1, nurse.get("/api/wards/own/patients").json().get("patients").findValues("contacts").stream()
                .filter(n -> n.asInt() == 1).count());
    }

    @Test
    void anotherWardsNurseNeitherSeesNorChangesAndEachRefusalIsAudited() {
        String id = admit("{\"name\": \"Hidden\", \"bed\": \"Bed 9\"}").get("id").asText();
        AuditRows audit = new AuditRows(server.server().database());
        Answer record = stranger.get("/api/patients/" + id);
        assertEquals(404, record.status());
        assertEquals(stranger.get("/api/patients/nobody").raw().body(), record.raw().body(), "as for none");
        assertEquals(404, stranger.patch("/api/patients/" + id, "{\"name\": \"X\"}").status());
        assertEquals(404, stranger.put("/api/patients/" + id + "/consent", "{\"autoAnswer\": true}").status());
        assertEquals(404, stranger.post("/api/patients/" + id + "/discharge", null).status());
        assertEquals(404, stranger.post("/api/wards/own/patients", "{\"name\": \"X\", \"bed\": \"Bed 3\"}").status());
        assertEquals(403, stranger.get("/api/wards/own/patients").status());
        assertEquals(403, stranger.get("/api/wards/own/beds").status());
        List<AuditRows.Row> refused = audit.since("access.refused");
        assertEquals(List.of("action=patient.view", "action=patient.change", "action=patient.change",
                "action=patient.change", "action=patient.change", "action=ward.view", "action=ward.view"),
                refused.stream().map(AuditRows.Row::detail).toList());
        assertTrue(refused.stream().allMatch(r -> r.actor().equals("staff:" + strangerMember.id())
                && "own".equals(r.ward())));
        assertEquals("Hidden", nurse.get("/api/patients/" + id).json().get("name").asText(), "nothing changed");
    }

    @Test
    void theWardsBedsSayWhichAreTaken() {
        Answer a = nurse.get("/api/wards/own/beds");
        assertEquals(200, a.status());
        JsonNode first = a.json().get(0);
        assertEquals("own-bed", first.get("id").asText());
        assertEquals("Bed 1", first.get("label").asText());
        assertEquals("own-patient", first.get("patientId").asText());
        assertFalse(a.raw().body().contains("Marie"), "ids, not names");
    }
}
