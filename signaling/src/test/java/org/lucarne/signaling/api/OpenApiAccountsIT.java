package org.lucarne.signaling.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
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
import org.lucarne.signaling.policy.Role;
import org.lucarne.signaling.testing.StaffClient;
import org.lucarne.signaling.testing.StaffClient.Answer;
import org.lucarne.signaling.testing.StaffFixture;
import org.lucarne.signaling.testing.TestServer;
import org.lucarne.testing.ManualClock;

/**
 * Real answers of a real server against docs/api/openapi.yaml, for signing in, the session, staff
 * accounts and the audit trail, every exchange through {@link DocumentedApi}; the last test checks that
 * every operation of these parts (the SSO redirects aside: {@code OpenApiRoutesIT}) answered with success.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OpenApiAccountsIT {
    private static final ManualClock CLOCK = new ManualClock(Instant.parse("2026-03-02T08:00:00Z"));
    private static final Set<String> TAGS = Set.of("sign-in", "session", "users", "audit");
    private static final OpenApiDocument DOC = OpenApiDocument.load();
    private static TestServer server;
    private static StaffFixture fixture;
    private static DocumentedApi admin;
    private static DocumentedApi nurse;

    @BeforeAll
    static void start() {
        server = TestServer.start(Map.of(), CLOCK);
        fixture = new StaffFixture(server);
        fixture.ward("own", "Marie Curie");
        admin = signedIn(fixture.member("api-admin", Role.ADMIN, "own"));
        nurse = signedIn(fixture.member("api-nurse", Role.NURSE, "own"));
    }

    private static DocumentedApi signedIn(StaffFixture.Member m) {
        StaffClient c = new StaffClient(server);
        c.signIn(m.username(), StaffFixture.PASSWORD, m.secret(), CLOCK);
        return new DocumentedApi(DOC, server, c);
    }

    private static DocumentedApi browser() {
        return new DocumentedApi(DOC, server, new StaffClient(server));
    }

    private static String credentials(String username, String password) {
        return "{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}";
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    @Order(1)
    void aNewAccountsSignInStepsAnswerAsDocumented() {
        fixture.newcomer("api-newcomer", Role.NURSE, "one-time-password-1", "own");
        DocumentedApi b = browser();
        assertTrue(b.get("/api/auth/methods").json().get("local").asBoolean());
        assertEquals("bad_credentials", b.post("/api/auth/password", credentials("api-newcomer", "wrong")).error());
        assertEquals("change_password", b.post("/api/auth/password", credentials("api-newcomer", "one-time-password-1"))
                .json().get("next").asText());
        assertEquals("weak_password", b.post("/api/auth/change-password", "{\"newPassword\":\"short\"}").error());
        assertEquals("enrol", b.post("/api/auth/change-password", "{\"newPassword\":\"a passphrase of my very own\"}")
                .json().get("next").asText());
        String secret = b.post("/api/auth/enrol", null).json().get("secret").asText();
        String code = StaffClient.code(secret, CLOCK);
        String wrong = code.equals("000000") ? "111111" : "000000";
        assertEquals("bad_code", b.post("/api/auth/enrol/confirm", "{\"code\":\"" + wrong + "\"}").error());
        Answer enrolled = b.post("/api/auth/enrol/confirm", "{\"code\":\"" + code + "\"}");
        assertEquals(10, enrolled.json().get("recoveryCodes").size(), enrolled.toString());
        assertEquals("sign_in_expired", b.post("/api/auth/code", "{\"code\":\"" + code + "\"}").error());
    }

    @Test
    @Order(2)
    void anEnrolledAccountsSignInStepsAnswerAsDocumented() {
        StaffFixture.Member m = fixture.member("api-signer", Role.NURSE, "own");
        DocumentedApi b = browser();
        assertEquals("code", b.post("/api/auth/password", credentials("api-signer", StaffFixture.PASSWORD)).json()
                .get("next").asText());
        assertEquals(400, b.outsideTheSchema("POST", "/api/auth/code", "{\"code\":\"1\",\"recoveryCode\":\"x\"}").status());
        String code = StaffClient.code(m.secret(), CLOCK);
        assertEquals("bad_code", b.post("/api/auth/code", "{\"code\":\"" + (code.equals("000000") ? "111111" : "000000")
                + "\"}").error());
        Answer session = b.post("/api/auth/code", "{\"code\":\"" + code + "\"}");
        assertEquals("api-signer", session.json().at("/user/username").asText(), session.toString());
        DocumentedApi elsewhere = new DocumentedApi(DOC, server, new StaffClient(server).origin("https://elsewhere.example"));
        assertEquals("csrf", elsewhere.post("/api/auth/password", credentials("api-signer", "x")).error(),
                "another site's page");
    }

    @Test
    @Order(3)
    void theSessionAnswersAsDocumented() {
        Answer s = admin.withHeaders("GET", "/api/session", null, "X-Lucarne-Request", "background");
        assertEquals("admin", s.json().at("/user/role").asText(), s.toString());
        DocumentedApi other = signedIn(fixture.member("api-leaver", Role.NURSE, "own"));
        assertEquals(401, other.post("/api/me/password", "{\"currentPassword\":\"wrong\",\"newPassword\":\"x\"}").status());
        assertEquals(204, other.post("/api/me/password", "{\"currentPassword\":\"" + StaffFixture.PASSWORD
                + "\",\"newPassword\":\"another passphrase of mine\"}").status());
        assertEquals(204, other.post("/api/session/sign-out-everywhere", null).status());
        assertEquals(401, other.get("/api/session").status());
        assertEquals(204, other.post("/api/session/sign-out", null).status(), "signing out works without a session too");
        DocumentedApi here = signedIn(fixture.member("api-here", Role.NURSE, "own"));
        assertEquals(204, here.post("/api/session/sign-out", "{}").status());
        assertEquals(401, here.get("/api/session").status());
    }

    @Test
    @Order(4)
    void staffAccountsAnswerAsDocumented() {
        assertEquals(1, admin.get("/api/wards?all=true").json().size());
        assertEquals(403, nurse.get("/api/wards?all=true").status());
        assertTrue(admin.get("/api/users").json().size() >= 2);
        String user = "{\"username\":\"api-created\",\"displayName\":\"Created\",\"role\":\"nurse\",\"wards\":[\"own\"]}";
        Answer created = admin.post("/api/users", user);
        assertEquals(201, created.status(), created.toString());
        assertTrue(created.json().get("oneTimePassword").isTextual());
        String id = created.json().at("/user/id").asText();
        assertEquals("username", admin.post("/api/users", user).json().get("field").asText(), "taken: 409");
        assertEquals("oidcSubject", admin.post("/api/users", user.replace("api-created", "api-linked")
                .replace("}", ",\"oidcSubject\":\"sub-1\"}")).json().get("field").asText(), "no SSO here: 400");
        assertEquals("ward_manager", admin.patch("/api/users/" + id, "{\"role\":\"ward_manager\",\"active\":true}").json()
                .get("role").asText());
        assertEquals(400, admin.outsideTheSchema("PATCH", "/api/users/" + id, "{}").status());
        assertEquals(404, admin.patch("/api/users/nobody", "{\"active\":false}").status());
        assertTrue(admin.post("/api/users/" + id + "/reset", null).json().get("oneTimePassword").isTextual());
        assertEquals(204, admin.post("/api/users/" + id + "/end-sessions", null).status());
        assertEquals(403, nurse.get("/api/users").status());
        assertEquals(403, nurse.post("/api/users", user.replace("api-created", "api-nurses")).status());
    }

    @Test
    @Order(5)
    void theAuditTrailAnswersAsDocumented() {
        Answer page = admin.get("/api/audit?limit=2");
        assertEquals(2, page.json().get("entries").size(), page.toString());
        long next = page.json().get("next").asLong();
        assertEquals(2, admin.get("/api/audit?before=" + next + "&limit=2&from=2026-03-01&to=2026-03-02").json()
                .get("entries").size());
        assertTrue(admin.get("/api/audit?action=sign_in&ward=own").json().has("entries"));
        assertEquals(400, admin.get("/api/audit?limit=0").status());
        assertTrue(admin.get("/api/audit/actions").json().size() > 10);
        assertEquals(403, nurse.get("/api/audit").status());
    }

    @Test
    @Order(6)
    void tooManyFailedPasswordsAnswer429WithRetryAfter() {
        fixture.member("api-throttled", Role.NURSE, "own");
        DocumentedApi b = browser();
        Answer a = null;
        for (int i = 0; i < 6; i++) {
            a = b.post("/api/auth/password", credentials("api-throttled", "wrong " + i));
        }
        assertEquals(429, a.status(), a.toString());
        assertEquals(a.json().get("retryAfterSeconds").asText(), a.raw().headers().firstValue("Retry-After").orElse(""));
    }

    @Test
    @Order(99)
    void everyOperationOfTheseTagsAnsweredWithSuccess() {
        Set<String> missing = DOC.operations().stream().filter(o -> o.onlyWhen().isEmpty())
                .filter(o -> TAGS.contains(o.node().path("tags").path(0).asText())).map(OpenApiDocument.Operation::key)
                .filter(k -> !DocumentedApi.SUCCEEDED.contains(k)).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(Set.of(), missing);
    }
}
