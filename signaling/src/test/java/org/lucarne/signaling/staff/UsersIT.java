package org.lucarne.signaling.staff;

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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lucarne.testing.ManualClock;
import org.lucarne.signaling.policy.Role;
import org.lucarne.signaling.testing.AuditRows;
import org.lucarne.signaling.testing.StaffClient;
import org.lucarne.signaling.testing.StaffClient.Answer;
import org.lucarne.signaling.testing.StaffFixture;
import org.lucarne.signaling.testing.StaffFixture.Member;
import org.lucarne.signaling.testing.TestServer;
import org.lucarne.signaling.testing.WsTestClient;

/** Staff accounts managed by an admin through the API (docs/staff-api.md, "Staff accounts"). */
class UsersIT {
    private static final ManualClock CLOCK = new ManualClock(Instant.now());
    private static TestServer server;
    private static StaffFixture fixture;
    private static int users;
    private StaffClient admin;
    private Member adminMember;
    private AuditRows audit;

    @BeforeAll
    static void start() {
        server = TestServer.start(Map.of(), CLOCK);
        fixture = new StaffFixture(server);
        fixture.ward("w1", "Marie Dupont");
        fixture.ward("w2", "Paul Bernard");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @BeforeEach
    void signInAsAdmin() {
        CLOCK.advance(Duration.ofMinutes(16));
        adminMember = fixture.member("admin" + (++users), Role.ADMIN, "w1");
        admin = new StaffClient(server);
        admin.signIn(adminMember.username(), StaffFixture.PASSWORD, adminMember.secret(), CLOCK);
        audit = new AuditRows(server.server().database());
    }

    private Member nurse() {
        return fixture.member("nurse" + (++users), Role.NURSE, "w1");
    }

    @Test
    void anAdminCreatesAnAccountWhoseOwnerSignsInWithTheOneTimePasswordFirst() {
        String username = "new.nurse" + (++users);
        Answer created = admin.post("/api/users", "{\"username\":\"" + username.toUpperCase() + "\",\"displayName\":"
                + "\"Zoé Leroy\",\"role\":\"nurse\",\"wards\":[\"w2\",\"w1\"]}");
        assertEquals(201, created.status(), created.toString());
        JsonNode user = created.json().get("user");
        assertEquals(username, user.get("username").asText(), "stored in one form");
        assertEquals("Zoé Leroy", user.get("displayName").asText());
        assertEquals(List.of("w1", "w2"), List.of(user.get("wards").get(0).get("id").asText(),
                user.get("wards").get(1).get("id").asText()));
        assertTrue(user.get("active").asBoolean());
        assertFalse(user.get("hasSecondFactor").asBoolean());
        String oneTime = created.json().get("oneTimePassword").asText();

        StaffClient newcomer = new StaffClient(server);
        Answer p = newcomer.post("/api/auth/password", "{\"username\":\"" + username + "\",\"password\":\"" + oneTime + "\"}");
        assertEquals("change_password", p.json().get("next").asText());
        assertEquals("enrol", newcomer.post("/api/auth/change-password", "{\"newPassword\":\"zoe's own pass phrase\"}")
                .json().get("next").asText());
        String secret = newcomer.post("/api/auth/enrol", null).json().get("secret").asText();
        Answer in = newcomer.post("/api/auth/enrol/confirm", "{\"code\":\"" + StaffClient.code(secret, CLOCK) + "\"}");
        assertEquals(200, in.status(), in.toString());

        AuditRows.Row row = audit.since("user.created").get(0);
        assertEquals("staff:" + adminMember.id(), row.actor());
        assertEquals("user:" + user.get("id").asText(), row.target());
        assertEquals("role=nurse wards=w1,w2", row.detail());
        assertFalse(audit.since().stream().anyMatch(r -> String.valueOf(r.detail()).contains("Zoé")
                || String.valueOf(r.detail()).contains(username)), "no names or usernames in the audit trail");
    }

    @Test
    void aTakenUsernameAnUnknownWardOrABadRoleIsRefusedByField() {
        Member n = nurse();
        Answer taken = admin.post("/api/users", "{\"username\":\"" + n.username() + "\",\"displayName\":\"X\","
                + "\"role\":\"nurse\",\"wards\":[]}");
        assertEquals(409, taken.status());
        assertEquals("username", taken.json().get("field").asText());
        Answer ward = admin.post("/api/users", "{\"username\":\"someone" + users + "\",\"displayName\":\"X\","
                + "\"role\":\"nurse\",\"wards\":[\"w9\"]}");
        assertEquals(400, ward.status());
        assertEquals("wards", ward.json().get("field").asText());
        assertTrue(ward.json().get("detail").asText().contains("w9"));
        Answer role = admin.post("/api/users", "{\"username\":\"someone" + users + "\",\"displayName\":\"X\","
                + "\"role\":\"doctor\",\"wards\":[]}");
        assertEquals("role", role.json().get("field").asText());
        Answer name = admin.post("/api/users", "{\"username\":\"some one\",\"displayName\":\"X\","
                + "\"role\":\"nurse\",\"wards\":[]}");
        assertEquals("username", name.json().get("field").asText());
        assertTrue(audit.since("user.created").isEmpty());
    }

    @Test
    void theListShowsStateButNoSecret() {
        nurse();
        Answer list = admin.get("/api/users");
        assertEquals(200, list.status());
        assertTrue(list.json().size() >= 2);
        for (JsonNode u : list.json()) {
            assertTrue(u.has("active") && u.has("hasSecondFactor") && u.has("role") && u.has("wards"), u.toString());
        }
        assertFalse(list.raw().body().contains("argon2") || list.raw().body().toLowerCase().contains("secret"),
                list.raw().body());
        Answer all = admin.get("/api/wards?all=true");
        assertEquals(200, all.status());
        assertEquals(2, all.json().size(), "every ward, to choose from");
    }

    @Test
    void disablingAnAccountEndsItsSessionsAndClosesItsSockets() {
        Member n = nurse();
        StaffClient nurse = new StaffClient(server);
        nurse.signIn(n.username(), StaffFixture.PASSWORD, n.secret(), CLOCK);
        WsTestClient socket = nurse.socket("staff");
        socket.next();
        Answer off = admin.patch("/api/users/" + n.id(), "{\"active\":false}");
        assertEquals(200, off.status(), off.toString());
        assertFalse(off.json().get("active").asBoolean());
        assertEquals(1008, socket.awaitClose(5).code());
        assertEquals(401, nurse.get("/api/session").status());
        Answer again = new StaffClient(server).post("/api/auth/password", "{\"username\":\"" + n.username()
                + "\",\"password\":\"" + StaffFixture.PASSWORD + "\"}");
        assertEquals("account_disabled", again.error());
        AuditRows.Row row = audit.since("user.changed").get(0);
        assertEquals("active=false sessions_ended=1", row.detail());

        Answer back = admin.patch("/api/users/" + n.id(), "{\"active\":true,\"role\":\"ward_manager\",\"wards\":[\"w2\"],"
                + "\"displayName\":\"New Name\"}");
        assertEquals("ward_manager", back.json().get("role").asText());
        assertEquals("w2", back.json().get("wards").get(0).get("id").asText());
        assertEquals("role=ward_manager wards=w2 active=true display_name=changed",
                audit.since("user.changed").get(1).detail());
        assertEquals(400, admin.patch("/api/users/" + n.id(), "{}").status(), "nothing to change");
        assertEquals(404, admin.patch("/api/users/nobody", "{\"active\":true}").status());
    }

    @Test
    void aResetGivesANewOneTimePasswordAndASecondFactorToEnrolAgain() {
        Member n = nurse();
        StaffClient nurse = new StaffClient(server);
        nurse.signIn(n.username(), StaffFixture.PASSWORD, n.secret(), CLOCK);
        Answer reset = admin.post("/api/users/" + n.id() + "/reset", null);
        assertEquals(200, reset.status(), reset.toString());
        String oneTime = reset.json().get("oneTimePassword").asText();
        assertEquals(401, nurse.get("/api/session").status(), "the sessions ended");
        assertEquals(401, new StaffClient(server).post("/api/auth/password", "{\"username\":\"" + n.username()
                + "\",\"password\":\"" + StaffFixture.PASSWORD + "\"}").status(), "the old password is gone");
        Answer p = new StaffClient(server).post("/api/auth/password", "{\"username\":\"" + n.username()
                + "\",\"password\":\"" + oneTime + "\"}");
        assertEquals("change_password", p.json().get("next").asText());
        assertTrue(audit.since("user.password_reset").get(0).detailHas("sessions_ended=1"));
    }

    @Test
    void anAdminEndsSomeonesSessions() {
        Member n = nurse();
        StaffClient nurse = new StaffClient(server);
        nurse.signIn(n.username(), StaffFixture.PASSWORD, n.secret(), CLOCK);
        assertEquals(204, admin.post("/api/users/" + n.id() + "/end-sessions", null).status());
        assertEquals(401, nurse.get("/api/session").status());
        AuditRows.Row row = audit.since("session.ended_by_admin").get(0);
        assertEquals("user:" + n.id(), row.target());
        assertEquals("sessions=1", row.detail());
        assertEquals(404, admin.post("/api/users/nobody/end-sessions", null).status());
    }

    @Test
    void theLastActiveAdminCannotBeDisabledOrDemoted() {
        server.server().database().inTransaction(c -> {
            try (var st = c.createStatement()) {
                st.executeUpdate("UPDATE staff_user SET active = " + (server.server().database().dialect().id()
                        .equals("sqlite") ? "0" : "false") + " WHERE role = 'admin' AND id <> '" + adminMember.id() + "'");
            }
            return null;
        });
        Answer off = admin.patch("/api/users/" + adminMember.id(), "{\"active\":false}");
        assertEquals(409, off.status());
        assertEquals("active", off.json().get("field").asText());
        Answer demoted = admin.patch("/api/users/" + adminMember.id(), "{\"role\":\"nurse\"}");
        assertEquals(409, demoted.status());
        assertEquals(200, admin.get("/api/session").status());
    }
}
