package org.lucarne.signaling.call;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lucarne.signaling.demo.DemoVisit;
import org.lucarne.signaling.demo.OpenDemoVisit;
import org.lucarne.testing.ManualClock;
import org.lucarne.signaling.policy.Role;
import org.lucarne.signaling.session.SessionTokens;
import org.lucarne.signaling.testing.TestDevice;
import org.lucarne.signaling.testing.AuditRows;
import org.lucarne.signaling.testing.StaffClient;
import org.lucarne.signaling.testing.StaffFixture;
import org.lucarne.signaling.testing.StaffFixture.Member;
import org.lucarne.signaling.testing.TabletTls;
import org.lucarne.signaling.testing.TestServer;
import org.lucarne.signaling.testing.WsTestClient;

/** A member of staff joins a live visit of their ward from the console's socket (docs/protocol.md, "Staff"). */
class StaffCallIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ManualClock CLOCK = new ManualClock(Instant.now());
    @TempDir
    static Path dir;
    private static TestServer server;
    private static TabletTls tablets;
    private static StaffFixture fixture;
    private static int users;
    private DemoVisit visit;
    private Member member;
    private StaffClient browser;
    private AuditRows audit;
    /** The family's browser: one device for every family socket (the demo visits share a contact), as one browser. */
    private static final TestDevice familyDevice = TestDevice.create();

    @BeforeAll
    static void start() {
        server = TestServer.start(Map.of("LUCARNE_CALL_RING_TIMEOUT_SECONDS", "60"), CLOCK);
        tablets = new TabletTls(server, dir.resolve("tablets"));
        fixture = new StaffFixture(server);
        fixture.ward("elsewhere", "Paul Bernard");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @BeforeEach
    void aVisitAndANurseOfItsWard() {
        CLOCK.advance(Duration.ofMinutes(1));
        visit = OpenDemoVisit.seed(server.server().database(), server.server().personalData(), CLOCK);
        member = fixture.member("nurse" + (++users), Role.NURSE, "demo-ward-4");
        browser = new StaffClient(server);
        browser.signIn(member.username(), StaffFixture.PASSWORD, member.secret(), CLOCK);
        audit = new AuditRows(server.server().database());
    }

    @Test
    void staffWaitInTheLobbyWhileTheTabletRingsWithTheirNameThenComeIn() {
        WsTestClient kiosk = kiosk();
        next(kiosk, "visit_ready");
        WsTestClient staff = staffJoining();
        assertEquals(visit.visitId(), next(staff, "visit_ready").get("visit").asText());
        assertEquals("Marie Dupont", next(staff, "lobby").get("name").asText());
        assertEquals("Display " + member.username(), next(kiosk, "waiting").get("name").asText());
        next(kiosk, "ring");
        AuditRows.Row joined = audit.since("call.joined").get(0);
        assertEquals("staff:" + member.id(), joined.actor());
        assertEquals("visit:" + visit.visitId(), joined.target());
        assertEquals("demo-ward-4", joined.ward());
        assertEquals(visit.patientId(), joined.patient());

        kiosk.send(msg("answer"));
        String staffId = next(staff, "joined").get("participant").asText();
        assertEquals("patient", next(staff, "participant_joined").get("role").asText());
        next(staff, "sdp_offer");
        JsonNode seen = next(kiosk, "participant_joined");
        assertEquals("staff", seen.get("role").asText());
        assertEquals(staffId, seen.get("participant").asText());
        assertEquals("Display " + member.username(), seen.get("name").asText());
    }

    @Test
    void staffComeStraightInWhenThePatientIsInTheCall() {
        WsTestClient kiosk = kiosk();
        WsTestClient family = family();
        next(kiosk, "ring");
        kiosk.send(msg("answer"));
        next(family, "sdp_offer");
        WsTestClient staff = staffJoining();
        next(staff, "visit_ready");
        String staffId = next(staff, "joined").get("participant").asText();
        for (WsTestClient other : new WsTestClient[] {kiosk, family}) {
            JsonNode seen = next(other, "participant_joined");
            while (!seen.get("participant").asText().equals(staffId)) {
                seen = next(other, "participant_joined");
            }
            assertEquals("staff", seen.get("role").asText());
        }
    }

    @Test
    void staffWhoComeToHelpRightAfterARingWaitWithoutRingingTheTabletAgain() {
        WsTestClient kiosk = kiosk();
        WsTestClient family = family();
        next(kiosk, "ring");
        family.send(msg("leave"));
        next(kiosk, "participant_left");
        WsTestClient staff = staffJoining();
        next(staff, "lobby");
        assertEquals("Display " + member.username(), next(kiosk, "waiting").get("name").asText());
        CallSockets.assertNothingYet(kiosk, visit.visitId());
    }

    @Test
    void anotherWardsVisitIsAnUnknownVisitAndTheRefusalIsAudited() {
        Member stranger = fixture.member("stranger" + (++users), Role.WARD_MANAGER, "elsewhere");
        StaffClient b = new StaffClient(server);
        b.signIn(stranger.username(), StaffFixture.PASSWORD, stranger.secret(), CLOCK);
        WsTestClient staff = staffSocket(b);
        staff.send(join());
        JsonNode error = next(staff, "error");
        assertEquals("wrong_visit", error.get("code").asText());
        staff.send("{\"v\":1,\"type\":\"join\",\"visit\":\"no-such-visit\"}");
        assertEquals(error.get("message").asText(), next(staff, "error").get("message").asText(),
                "another ward's visit and no visit at all are told alike");
        AuditRows.Row refused = audit.since("access.refused").get(0);
        assertEquals("staff:" + stranger.id(), refused.actor());
        assertEquals("action=call.join", refused.detail());
        assertEquals("demo-ward-4", refused.ward());
        assertTrue(audit.since("call.joined").isEmpty());
    }

    @Test
    void signingOutTakesTheStaffMemberOutOfTheCallAtOnce() {
        WsTestClient kiosk = kiosk();
        WsTestClient staff = staffJoining();
        next(kiosk, "ring");
        kiosk.send(msg("answer"));
        String staffId = next(staff, "joined").get("participant").asText();
        assertEquals(204, browser.post("/api/session/sign-out", null).status());
        assertEquals(1008, staff.awaitClose(5).code());
        assertEquals(staffId, next(kiosk, "participant_left").get("participant").asText(),
                "gone at once: no reconnect grace for a signed-out member of staff");
    }

    @Test
    void beingInACallKeepsTheSessionAliveButAnIdleConsoleDoesNot() {
        WsTestClient kiosk = kiosk();
        WsTestClient inCall = staffJoining();
        next(kiosk, "ring");
        kiosk.send(msg("answer"));
        next(inCall, "joined");

        Member idle = fixture.member("idle" + (++users), Role.NURSE, "demo-ward-4");
        StaffClient idleBrowser = new StaffClient(server);
        idleBrowser.signIn(idle.username(), StaffFixture.PASSWORD, idle.secret(), CLOCK);
        WsTestClient idleSocket = staffSocket(idleBrowser);

        for (int minute = 5; minute <= 20; minute += 5) {
            CLOCK.advance(Duration.ofMinutes(5));
            inCall.send("{\"v\":1,\"type\":\"ping\",\"seq\":" + minute + "}");
            next(inCall, "pong");
            if (minute <= 10) {
                idleSocket.send("{\"v\":1,\"type\":\"ping\",\"seq\":" + minute + "}");
                next(idleSocket, "pong");
            }
            awaitLastSeen(browser, CLOCK.millis());
        }
        assertEquals(200, browser.get("/api/session").status(), "20 minutes in a call without a request");
        assertEquals(401, idleBrowser.get("/api/session").status(),
                "heartbeats at 5 and 10 minutes did not count: idle since sign-in, 20 minutes ago");
    }

    // --- helpers

    /** Waits (up to 5 s) until the session's last_seen_at reaches {@code millis}: the keep-alive runs on the call's queue. */
    private static void awaitLastSeen(StaffClient b, long millis) {
        String hash = SessionTokens.hash(b.cookie("__Host-lucarne-session").orElseThrow());
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (System.nanoTime() < deadline) {
            long seen = server.server().database().inTransaction(c -> {
                try (PreparedStatement ps = c.prepareStatement("SELECT last_seen_at FROM staff_session WHERE token_hash = ?")) {
                    ps.setString(1, hash);
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        return rs.getLong(1);
                    }
                }
            });
            if (seen >= millis) {
                return;
            }
            Thread.onSpinWait();
        }
        throw new AssertionError("the session was not kept alive");
    }

    private WsTestClient kiosk() {
        WsTestClient k = tablets.kiosk(visit.tabletId());
        next(k, "welcome");
        return k;
    }

    private WsTestClient family() {
        WsTestClient f = WsTestClient.connect(server, server.origin());
        f.send("{\"v\":1,\"type\":\"hello\",\"app\":\"family\",\"appVersion\":\"test\"}");
        next(f, "welcome");
        familyDevice.bindOn(f, server.origin(), visit.inviteId().value());
        f.send("{\"v\":1,\"type\":\"join\",\"invite\":\"" + visit.inviteId().value() + "\"}");
        return f;
    }

    private static WsTestClient staffSocket(StaffClient b) {
        WsTestClient s = b.socket("staff");
        next(s, "welcome");
        return s;
    }

    /** The signed-in nurse's console socket, which has just sent {@code join} for the visit. */
    private WsTestClient staffJoining() {
        WsTestClient s = staffSocket(browser);
        s.send(join());
        return s;
    }

    private String join() {
        return "{\"v\":1,\"type\":\"join\",\"visit\":\"" + visit.visitId() + "\"}";
    }

    private String msg(String type) {
        return "{\"v\":1,\"type\":\"" + type + "\",\"visit\":\"" + visit.visitId() + "\"}";
    }

    /** The next frame of {@code type}, skipping others (an error fails unless asked for), within 5 s. */
    private static JsonNode next(WsTestClient c, String type) {
        long end = System.nanoTime() + 5_000_000_000L;
        while (System.nanoTime() < end) {
            JsonNode n;
            try {
                n = JSON.readTree(c.next());
            } catch (IOException e) {
                throw new AssertionError(e);
            }
            if (type.equals(n.get("type").asText())) {
                return n;
            }
            if ("error".equals(n.get("type").asText())) {
                throw new AssertionError("waiting for " + type + ", got " + n);
            }
        }
        throw new AssertionError("no " + type + " within 5 s");
    }
}
