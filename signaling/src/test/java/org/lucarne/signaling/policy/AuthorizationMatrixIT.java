package org.lucarne.signaling.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.lucarne.testing.ManualClock;
import org.lucarne.signaling.testing.AuditRows;
import org.lucarne.signaling.testing.StaffClient;
import org.lucarne.signaling.testing.StaffClient.Answer;
import org.lucarne.signaling.testing.StaffFixture;
import org.lucarne.signaling.testing.StaffFixture.Member;
import org.lucarne.signaling.testing.TestServer;
import org.lucarne.signaling.testing.WsTestClient;
import org.lucarne.signaling.visit.NewVisit;
import org.lucarne.signaling.visit.Visit;
import org.lucarne.signaling.visit.Visits;
import org.lucarne.signaling.ward.WardSettings;
import org.lucarne.signaling.ward.WardSettingsStore;

/**
 * The authorization matrix through the real API and socket: each role, on its own ward and on
 * another, for every action these expose. Expectations are written out here, not read from the
 * policy; every refusal must leave its {@code access.refused} entry.
 */
class AuthorizationMatrixIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SETTINGS = "{\"timeZone\": \"Europe/Paris\", \"visitingHours\": {\"monday\": [],"
            + " \"tuesday\": [], \"wednesday\": [], \"thursday\": [], \"friday\": [], \"saturday\": [],"
            + " \"sunday\": [{\"opens\": \"10:00\", \"closes\": \"11:00\"}]}, \"visitLengthMinutes\": [30],"
            + " \"cleaningBufferMinutes\": 0, \"dailyCap\": 1, \"reminderMinutes\": []}";
    private static final ManualClock CLOCK = new ManualClock(Instant.now());
    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static TestServer server;
    private static final Map<Role, Member> MEMBERS = new EnumMap<>(Role.class);
    private static final Map<Role, StaffClient> BROWSERS = new EnumMap<>(Role.class);
    private static final Map<Role, WsTestClient> SOCKETS = new EnumMap<>(Role.class);
    private static final Map<String, String> VISITS = new java.util.HashMap<>();
    private static Member victim;

    @BeforeAll
    static void start() {
        server = TestServer.start(Map.of(), CLOCK);
        StaffFixture fixture = new StaffFixture(server);
        Visits visits = new Visits(server.server().database(), CLOCK);
        for (String ward : List.of("own", "other")) {
            fixture.ward(ward, "Patient of " + ward);
            allDayVisits(ward);
            Visit v = visits.create(NewVisit.lasting(ward + "-patient", ward + "-tablet",
                    CLOCK.instant().minusSeconds(60), Duration.ofHours(2), false));
            VISITS.put(ward, v.id());
        }
        for (Role r : Role.values()) {
            Member m = fixture.member("matrix-" + r.stored(), r, "own");
            MEMBERS.put(r, m);
            StaffClient browser = new StaffClient(server);
            browser.signIn(m.username(), StaffFixture.PASSWORD, m.secret(), CLOCK);
            BROWSERS.put(r, browser);
            WsTestClient socket = browser.socket("staff");
            assertEquals("welcome", read(socket).get("type").asText());
            SOCKETS.put(r, socket);
        }
        victim = fixture.member("matrix-victim", Role.NURSE, "own");
    }

    /** Visits at any hour of the day in UTC, of 30 minutes among others, so that a booking fits whenever the test runs. */
    private static void allDayVisits(String ward) {
        Map<DayOfWeek, List<WardSettings.Span>> hours = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek d : DayOfWeek.values()) {
            hours.put(d, List.of(new WardSettings.Span(0, 1440)));
        }
        WardSettings s = new WardSettings(ZoneOffset.UTC, hours, List.of(Duration.ofMinutes(30), Duration.ofHours(2)),
                Duration.ZERO, 48, List.of());
        server.server().database().inTransaction(c -> {
            new WardSettingsStore(server.server().database(), CLOCK, ZoneOffset.UTC).save(c, ward, s, "staff:test");
            return null;
        });
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @ParameterizedTest(name = "{0} {1} on {2} ward: {3}")
    @CsvSource(delimiter = '|', textBlock = """
            # role       | action       | ward  | expected
            nurse        | ward.view    | own   | 200
            nurse        | ward.view    | other | 403
            ward_manager | ward.view    | own   | 200
            ward_manager | ward.view    | other | 403
            admin        | ward.view    | own   | 200
            admin        | ward.view    | other | 403
            nurse        | patient.view | own   | 200
            nurse        | patient.view | other | 404
            ward_manager | patient.view | own   | 200
            ward_manager | patient.view | other | 404
            admin        | patient.view | own   | 200
            admin        | patient.view | other | 404
            nurse        | visit.view   | own   | 200
            nurse        | visit.view   | other | 404
            ward_manager | visit.view   | own   | 200
            ward_manager | visit.view   | other | 404
            admin        | visit.view   | own   | 200
            admin        | visit.view   | other | 404
            nurse        | visit.change | own   | 201
            nurse        | visit.change | other | 404
            ward_manager | visit.change | own   | 201
            ward_manager | visit.change | other | 404
            admin        | visit.change | own   | 201
            admin        | visit.change | other | 404
            nurse        | call.join    | own   | visit_ready
            nurse        | call.join    | other | wrong_visit
            ward_manager | call.join    | own   | visit_ready
            ward_manager | call.join    | other | wrong_visit
            admin        | call.join    | own   | visit_ready
            admin        | call.join    | other | wrong_visit
            nurse        | audit.view   | own   | 403
            nurse        | audit.view   | other | 403
            ward_manager | audit.view   | own   | 200
            ward_manager | audit.view   | other | 403
            admin        | audit.view   | own   | 200
            admin        | audit.view   | other | 200
            nurse        | patient.change | own   | 200
            nurse        | patient.change | other | 404
            ward_manager | patient.change | own   | 200
            ward_manager | patient.change | other | 404
            admin        | patient.change | own   | 200
            admin        | patient.change | other | 404
            nurse        | contact.view   | own   | 200
            nurse        | contact.view   | other | 404
            ward_manager | contact.view   | own   | 200
            ward_manager | contact.view   | other | 404
            admin        | contact.view   | own   | 200
            admin        | contact.view   | other | 404
            nurse        | contact.change | own   | 201
            nurse        | contact.change | other | 404
            ward_manager | contact.change | own   | 201
            ward_manager | contact.change | other | 404
            admin        | contact.change | own   | 201
            admin        | contact.change | other | 404
            nurse        | tablet.view    | own   | 200
            nurse        | tablet.view    | other | 403
            ward_manager | tablet.view    | own   | 200
            ward_manager | tablet.view    | other | 403
            admin        | tablet.view    | own   | 200
            admin        | tablet.view    | other | 403
            nurse        | tablet.change  | own   | 200
            nurse        | tablet.change  | other | 403
            ward_manager | tablet.change  | own   | 200
            ward_manager | tablet.change  | other | 403
            admin        | tablet.change  | own   | 200
            admin        | tablet.change  | other | 403
            nurse        | tablet.do_not_disturb | own   | 200
            nurse        | tablet.do_not_disturb | other | 403
            ward_manager | tablet.do_not_disturb | own   | 200
            ward_manager | tablet.do_not_disturb | other | 403
            admin        | tablet.do_not_disturb | own   | 200
            admin        | tablet.do_not_disturb | other | 403
            nurse        | ward_settings.view   | own   | 200
            nurse        | ward_settings.view   | other | 403
            ward_manager | ward_settings.view   | own   | 200
            ward_manager | ward_settings.view   | other | 403
            admin        | ward_settings.view   | own   | 200
            admin        | ward_settings.view   | other | 403
            nurse        | ward_settings.change | own   | 403
            nurse        | ward_settings.change | other | 403
            ward_manager | ward_settings.change | own   | 200
            ward_manager | ward_settings.change | other | 403
            admin        | ward_settings.change | own   | 200
            admin        | ward_settings.change | other | 403
            """)
    void wardActions(String role, String action, String ward, String expected) {
        Role r = Role.fromStored(role).orElseThrow();
        AuditRows audit = new AuditRows(server.server().database());
        String patient = ward + "-patient";
        String outcome;
        String target;
        switch (action) {
            case "ward.view" -> {
                Answer a = BROWSERS.get(r).get("/api/wards/" + ward + "/visits");
                outcome = Integer.toString(a.status());
                target = "ward:" + ward;
                if (a.status() == 200) {
                    assertEquals(VISITS.get(ward), a.json().get("visits").get(0).get("id").asText());
                    assertEquals("Patient of " + ward, a.json().get("visits").get(0).get("patient").get("name").asText());
                }
            }
            case "patient.view" -> {
                Answer a = BROWSERS.get(r).get("/api/patients/" + patient);
                outcome = Integer.toString(a.status());
                target = "patient:" + patient;
                if (a.status() == 200) {
                    assertEquals("Patient of " + ward, a.json().get("name").asText());
                    assertEquals("Contact of Patient of " + ward, a.json().get("contacts").get(0).get("name").asText());
                } else {
                    assertEquals("not_found", a.error(), "the same answer as for a patient that does not exist");
                    assertEquals(a.raw().body(), BROWSERS.get(r).get("/api/patients/no-such-patient").raw().body());
                }
            }
            case "audit.view" -> {
                Answer a = BROWSERS.get(r).get("/api/audit?ward=" + ward);
                outcome = Integer.toString(a.status());
                target = "ward:" + ward;
                if (a.status() == 200) {
                    for (JsonNode e : a.json().get("entries")) {
                        assertEquals(ward, e.get("ward").asText(), "only that ward's entries");
                    }
                }
            }
            case "visit.view" -> {
                Answer a = BROWSERS.get(r).get("/api/visits/" + VISITS.get(ward));
                outcome = Integer.toString(a.status());
                target = "visit:" + VISITS.get(ward);
                if (a.status() == 200) {
                    assertEquals("Patient of " + ward, a.json().get("patient").get("name").asText());
                } else {
                    assertEquals(a.raw().body(), BROWSERS.get(r).get("/api/visits/no-such-visit").raw().body());
                }
            }
            case "visit.change" -> {
                // Tomorrow at noon (the wards' zone is UTC) plus an hour per role: a slot of each role's own.
                long start = CLOCK.instant().truncatedTo(ChronoUnit.DAYS).plus(Duration.ofHours(36 + r.ordinal()))
                        .toEpochMilli();
                Answer a = BROWSERS.get(r).post("/api/visits", "{\"patient\":\"" + patient + "\",\"start\":" + start
                        + ",\"length\":30}");
                outcome = Integer.toString(a.status());
                target = "patient:" + patient;
                if (a.status() == 201) {
                    assertEquals(patient, a.json().get("visit").get("patient").get("id").asText());
                }
            }
            case "call.join" -> {
                WsTestClient socket = SOCKETS.get(r);
                socket.send("{\"v\":1,\"type\":\"join\",\"visit\":\"" + VISITS.get(ward) + "\"}");
                JsonNode first = read(socket);
                outcome = first.get("type").asText().equals("error") ? first.get("code").asText() : first.get("type").asText();
                target = "visit:" + VISITS.get(ward);
                if (outcome.equals("visit_ready")) {
                    assertEquals("lobby", read(socket).get("type").asText(), "the patient is not in the call yet");
                }
            }
            case "patient.change" -> {
                Answer a = BROWSERS.get(r).put("/api/patients/" + patient + "/consent", "{\"autoAnswer\": true}");
                outcome = Integer.toString(a.status());
                target = "patient:" + patient;
            }
            case "contact.view" -> {
                Answer a = BROWSERS.get(r).get("/api/patients/" + patient + "/contacts");
                outcome = Integer.toString(a.status());
                target = "patient:" + patient;
                if (a.status() == 200) {
                    assertEquals("Contact of Patient of " + ward, a.json().get(0).get("name").asText());
                    assertTrue(a.json().get(0).has("phone"), "with the details");
                }
            }
            case "contact.change" -> {
                Answer a = BROWSERS.get(r).post("/api/patients/" + patient + "/contacts", "{\"name\": \"Matrix " + role
                        + "\"}");
                outcome = Integer.toString(a.status());
                target = "patient:" + patient;
            }
            case "tablet.view" -> {
                Answer a = BROWSERS.get(r).get("/api/wards/" + ward + "/tablets");
                outcome = Integer.toString(a.status());
                target = "ward:" + ward;
                if (a.status() == 200) {
                    assertEquals(ward + "-tablet", a.json().get("tablets").get(0).get("id").asText());
                }
            }
            case "tablet.change" -> {
                Answer a = BROWSERS.get(r).post("/api/tablets/" + ward + "-tablet/cleaned", null);
                outcome = Integer.toString(a.status());
                target = "tablet:" + ward + "-tablet";
            }
            case "tablet.do_not_disturb" -> {
                long until = CLOCK.millis() + Duration.ofHours(1).toMillis();
                Answer a = BROWSERS.get(r).post("/api/tablets/" + ward + "-tablet/do-not-disturb",
                        "{\"until\": " + until + "}");
                outcome = Integer.toString(a.status());
                target = "tablet:" + ward + "-tablet";
                if (a.status() == 200) {
                    long on = a.json().get("doNotDisturbUntil").asLong();
                    assertTrue(on > CLOCK.millis() && on <= until, "on, until the time asked or a visit's start");
                }
            }
            case "ward_settings.view" -> {
                Answer a = BROWSERS.get(r).get("/api/wards/" + ward + "/settings");
                outcome = Integer.toString(a.status());
                target = "ward:" + ward;
            }
            case "ward_settings.change" -> {
                Answer a = BROWSERS.get(r).put("/api/wards/" + ward + "/settings", SETTINGS);
                outcome = Integer.toString(a.status());
                target = "ward:" + ward;
            }
            default -> throw new IllegalArgumentException(action);
        }
        assertEquals(expected, outcome);
        List<AuditRows.Row> refusals = audit.since("access.refused");
        boolean refused = !expected.startsWith("20") && !expected.equals("visit_ready");
        if (refused) {
            assertEquals(1, refusals.size(), "the refusal is audited");
            AuditRows.Row row = refusals.get(0);
            assertEquals("staff:" + MEMBERS.get(r).id(), row.actor());
            assertEquals(target, row.target());
            assertEquals(ward, row.ward());
            assertEquals("refused", row.outcome());
            assertEquals("action=" + action, row.detail());
            if (target.startsWith("patient:") || target.startsWith("visit:")) {
                assertEquals(patient, row.patient());
            }
        } else {
            assertEquals(List.of(), refusals);
            String viewed = switch (action) {
                case "ward.view" -> "visits.viewed";
                case "patient.view", "contact.view" -> "patient.viewed";
                case "audit.view" -> "audit.viewed";
                case "patient.change" -> "patient.consent_recorded";
                case "contact.change" -> "contact.added";
                case "tablet.change" -> "tablet.changed";
                case "tablet.do_not_disturb" -> "tablet.dnd.on";
                case "ward_settings.change" -> "ward_settings.changed";
                case "tablet.view", "ward_settings.view" -> null;
                case "visit.view" -> "visit.viewed";
                case "visit.change" -> "visit.booked";
                default -> "call.joined";
            };
            if (viewed == null) {
                assertEquals(List.of(), audit.since().stream().filter(e -> e.actor().equals("staff:" + MEMBERS.get(r).id()))
                        .toList(), action + ": reading it records nothing");
            } else {
                assertEquals(1, audit.since(viewed).size(), viewed + " is audited");
            }
        }
    }

    @ParameterizedTest(name = "{0} {1} {2}: {3}")
    @CsvSource(delimiter = '|', textBlock = """
            # role       | request      | what                   | expected
            nurse        | staff.view   | GET /api/users         | 403
            ward_manager | staff.view   | GET /api/users         | 403
            admin        | staff.view   | GET /api/users         | 200
            nurse        | staff.manage | POST /api/users        | 403
            ward_manager | staff.manage | POST /api/users        | 403
            admin        | staff.manage | POST /api/users        | 201
            nurse        | staff.manage | PATCH user             | 403
            ward_manager | staff.manage | PATCH user             | 403
            admin        | staff.manage | PATCH user             | 200
            nurse        | staff.manage | reset user             | 403
            ward_manager | staff.manage | reset user             | 403
            admin        | staff.manage | reset user             | 200
            nurse        | staff.manage | end sessions           | 403
            ward_manager | staff.manage | end sessions           | 403
            admin        | staff.manage | end sessions           | 204
            nurse        | staff.manage | GET /api/wards?all     | 403
            ward_manager | staff.manage | GET /api/wards?all     | 403
            admin        | staff.manage | GET /api/wards?all     | 200
            """)
    void accountActions(String role, String action, String what, int expected) {
        StaffClient b = BROWSERS.get(Role.fromStored(role).orElseThrow());
        AuditRows audit = new AuditRows(server.server().database());
        Answer a = switch (what) {
            case "GET /api/users" -> b.get("/api/users");
            case "POST /api/users" -> b.post("/api/users", "{\"username\":\"made" + COUNTER.incrementAndGet()
                    + "\",\"displayName\":\"Made\",\"role\":\"nurse\",\"wards\":[\"own\"]}");
            case "PATCH user" -> b.patch("/api/users/" + victim.id(), "{\"displayName\":\"Victim " + role + "\"}");
            case "reset user" -> b.post("/api/users/" + victim.id() + "/reset", null);
            case "end sessions" -> b.post("/api/users/" + victim.id() + "/end-sessions", null);
            case "GET /api/wards?all" -> b.get("/api/wards?all=true");
            default -> throw new IllegalArgumentException(what);
        };
        assertEquals(expected, a.status(), a.toString());
        List<AuditRows.Row> refusals = audit.since("access.refused");
        if (expected == 403) {
            assertEquals("forbidden", a.error());
            assertEquals(1, refusals.size(), "the refusal is audited");
            assertEquals("action=" + action, refusals.get(0).detail());
            assertEquals("staff:" + MEMBERS.get(Role.fromStored(role).orElseThrow()).id(), refusals.get(0).actor());
        } else {
            assertTrue(refusals.isEmpty());
        }
    }

    /** The socket's next frame but the ward's {@code ward_changed} hints, which a join of its staff causes. */
    private static JsonNode read(WsTestClient c) {
        try {
            JsonNode n = JSON.readTree(c.next());
            while (n.get("type").asText().equals("ward_changed")) {
                n = JSON.readTree(c.next());
            }
            return n;
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
