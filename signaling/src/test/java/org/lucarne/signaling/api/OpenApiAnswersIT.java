package org.lucarne.signaling.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.lucarne.signaling.enrol.EnrollingTablet;
import org.lucarne.signaling.policy.Role;
import org.lucarne.signaling.testing.StaffClient;
import org.lucarne.signaling.testing.StaffClient.Answer;
import org.lucarne.signaling.testing.StaffFixture;
import org.lucarne.signaling.testing.TestServer;
import org.lucarne.testing.ManualClock;

/**
 * Real answers of a real server against docs/api/openapi.yaml, for a ward's own data and its visits:
 * settings, patients, contacts, tablets, booking, the calendar, invites and the outbox. Every exchange
 * goes through {@link DocumentedApi}, which fails on a request or an answer the document does not describe;
 * the last test checks that every operation of these parts answered with success at least once. The
 * clock stands on Monday 2 March 2026, 09:00 in Paris; the tests build on each other, in order.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OpenApiAnswersIT {
    private static final ManualClock CLOCK = new ManualClock(Instant.parse("2026-03-02T08:00:00Z"));
    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private static final Set<String> TAGS = Set.of("wards", "booking", "settings", "patients", "contacts", "tablets",
            "invites", "reports");
    private static final OpenApiDocument DOC = OpenApiDocument.load();
    private static final String SPANS = "[{\"opens\":\"10:00\",\"closes\":\"20:00\"}]";
    private static final String SETTINGS = "{\"timeZone\":\"Europe/Paris\",\"visitingHours\":{\"monday\":" + SPANS
            + ",\"tuesday\":" + SPANS + ",\"wednesday\":" + SPANS + ",\"thursday\":" + SPANS + ",\"friday\":" + SPANS
            + ",\"saturday\":" + SPANS + ",\"sunday\":[]},\"visitLengthMinutes\":[30,15,60,45],"
            + "\"cleaningBufferMinutes\":15,\"dailyCap\":3,\"reminderMinutes\":[15,1440]}";
    private static TestServer server;
    private static DocumentedApi manager;
    private static DocumentedApi nurse;
    private static DocumentedApi stranger;
    private static String managerId;
    private static String contactId;

    @BeforeAll
    static void start() {
        server = TestServer.start(Map.of("LUCARNE_TIME_ZONE", "Europe/Paris"), CLOCK);
        StaffFixture fixture = new StaffFixture(server);
        fixture.ward("own", "Marie Curie");
        fixture.ward("other", "Irène Joliot");
        server.server().database().inTransaction(c -> {
            try (Statement st = c.createStatement()) {
                st.executeUpdate("INSERT INTO bed (id, ward_id, label) VALUES ('own-bed-2', 'own', 'Bed 2')");
            }
            return null;
        });
        StaffFixture.Member m = fixture.member("api-manager", Role.WARD_MANAGER, "own");
        managerId = m.id();
        manager = signedIn(m);
        nurse = signedIn(fixture.member("api-nurse", Role.NURSE, "own"));
        stranger = signedIn(fixture.member("api-stranger", Role.WARD_MANAGER, "other"));
    }

    private static DocumentedApi signedIn(StaffFixture.Member m) {
        StaffClient c = new StaffClient(server);
        c.signIn(m.username(), StaffFixture.PASSWORD, m.secret(), CLOCK);
        return new DocumentedApi(DOC, server, c);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    @Order(1)
    void aServerWithoutSmsOrSsoServesTheDocumentedRoutesLessThoseThatNeedThem() {
        Set<String> served = server.server().staff().routes().stream().map(r -> r.method() + " " + r.template())
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> documented = DOC.operations().stream().filter(o -> o.onlyWhen().isEmpty())
                .map(OpenApiDocument.Operation::key).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(documented, served);
        assertEquals(404, manager.client().get("/auth/oidc/start").status());
    }

    @Test
    @Order(2)
    void wardSettingsAnswerAsDocumented() {
        assertTrue(manager.get("/api/wards/own/settings").json().get("defaults").asBoolean());
        Answer put = manager.put("/api/wards/own/settings", SETTINGS);
        assertEquals(200, put.status(), put.toString());
        assertEquals(managerId, put.json().at("/updatedBy/id").asText());
        Answer bad = manager.outsideTheSchema("PUT", "/api/wards/own/settings", SETTINGS.replace("\"dailyCap\":3",
                "\"dailyCap\":0"));
        assertEquals("dailyCap", bad.json().get("field").asText(), bad.toString());
        assertEquals("forbidden", nurse.put("/api/wards/own/settings", SETTINGS).error());
        assertEquals(403, stranger.get("/api/wards/own/settings").status());
        assertEquals(404, manager.get("/api/wards/nowhere/settings").status());
    }

    @Test
    @Order(3)
    void patientsAnswerAsDocumented() {
        assertEquals(1, manager.get("/api/wards/own/patients").json().get("patients").size());
        assertEquals(2, manager.get("/api/wards/own/beds").json().size());
        Answer admitted = manager.post("/api/wards/own/patients", "{\"name\":\"Jeanne Martin\",\"bed\":\"bed 2\","
                + "\"language\":\"en\",\"ins\":{\"matricule\":\"2 79 03 51 215 189 89\",\"oid\":\"1.2.250.1.213.1.4.8\"},"
                + "\"hospitalId\":\"IPP-42\"}");
        assertEquals(201, admitted.status(), admitted.toString());
        assertEquals("INS-NIR", admitted.json().at("/ins/kind").asText());
        String id = admitted.json().get("id").asText();
        assertEquals(id, manager.get("/api/wards/own/patients?hospitalId=IPP-42").json().at("/patients/0/id").asText());
        assertEquals(0, manager.get("/api/patients/" + id).json().get("visits").size());
        assertTrue(manager.patch("/api/patients/" + id, "{\"language\":\"fr\",\"hospitalId\":null}").json()
                .get("hospitalId").isNull());
        assertEquals(managerId, manager.put("/api/patients/" + id + "/consent", "{\"autoAnswer\":true}").json()
                .at("/consent/recordedBy/id").asText());
        assertEquals("bed", manager.post("/api/wards/own/patients", "{\"name\":\"Other\",\"bed\":\"Bed 2\"}").json()
                .get("field").asText(), "a bed holds one patient: 409");
        assertEquals(400, manager.post("/api/wards/own/patients", "{\"name\":\"Other\",\"bed\":\"Bed 99\"}").status());
        assertEquals(400, manager.outsideTheSchema("PATCH", "/api/patients/" + id, "{\"name\":null}").status());
        assertTrue(manager.post("/api/patients/" + id + "/discharge", null).json().hasNonNull("dischargedAt"));
        assertEquals(409, manager.patch("/api/patients/" + id, "{\"language\":\"en\"}").status());
        assertEquals(404, stranger.get("/api/patients/" + id).status());
        assertEquals(403, stranger.get("/api/wards/own/patients").status());
    }

    @Test
    @Order(4)
    void contactsAnswerAsDocumented() {
        String contacts = "/api/patients/own-patient/contacts";
        Answer added = manager.post(contacts, "{\"name\":\"Paul Curie\",\"relationship\":\"son\",\"phone\":\"06 12 34 56 78\","
                + "\"email\":\"paul@example.org\",\"language\":\"fr\",\"channel\":\"email\",\"allowed\":true}");
        assertEquals(201, added.status(), added.toString());
        contactId = added.json().get("id").asText();
        assertEquals("+33612345678", added.json().get("phone").asText());
        assertTrue(manager.patch("/api/contacts/" + contactId, "{\"relationship\":null}").json().get("relationship")
                .isNull());
        assertEquals("phone", manager.post(contacts, "{\"name\":\"Landline\",\"phone\":\"01 23 45 67 89\"}").json()
                .get("field").asText());
        String gone = manager.post(contacts, "{\"name\":\"Passing\"}").json().get("id").asText();
        assertEquals(204, manager.delete("/api/contacts/" + gone).status());
        assertEquals(409, manager.patch("/api/contacts/" + gone, "{\"name\":\"Back\"}").status());
        assertEquals(2, manager.get(contacts).json().size(), "the fixture's contact and Paul");
        assertEquals(2, manager.get("/api/patients/own-patient").json().get("contacts").size());
        assertEquals(404, stranger.get(contacts).status());
    }

    @Test
    @Order(5)
    void tabletsAnswerAsDocumented() {
        assertEquals("offline", manager.get("/api/wards/own/tablets").json().at("/tablets/0/state").asText());
        assertEquals(managerId, manager.post("/api/tablets/own-tablet/cleaned", null).json().at("/cleanedBy/id").asText());
        assertEquals(403, stranger.post("/api/tablets/own-tablet/cleaned", null).status());
        long until = CLOCK.millis() + 3_600_000;
        assertTrue(nurse.post("/api/tablets/own-tablet/do-not-disturb", "{\"until\":" + until + "}").json()
                .get("doNotDisturbUntil").asLong() <= until);
        assertTrue(nurse.post("/api/tablets/own-tablet/do-not-disturb", "{\"until\":null}").json()
                .get("doNotDisturbUntil").isNull());
        assertEquals(403, stranger.post("/api/tablets/own-tablet/do-not-disturb", "{\"until\":null}").status());
        assertEquals(403, manager.get("/api/wards/other/tablets").status());
        assertEquals(403, manager.post("/api/tablets/other-tablet/revoke", "{\"reason\":\"lost\"}").status());
        assertEquals("revoked", stranger.post("/api/tablets/other-tablet/revoke", "{\"reason\":\"lost\"}").json()
                .get("state").asText());
    }

    @Test
    @Order(6)
    void bookingTheCalendarAndTheInvitesAnswerAsDocumented() {
        long start = LocalDateTime.parse("2026-03-03T11:00").atZone(PARIS).toInstant().toEpochMilli();
        assertEquals(1, manager.get("/api/wards").json().size());
        assertTrue(manager.get("/api/wards/own/free-slots?date=2026-03-03&length=30&tablet=own-tablet").json()
                .at("/tablets/0/slots").size() > 0);
        String booking = "{\"patient\":\"own-patient\",\"start\":" + start + ",\"length\":30";
        Answer booked = manager.post("/api/visits", booking + ",\"tablet\":\"own-tablet\",\"contacts\":[\"" + contactId + "\"]}");
        assertEquals(201, booked.status(), booked.toString());
        String visit = booked.json().at("/visit/id").asText();
        Answer busy = manager.post("/api/visits", booking + "}");
        assertEquals("tablet_busy", busy.error(), busy.toString());
        assertEquals(3, busy.json().get("suggestions").size());
        assertEquals(visit, manager.get("/api/wards/own/week?from=2026-03-02").json().at("/tablets/0/visits/0/id").asText());
        assertEquals("scheduled", manager.get("/api/visits/" + visit).json().get("status").asText());
        assertEquals(0, manager.get("/api/wards/own/visits?date=2026-03-03").json().at("/visits/0/participants").size());
        assertEquals(200, manager.patch("/api/visits/" + visit, "{\"start\":" + (start + 3_600_000L) + "}").status());
        assertEquals(400, manager.outsideTheSchema("PATCH", "/api/visits/" + visit, "{}").status());
        server.server().notifications().dispatcher().kick();
        assertTrue(server.server().notifications().dispatcher().awaitIdle(Duration.ofSeconds(20)));
        Answer invites = manager.get("/api/visits/" + visit + "/invites");
        String hash = invites.json().at("/invites/0/invite").asText();
        assertEquals("outbox", invites.json().at("/invites/0/channel").asText(), invites.toString());
        assertTrue(manager.get("/api/outbox?ward=own").json().get("messages").size() > 0);
        assertTrue(List.of(200, 409).contains(manager.post("/api/invites/" + hash + "/resend", null).status()));
        assertTrue(manager.post("/api/invites/" + hash + "/link", null).json().get("link").asText().startsWith("https://"));
        assertTrue(manager.post("/api/invites/" + hash + "/revoke", null).json().get("revoked").asBoolean());
        assertEquals(409, manager.post("/api/invites/" + hash + "/link", null).status());
        assertEquals("cancelled", manager.post("/api/visits/" + visit + "/cancel", null).json().get("status").asText());
        assertEquals(404, stranger.get("/api/visits/" + visit).status());
        assertEquals(403, stranger.get("/api/wards/own/visits").status());
    }

    @Test
    @Order(7)
    void reportsAnswerAsDocumentedInJsonAndCsv() {
        Answer week = manager.get("/api/wards/own/reports?from=2026-03-02&to=2026-03-08");
        assertEquals(7, week.json().get("days").size(), week.toString());
        assertEquals(1, week.json().at("/totals/cancelled").asInt(), "the visit cancelled above");
        Answer csv = manager.get("/api/wards/own/reports?from=2026-03-02&to=2026-03-08&format=csv");
        assertTrue(csv.raw().body().startsWith("\uFEFF"), "a byte order mark for spreadsheets");
        assertTrue(csv.raw().headers().firstValue("Content-Disposition").orElse("").startsWith("attachment"));
        assertEquals(9, csv.raw().body().split("\r\n").length, "a header, 7 days and the total");
        assertTrue(manager.withHeaders("GET", "/api/reports", null, "Accept", "text/csv").raw().body().contains(";"));
        assertEquals(1, manager.get("/api/reports").json().get("wards").size());
        assertEquals("format", manager.get("/api/reports?format=xml").json().get("field").asText());
        assertEquals("to", manager.get("/api/reports?from=2026-03-02&to=2026-03-01").json().get("field").asText());
        assertEquals(403, nurse.get("/api/reports").status());
        assertEquals(403, stranger.get("/api/wards/own/reports").status());
    }

    @Test
    @Order(8)
    void enrolmentAnswersAsDocumented() {
        EnrollingTablet tablet = new EnrollingTablet(server);
        String code = tablet.ask("Chambre 2").json().get("code").asText();
        String refused = tablet.ask(null).json().get("request").asText();
        assertEquals(2, manager.get("/api/enrolments").json().get("pending").size());
        assertEquals(204, manager.post("/api/enrolments/" + refused + "/refuse", null).status());
        Answer approved = manager.post("/api/enrolments/approve",
                "{\"code\":\"" + code + "\",\"bed\":\"own-bed-2\",\"label\":\"Tablette 2\"}");
        assertEquals("own-bed-2", approved.json().at("/tablet/bed").asText(), approved.toString());
        assertEquals(403, stranger.post("/api/tablets/mdm", "{\"bed\":\"own-bed-2\",\"label\":\"iPad\"}").status());
        assertEquals("iPad.p12", manager.post("/api/tablets/mdm", "{\"bed\":\"own-bed-2\",\"label\":\"iPad\"}")
                .json().get("filename").asText());
        assertEquals(403, nurse.get("/api/enrolments").status());
    }

    @Test
    @Order(99)
    void everyOperationOfTheseTagsAnsweredWithSuccess() {
        Set<String> missing = DOC.operations().stream().filter(o -> TAGS.contains(o.node().path("tags").path(0).asText()))
                .map(OpenApiDocument.Operation::key).filter(k -> !DocumentedApi.SUCCEEDED.contains(k))
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(Set.of(), missing);
    }
}
