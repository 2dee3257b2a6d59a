package org.lucarne.signaling.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lucarne.testing.ManualClock;
import org.lucarne.signaling.policy.Role;
import org.lucarne.signaling.testing.AuditRows;
import org.lucarne.signaling.testing.StaffClient;
import org.lucarne.signaling.testing.StaffClient.Answer;
import org.lucarne.signaling.testing.StaffFixture;
import org.lucarne.signaling.testing.StaffFixture.Member;
import org.lucarne.signaling.testing.TabletTls;
import org.lucarne.signaling.testing.TestServer;
import org.lucarne.signaling.testing.WsTestClient;

/**
 * Sessions over the real API and socket: timeouts through a test clock, CSRF, signing out, and the
 * sockets of a session that ends.
 */
class SessionIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    /**
     * Yesterday's noon (UTC): the minutes the tests move it on never cross a midnight, which starts a new day's views,
     * and it is always in the past, so the certificates the server dates with it are already valid for the client.
     */
    private static final ManualClock CLOCK = new ManualClock(Instant.now().truncatedTo(java.time.temporal.ChronoUnit.DAYS)
            .minus(Duration.ofHours(12)));
    private static TestServer server;
    private static StaffFixture fixture;
    private static int users;
    private AuditRows audit;
    private Member member;
    private StaffClient browser;

    @BeforeAll
    static void start() {
        server = TestServer.start(Map.of(), CLOCK);
        fixture = new StaffFixture(server);
        fixture.ward("w1", "Marie Dupont");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @BeforeEach
    void signIn() {
        CLOCK.advance(Duration.ofMinutes(1));
        member = fixture.member("nurse" + (++users), Role.NURSE, "w1");
        browser = new StaffClient(server);
        browser.signIn(member.username(), StaffFixture.PASSWORD, member.secret(), CLOCK);
        audit = new AuditRows(server.server().database());
    }

    @Test
    void aSessionEndsAfterFifteenMinutesWithoutARequestAndIsAuditedOnce() {
        CLOCK.advance(Duration.ofMinutes(14));
        assertEquals(200, browser.get("/api/session").status(), "14 minutes idle: still open");
        CLOCK.advance(Duration.ofMinutes(14));
        assertEquals(200, browser.get("/api/wards").status(), "each request counts as activity");
        CLOCK.advance(Duration.ofMinutes(15));
        Answer late = browser.get("/api/session");
        assertEquals(401, late.status());
        assertEquals("not_signed_in", late.error());
        server.server().staff().sweep();
        List<AuditRows.Row> expired = audit.since("session.expired");
        assertEquals(1, expired.size(), "once, whether the request or the sweep saw it first");
        assertEquals("system", expired.get(0).actor());
        assertTrue(expired.get(0).detailHas("reason=idle"));
        assertEquals("user:" + member.id(), expired.get(0).target());
    }

    @Test
    void aPagesOwnRefreshDoesNotKeepAnUnattendedConsoleSignedIn() {
        for (int i = 0; i < 20; i++) {
            CLOCK.advance(Duration.ofMinutes(1));
            Answer refresh = browser.send(HttpRequest.newBuilder(URI.create(server.url("/api/wards/w1/visits")))
                    .header("X-Lucarne-Request", "background").GET());
            assertEquals(i < 14 ? 200 : 401, refresh.status(), "after " + (i + 1) + " minutes of refreshes only");
        }
        assertTrue(audit.since("session.expired").get(0).detailHas("reason=idle"));
        assertEquals(1, audit.since("visits.viewed").size(), "a view of the day is recorded once, not each refresh");
    }

    @Test
    void theSessionSaysTheHospitalsTimeZone() {
        assertEquals(server.server().config().staff().timeZone().getId(),
                browser.get("/api/session").json().get("timeZone").asText());
    }

    @Test
    void aSessionEndsTwelveHoursAfterSignInWhateverHappens() {
        for (int i = 0; i < 12 * 6 - 1; i++) {
            CLOCK.advance(Duration.ofMinutes(10));
            assertEquals(200, browser.get("/api/session").status(), "after " + (i + 1) * 10 + " minutes");
        }
        CLOCK.advance(Duration.ofMinutes(10));
        assertEquals(401, browser.get("/api/session").status());
        assertTrue(audit.since("session.expired").get(0).detailHas("reason=absolute"));
    }

    @Test
    void theSweepEndsAnIdleSessionAndClosesItsSocketAtOnce() {
        WsTestClient socket = welcomed(browser.socket("staff"));
        CLOCK.advance(Duration.ofMinutes(15));
        server.server().staff().sessions().sweep(); // or the server's own sweep, whichever comes first
        WsTestClient.Close close = socket.awaitClose(5);
        assertEquals(1008, close.code());
        assertEquals("signed out", close.reason());
        assertEquals(1, audit.since("session.expired").size());
    }

    @Test
    void changesNeedTheSessionsCsrfTokenAndTheServersOrigin() {
        String csrf = browser.csrf();
        Answer none = browser.csrf(null).post("/api/session/sign-out-everywhere", null);
        assertEquals(403, none.status());
        assertEquals("csrf", none.error());
        Answer wrong = browser.csrf("A".repeat(43)).post("/api/session/sign-out-everywhere", null);
        assertEquals("csrf", wrong.error());
        Answer otherSessions = browser.csrf(new StaffClient(server).csrf()).post("/api/session/sign-out-everywhere", null);
        assertEquals("csrf", otherSessions.error());
        Answer foreign = browser.csrf(csrf).origin("https://evil.example").post("/api/session/sign-out-everywhere", null);
        assertEquals("csrf", foreign.error(), "the right token from another origin");
        Answer noOrigin = browser.origin(null).post("/api/session/sign-out-everywhere", null);
        assertEquals("csrf", noOrigin.error());
        assertEquals(200, browser.origin(server.origin()).get("/api/session").status(), "nothing was done");
        assertEquals(204, browser.post("/api/session/sign-out-everywhere", null).status());
    }

    @Test
    void signingOutEndsTheSessionClearsTheCookieAndClosesItsSockets() {
        WsTestClient socket = welcomed(browser.socket("staff"));
        Answer out = browser.post("/api/session/sign-out", null);
        assertEquals(204, out.status());
        assertTrue(out.raw().headers().allValues("Set-Cookie").stream()
                .anyMatch(c -> c.startsWith("__Host-lucarne-session=;") && c.contains("Max-Age=0")));
        WsTestClient.Close close = socket.awaitClose(5);
        assertEquals(1008, close.code());
        assertEquals("signed out", close.reason());
        assertEquals(401, browser.get("/api/session").status());
        assertEquals(204, browser.post("/api/session/sign-out", null).status(), "signing out again still works");
        List<AuditRows.Row> rows = audit.since("sign_out");
        assertEquals(1, rows.size());
        assertEquals("staff:" + member.id(), rows.get(0).actor());
    }

    @Test
    void signingOutEverywhereEndsEverySessionOfTheUser() {
        StaffClient laptop = new StaffClient(server);
        CLOCK.advance(Duration.ofSeconds(30));
        laptop.signIn(member.username(), StaffFixture.PASSWORD, member.secret(), CLOCK);
        WsTestClient socket = welcomed(laptop.socket("staff"));
        assertEquals(204, browser.post("/api/session/sign-out-everywhere", null).status());
        assertEquals(1008, socket.awaitClose(5).code());
        assertEquals(401, laptop.get("/api/session").status());
        assertEquals(401, browser.get("/api/session").status());
        assertTrue(audit.since("sign_out.everywhere").get(0).detailHas("sessions=2"));
    }

    @Test
    void changingOnesPasswordEndsTheOtherSessionsOnly() {
        StaffClient laptop = new StaffClient(server);
        CLOCK.advance(Duration.ofSeconds(30));
        laptop.signIn(member.username(), StaffFixture.PASSWORD, member.secret(), CLOCK);
        WsTestClient laptopSocket = welcomed(laptop.socket("staff"));
        Answer wrong = browser.post("/api/me/password", "{\"currentPassword\":\"not it\",\"newPassword\":\"a brand new pass phrase\"}");
        assertEquals(401, wrong.status());
        assertEquals("bad_credentials", wrong.error());
        Answer weak = browser.post("/api/me/password", "{\"currentPassword\":\"" + StaffFixture.PASSWORD
                + "\",\"newPassword\":\"password1234\"}");
        assertEquals("weak_password", weak.error());
        Answer ok = browser.post("/api/me/password", "{\"currentPassword\":\"" + StaffFixture.PASSWORD
                + "\",\"newPassword\":\"a brand new pass phrase\"}");
        assertEquals(204, ok.status(), ok.toString());
        assertEquals(1008, laptopSocket.awaitClose(5).code());
        assertEquals(401, laptop.get("/api/session").status());
        assertEquals(200, browser.get("/api/session").status(), "this session goes on");
        assertTrue(audit.since("password.changed").stream().anyMatch(r -> r.outcome().equals("success")
                && r.detailHas("sessions_ended=1")));
    }

    @Test
    void theStaffAppIsRefusedOnTheSocketWithoutASession() {
        WsTestClient anonymous = new StaffClient(server).socket("staff");
        JsonNode error = read(anonymous);
        assertEquals("error", error.get("type").asText());
        assertEquals("not_signed_in", error.get("code").asText());
        assertEquals(1008, anonymous.awaitClose(5).code());

        browser.post("/api/session/sign-out", null);
        WsTestClient stale = WsTestClient.connect(server.httpClient(), server.wsUrl(), server.origin(),
                "__Host-lucarne-session=" + "B".repeat(43));
        stale.send("{\"v\":1,\"type\":\"hello\",\"app\":\"staff\",\"appVersion\":\"test\"}");
        assertEquals("not_signed_in", read(stale).get("code").asText());
    }

    @Test
    void aFamilyPageInAStaffBrowserStillConnects() {
        WsTestClient family = welcomed(browser.socket("family"));
        browser.post("/api/session/sign-out", null);
        family.send("{\"v\":1,\"type\":\"ping\",\"seq\":1}");
        assertEquals("pong", read(family).get("type").asText(), "a staff session's end is not the family page's");
        WsTestClient withStaleCookie = WsTestClient.connect(server.httpClient(), server.wsUrl(), server.origin(),
                "__Host-lucarne-session=" + "B".repeat(43) + "; other=1");
        withStaleCookie.send("{\"v\":1,\"type\":\"hello\",\"app\":\"family\",\"appVersion\":\"test\"}");
        assertEquals("welcome", read(withStaleCookie).get("type").asText());
    }

    @Test
    void anErrorSaysItsCodeInTheCallersLanguageWithTheDetailInEnglish() {
        Answer fr = browser.send(HttpRequest.newBuilder(URI.create(server.url("/api/wards/other/visits")))
                .header("Accept-Language", "fr-FR,fr;q=0.9").GET());
        assertEquals(404, fr.status());
        assertEquals("not_found", fr.json().get("code").asText());
        assertEquals("Introuvable. L’élément a peut-être été supprimé.", fr.json().get("message").asText());
        assertEquals("there is no such thing here", fr.json().get("detail").asText());
        Answer en = browser.get("/api/wards/other/visits");
        assertEquals("This cannot be found. It may have been removed.", en.json().get("message").asText());
    }

    @Test
    void bodiesAreReadStrictly() {
        String path = "/api/me/password";
        assertInvalid(browser.post(path, "{\"currentPassword\":\"x\",\"newPassword\":\"y\",\"extra\":1}"), "extra");
        assertInvalid(browser.post(path, "{\"currentPassword\":\"x\",\"currentPassword\":\"y\",\"newPassword\":\"z\"}"),
                "currentPassword");
        assertInvalid(browser.post(path, "{\"currentPassword\":7,\"newPassword\":\"y\"}"), "currentPassword");
        assertInvalid(browser.post(path, "{\"newPassword\":\"y\"}"), "currentPassword");
        assertInvalid(browser.post(path, "{\"currentPassword\":\"" + "x".repeat(17_000) + "\",\"newPassword\":\"y\"}"),
                null);
        // Far over the limit: the rest is read and dropped, so that the answer saying why is not lost to a reset.
        for (int i = 0; i < 3; i++) {
            assertInvalid(browser.post(path, "{\"currentPassword\":\"" + "x".repeat(300_000) + "\"}"), null);
        }
        assertInvalid(browser.post(path, "[1, 2]"), null);
        assertInvalid(browser.post(path, "{not json"), null);
        Answer form = browser.send(HttpRequest.newBuilder(URI.create(server.url(path)))
                .header("Origin", server.origin()).header("X-CSRF-Token", browser.csrf())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("currentPassword=x&newPassword=y")));
        assertInvalid(form, null);
        assertTrue(form.json().get("detail").asText().contains("application/json"));
    }

    @Test
    void unknownPathsAndMethodsAreJsonAndSayWhatExists() {
        Answer missing = browser.get("/api/nothing-here");
        assertEquals(404, missing.status());
        assertEquals("not_found", missing.error());
        Answer method = browser.send(HttpRequest.newBuilder(URI.create(server.url("/api/session")))
                .header("Origin", server.origin()).DELETE());
        assertEquals(405, method.status());
        assertEquals("GET", method.raw().headers().firstValue("Allow").orElse(""));
    }

    @Test
    void theApiIsNotServedOnTheTabletsListenerEvenWithAStaffCookie(@TempDir Path dir) throws Exception {
        TabletTls tablets = new TabletTls(server, dir);
        HttpResponse<String> r = tablets.client(tablets.keys("w1-tablet")).send(HttpRequest.newBuilder(URI.create(
                "https://localhost:" + server.server().kioskPort() + "/api/session"))
                .header("Cookie", browser.cookieHeader()).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(404, r.statusCode());
        assertEquals("not_found", JSON.readTree(r.body()).get("code").asText());
    }

    // --- helpers

    private static void assertInvalid(Answer a, String field) {
        assertEquals(400, a.status(), a.toString());
        assertEquals("invalid_request", a.error());
        if (field != null) {
            assertEquals(field, a.json().get("field").asText(), a.toString());
        }
        assertFalse(a.raw().body().contains("Exception"), a.raw().body());
    }

    private static WsTestClient welcomed(WsTestClient c) {
        assertEquals("welcome", read(c).get("type").asText());
        return c;
    }

    private static JsonNode read(WsTestClient c) {
        try {
            return JSON.readTree(c.next());
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
