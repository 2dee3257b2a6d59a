package org.lucarne.signaling.ward;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.ZoneId;
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
import org.lucarne.testing.ManualClock;

/**
 * {@code /api/wards/{id}/settings} over a real server: the defaults until a ward has its own, what a
 * nurse may read and only a manager may change, each problem naming its field and changing nothing.
 */
class WardSettingsApiIT {
    private static final ManualClock CLOCK = new ManualClock(Instant.parse("2026-03-02T09:00:00Z"));
    private static TestServer server;
    private static StaffClient nurse;
    private static StaffClient manager;
    private static StaffClient admin;
    private static StaffClient otherManager;
    private static Member managerMember;

    @BeforeAll
    static void start() {
        server = TestServer.start(Map.of("LUCARNE_TIME_ZONE", "Europe/Paris"), CLOCK);
        StaffFixture fixture = new StaffFixture(server);
        fixture.ward("own", "Marie Dupont");
        fixture.ward("fresh", "Paul Martin");
        fixture.ward("other", "Léa Petit");
        nurse = signedIn(fixture.member("settings-nurse", Role.NURSE, "own", "fresh"));
        managerMember = fixture.member("settings-manager", Role.WARD_MANAGER, "own");
        manager = signedIn(managerMember);
        admin = signedIn(fixture.member("settings-admin", Role.ADMIN, "own"));
        otherManager = signedIn(fixture.member("settings-other", Role.WARD_MANAGER, "other"));
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

    private static String week(String hours) {
        StringBuilder s = new StringBuilder("{");
        for (String day : List.of("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")) {
            s.append(s.length() == 1 ? "" : ", ").append('"').append(day).append("\": ").append(hours);
        }
        return s.append('}').toString();
    }

    private static String settings(String hours, int cap) {
        return "{\"timeZone\": \"Europe/Paris\", \"visitingHours\": " + hours + ", \"visitLengthMinutes\": [20, 40],"
                + " \"cleaningBufferMinutes\": 10, \"dailyCap\": " + cap + ", \"reminderMinutes\": [60]}";
    }

    @Test
    void aWardWithoutSettingsShowsTheDefaultsAndSaysSo() {
        Answer a = nurse.get("/api/wards/fresh/settings");
        assertEquals(200, a.status(), a.toString());
        JsonNode s = a.json();
        assertTrue(s.get("defaults").asBoolean());
        assertEquals("fresh", s.get("ward").get("id").asText());
        assertEquals("Europe/Paris", s.get("timeZone").asText(), "the hospital's time zone");
        assertEquals("10:00", s.get("visitingHours").get("sunday").get(0).get("opens").asText());
        assertEquals(3, s.get("dailyCap").asInt());
        assertEquals(List.of(1440, 15), List.of(s.get("reminderMinutes").get(0).asInt(),
                s.get("reminderMinutes").get(1).asInt()));
        assertTrue(s.get("updatedAt").isNull());
        assertTrue(s.get("updatedBy").isNull());
    }

    @Test
    void aManagerChangesTheSettingsAndTheAnswerIsWhatTheWardNowShows() {
        AuditRows audit = new AuditRows(server.server().database());
        String body = settings(week("[{\"opens\": \"08:00\", \"closes\": \"22:00\"}]"), 4);
        Answer put = manager.put("/api/wards/own/settings", body);
        assertEquals(200, put.status(), put.toString());
        JsonNode s = put.json();
        assertFalse(s.get("defaults").asBoolean());
        assertEquals("22:00", s.get("visitingHours").get("friday").get(0).get("closes").asText());
        assertEquals(4, s.get("dailyCap").asInt());
        assertEquals(CLOCK.millis(), s.get("updatedAt").asLong());
        assertEquals(managerMember.id(), s.get("updatedBy").get("id").asText());
        assertEquals("Display settings-manager", s.get("updatedBy").get("name").asText());
        assertEquals(s, nurse.get("/api/wards/own/settings").json(), "the GET answers the same");
        assertEquals(4, new WardSettingsStore(server.server().database(), CLOCK, ZoneId.of("UTC")).of("own").dailyCap(),
                "what booking reads");

        List<AuditRows.Row> changed = audit.since("ward_settings.changed");
        assertEquals(1, changed.size());
        assertEquals("staff:" + managerMember.id(), changed.get(0).actor());
        assertEquals("ward:own", changed.get(0).target());
        assertEquals("own", changed.get(0).ward());
        assertEquals("changed=visiting_hours,visit_lengths,cleaning_buffer,daily_cap,reminders", changed.get(0).detail());

        assertEquals(200, admin.put("/api/wards/own/settings", settings(week("[]"), 4)).status(),
                "an admin of the ward too");
        assertEquals("changed=visiting_hours", audit.since("ward_settings.changed").get(1).detail());
        assertEquals(0, nurse.get("/api/wards/own/settings").json().get("visitingHours").get("monday").size());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            # body                                                                                   | field
            `{"timeZone": "Mars/Olympus"}`                                                           | timeZone
            `SETTINGS(WEEK([{"opens": "10:00", "closes": "25:00"}]), 3)`                              | visitingHours.monday[0].closes
            `SETTINGS(WEEK([{"opens": "12:00", "closes": "10:00"}]), 3)`                              | visitingHours.monday[0]
            `SETTINGS(WEEK([]), 0)`                                                                  | dailyCap
            `SETTINGS({"monday": []}, 3)`                                                            | visitingHours.tuesday
            """)
    void eachProblemNamesItsFieldAndChangesNothing(String body, String field) {
        String json = body.startsWith("SETTINGS(") ? settings(hours(body), cap(body)) : body;
        AuditRows audit = new AuditRows(server.server().database());
        JsonNode before = manager.get("/api/wards/own/settings").json();
        Answer a = manager.put("/api/wards/own/settings", json);
        assertEquals(400, a.status(), a.toString());
        assertEquals("invalid_request", a.error());
        assertEquals(field, a.json().get("field").asText(), a.toString());
        assertEquals(before, manager.get("/api/wards/own/settings").json());
        assertEquals(List.of(), audit.since("ward_settings.changed"));
    }

    private static String hours(String call) {
        String inner = call.substring("SETTINGS(".length(), call.lastIndexOf(','));
        return inner.startsWith("WEEK(") ? week(inner.substring(5, inner.length() - 1)) : inner;
    }

    private static int cap(String call) {
        return Integer.parseInt(call.substring(call.lastIndexOf(',') + 1, call.length() - 1).strip());
    }

    @Test
    void aNurseReadsButDoesNotChangeAndAnotherWardsManagerDoesNeither() {
        AuditRows audit = new AuditRows(server.server().database());
        String body = settings(week("[]"), 1);
        Answer byNurse = nurse.put("/api/wards/own/settings", body);
        assertEquals(403, byNurse.status());
        assertEquals("forbidden", byNurse.error());
        assertEquals(403, otherManager.get("/api/wards/own/settings").status());
        assertEquals(403, otherManager.put("/api/wards/own/settings", body).status());
        List<AuditRows.Row> refused = audit.since("access.refused");
        assertEquals(List.of("action=ward_settings.change", "action=ward_settings.view", "action=ward_settings.change"),
                refused.stream().map(AuditRows.Row::detail).toList());
        assertTrue(refused.stream().allMatch(r -> "ward:own".equals(r.target()) && "own".equals(r.ward())));
        assertEquals(404, manager.get("/api/wards/nowhere/settings").status());
        assertEquals(List.of(), audit.since("ward_settings.changed"));
    }

    @Test
    void theBodyIsReadStrictly() {
        ObjectNode body = (ObjectNode) org.lucarne.signaling.api.Json.MAPPER.valueToTree(Map.of("defaults", false));
        Answer a = manager.put("/api/wards/own/settings", body.toString());
        assertEquals(400, a.status());
        assertEquals("defaults", a.json().get("field").asText(), "what the GET adds is not a setting");
    }
}
