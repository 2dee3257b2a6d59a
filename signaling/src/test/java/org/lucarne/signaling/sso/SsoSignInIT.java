package org.lucarne.signaling.sso;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lucarne.signaling.staff.StaffAccounts;
import org.lucarne.signaling.staff.StaffUser;
import org.lucarne.signaling.testing.AuditRows;
import org.lucarne.signaling.testing.StaffClient.Answer;
import org.lucarne.signaling.testing.StaffFixture;
import org.lucarne.signaling.testing.TestServer;

/**
 * SSO sign-in end to end over HTTP, roles and wards from the claims ({@code auth.oidc.accounts =
 * claims}): a real Lucarne server, a real OpenID Connect provider (mock-oauth2-server), and a
 * cookie-keeping client that follows the browser's redirects.
 */
class SsoSignInIT {
    private static MockProvider provider;
    private static TestServer server;
    private AuditRows audit;

    @BeforeAll
    static void start() {
        provider = MockProvider.start();
        server = TestServer.start(Map.of(
                "LUCARNE_AUTH_OIDC_ISSUER", provider.issuer().toString(),
                "LUCARNE_AUTH_OIDC_CLIENT_ID", "lucarne",
                "LUCARNE_AUTH_OIDC_CLIENT_SECRET", "the-client-secret"));
        StaffFixture fixture = new StaffFixture(server);
        fixture.ward("icu", "Marie Dupont");
        fixture.ward("cardio", "Paul Martin");
    }

    @AfterAll
    static void stop() {
        server.close();
        provider.close();
    }

    @BeforeEach
    void mark() {
        audit = new AuditRows(server.server().database());
    }

    private SsoBrowser browser() {
        return new SsoBrowser(server, provider);
    }

    private StaffAccounts accounts() {
        return server.server().staff().accounts();
    }

    private Optional<String> accountOf(String subject) {
        String link = SsoIdentity.link(provider.issuer().toString(), subject);
        return server.server().database().inTransaction(c -> accounts().idOfOidcSubject(c, link));
    }

    @Test
    void firstSignInMakesTheAccountFromTheClaimsAndOpensASessionAsLocalSignInDoes() {
        provider.nextSignIn("nurse-1", Map.of("lucarne_roles", List.of("nurse", "offline_access"),
                "lucarne_wards", List.of("icu", "no-such-ward"), "name", "Alice Martin", "preferred_username", "amartin"));
        SsoBrowser browser = browser();
        SsoBrowser.Trip trip = browser.signIn();
        assertEquals("/staff", trip.landing());
        String session = trip.setCookies().stream().filter(c -> c.startsWith("__Host-lucarne-session=")).findFirst()
                .orElseThrow(() -> new AssertionError(trip.setCookies().toString()));
        assertTrue(session.contains("Secure") && session.contains("HttpOnly") && session.contains("SameSite=Strict")
                && session.contains("Path=/"), session);
        assertTrue(trip.setCookies().stream().anyMatch(c -> c.startsWith("__Host-lucarne-sso=;") && c.contains("Max-Age=0")),
                "the sign-in cookie is cleared: " + trip.setCookies());
        assertEquals("no-store", trip.answer().headers().firstValue("Cache-Control").orElse(""));

        Answer me = browser.client().get("/api/session");
        assertEquals(200, me.status(), me.toString());
        JsonNode user = me.json().get("user");
        assertEquals("nurse", user.get("role").asText());
        assertEquals("amartin", user.get("username").asText());
        assertEquals("Alice Martin", user.get("displayName").asText());
        assertTrue(user.get("sso").asBoolean());
        assertEquals(1, user.get("wards").size());
        assertEquals("icu", user.get("wards").get(0).get("id").asText());
        // The session's CSRF token works for a change, as after a local sign-in.
        browser.client().csrf(me.json().get("csrf").asText());
        assertEquals(204, browser.client().post("/api/session/sign-out", null).status());
        assertEquals(401, browser.client().get("/api/session").status());

        String id = accountOf("nurse-1").orElseThrow();
        AuditRows.Row created = audit.since("user.created").get(0);
        assertEquals("system", created.actor());
        assertEquals("user:" + id, created.target());
        assertTrue(created.detailHas("role=nurse") && created.detailHas("wards=icu"), created.detail());
        AuditRows.Row signedIn = audit.since("sign_in.sso").get(0);
        assertEquals("staff:" + id, signedIn.actor());
        assertEquals("success", signedIn.outcome());
        assertEquals("127.0.0.1", signedIn.address());
        assertFalse(String.valueOf(signedIn.detail()).contains("Alice"), "no names in the audit trail");
    }

    @Test
    void eachSignInBringsRoleWardsAndNameInLineWithTheClaims() {
        provider.nextSignIn("manager-1", Map.of("lucarne_roles", "nurse", "lucarne_wards", "icu", "name", "Jo Durand"));
        assertEquals("/staff", browser().signIn().landing());
        String id = accountOf("manager-1").orElseThrow();
        audit.mark();
        provider.nextSignIn("manager-1", Map.of("lucarne_roles", List.of("nurse", "ward_manager"),
                "lucarne_wards", List.of("icu", "cardio"), "name", "Jo Durand-Petit"));
        SsoBrowser browser = browser();
        assertEquals("/staff", browser.signIn().landing());
        StaffUser u = accounts().find(id).orElseThrow();
        assertEquals("ward_manager", u.role().stored());
        assertEquals(List.of("cardio", "icu"), u.wardIds().stream().sorted().toList());
        assertEquals("Jo Durand-Petit", u.displayName());
        AuditRows.Row changed = audit.since("user.changed").get(0);
        assertEquals("system", changed.actor());
        assertTrue(changed.detailHas("role=ward_manager") && changed.detailHas("wards=cardio,icu")
                && changed.detailHas("display_name=changed"), changed.detail());

        audit.mark();
        provider.nextSignIn("manager-1", Map.of("lucarne_roles", List.of("ward_manager"), "lucarne_wards",
                List.of("cardio", "icu"), "name", "Jo Durand-Petit"));
        assertEquals("/staff", browser().signIn().landing());
        assertTrue(audit.since("user.changed").isEmpty(), "nothing changed, nothing recorded");

        provider.nextSignIn("manager-1", Map.of("lucarne_roles", List.of("offline_access"), "lucarne_wards", "icu"));
        assertEquals("/staff?sso_error=no_role", browser().signIn().landing(), "a role removed at the provider");
        AuditRows.Row refused = audit.since("sign_in.sso").get(1);
        assertEquals("staff:" + id, refused.actor());
        assertEquals("failure", refused.outcome());
        assertTrue(refused.detailHas("reason=no_role"), refused.detail());
    }

    @Test
    void personWithNoLucarneRoleIsRefusedInWordsAndNoAccountIsMade() throws Exception {
        int before = accounts().list().size();
        provider.nextSignIn("radiologist-1", Map.of("lucarne_roles", List.of("radiology"), "lucarne_wards", "icu"));
        SsoBrowser browser = browser();
        SsoBrowser.Trip trip = browser.signIn();
        assertEquals("/staff?sso_error=no_role", trip.landing());
        assertTrue(trip.setCookies().stream().noneMatch(c -> c.startsWith("__Host-lucarne-session=")));
        assertEquals(401, browser.client().get("/api/session").status());
        assertEquals(before, accounts().list().size());
        assertTrue(accountOf("radiologist-1").isEmpty());
        AuditRows.Row refused = audit.since("sign_in.sso").get(0);
        assertEquals("anonymous", refused.actor());
        assertEquals("failure", refused.outcome());
        assertTrue(refused.detailHas("reason=no_role"), refused.detail());
        assertTrue(consoleSays("no_role").contains("role in Lucarne"));
    }

    @Test
    void nurseWithoutAWardLucarneKnowsIsRefusedButAnAdminNeedsNone() {
        provider.nextSignIn("nurse-nowhere", Map.of("lucarne_roles", "nurse", "lucarne_wards", List.of("unknown")));
        assertEquals("/staff?sso_error=no_ward", browser().signIn().landing());
        provider.nextSignIn("nurse-noclaim", Map.of("lucarne_roles", "nurse"));
        assertEquals("/staff?sso_error=no_ward", browser().signIn().landing());
        provider.nextSignIn("admin-1", Map.of("lucarne_roles", "admin"));
        assertEquals("/staff", browser().signIn().landing());
        assertEquals("admin", accounts().find(accountOf("admin-1").orElseThrow()).orElseThrow().role().stored());
    }

    @Test
    void disabledAccountIsRefused() {
        provider.nextSignIn("nurse-2", Map.of("lucarne_roles", "nurse", "lucarne_wards", "icu"));
        assertEquals("/staff", browser().signIn().landing());
        String id = accountOf("nurse-2").orElseThrow();
        server.server().database().inTransaction(c -> accounts().change(c, id, new StaffAccounts.Changes(
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.of(false))));
        audit.mark();
        provider.nextSignIn("nurse-2", Map.of("lucarne_roles", "nurse", "lucarne_wards", "icu"));
        assertEquals("/staff?sso_error=disabled", browser().signIn().landing());
        AuditRows.Row refused = audit.since("sign_in.sso").get(0);
        assertEquals("staff:" + id, refused.actor());
        assertTrue(refused.detailHas("reason=disabled"));
    }

    @Test
    void replayedCallbackIsRefused() {
        provider.nextSignIn("nurse-3", Map.of("lucarne_roles", "nurse", "lucarne_wards", "icu"));
        SsoBrowser browser = browser();
        SsoBrowser.Trip trip = browser.signIn();
        assertEquals("/staff", trip.landing());
        String state = MockProvider.query(trip.callback()).get("state");
        audit.mark();
        // The same answer again, with the sign-in cookie it came with (an attacker who saw both, or a
        // browser sent back twice).
        HttpResponse<String> again = browser.send(HttpRequest.newBuilder(trip.callback()).GET()
                .header("Cookie", "__Host-lucarne-sso=" + state));
        assertEquals("/staff?sso_error=expired", again.headers().firstValue("Location").orElse(""));
        assertTrue(again.headers().allValues("Set-Cookie").stream().noneMatch(c -> c.startsWith("__Host-lucarne-session=")));
        assertTrue(audit.since("sign_in.sso").get(0).detailHas("reason=state_unknown"));
    }

    @Test
    void callbackWithoutTheSignInCookieIsRefused() {
        provider.nextSignIn("nurse-4", Map.of("lucarne_roles", "nurse", "lucarne_wards", "icu"));
        SsoBrowser browser = browser();
        HttpResponse<String> start = browser.get(java.net.URI.create(server.url("/auth/oidc/start")));
        String cookie = start.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("__Host-lucarne-sso="))
                .findFirst().orElseThrow();
        assertTrue(cookie.contains("SameSite=Lax") && cookie.contains("Secure") && cookie.contains("HttpOnly")
                && cookie.contains("Max-Age=600") && cookie.contains("Path=/"), cookie);
        java.net.URI callback = provider.redirectBack(java.net.URI.create(start.headers().firstValue("Location")
                .orElseThrow()));
        // Another browser (no cookie) given this browser's answer: login CSRF.
        SsoBrowser other = browser();
        assertEquals("/staff?sso_error=expired", other.get(callback).headers().firstValue("Location").orElse(""));
        assertTrue(audit.since("sign_in.sso").get(0).detailHas("reason=cookie_missing"));
        assertEquals("/staff", browser.get(callback).headers().firstValue("Location").orElse(""),
                "the browser that started it still can");
    }

    @Test
    void providerRefusalComesBackAsDeniedInWords() throws Exception {
        provider.answerNextAuthorization(r -> MockProvider.errorRedirect(r, "access_denied"));
        assertEquals("/staff?sso_error=denied", browser().signIn().landing());
        assertTrue(audit.since("sign_in.sso").get(0).detailHas("reason=provider.access_denied"));
        assertTrue(consoleSays("denied").contains("cancelled or refused"));
    }

    @Test
    void idTokenForAnotherAudienceIsRejected() {
        provider.nextSignIn("nurse-5", Map.of("aud", "another-application", "lucarne_roles", "nurse",
                "lucarne_wards", "icu"));
        assertEquals("/staff?sso_error=rejected", browser().signIn().landing());
        assertTrue(accountOf("nurse-5").isEmpty());
        assertTrue(audit.since("sign_in.sso").get(0).detailHas("reason=id_token.audience"));
    }

    @Test
    void expiredIdTokenIsRejected() {
        provider.nextSignIn("nurse-6", Map.of("lucarne_roles", "nurse", "lucarne_wards", "icu"), -3600);
        assertEquals("/staff?sso_error=rejected", browser().signIn().landing());
        assertTrue(audit.since("sign_in.sso").get(0).detailHas("reason=id_token.expired"));
    }

    @Test
    void signInMethodsSaySsoAndAnSsoAccountHasNoPassword() {
        SsoBrowser browser = browser();
        Answer methods = browser.client().get("/api/auth/methods");
        assertEquals(200, methods.status());
        assertTrue(methods.json().get("sso").asBoolean());
        assertTrue(methods.json().get("local").asBoolean());
        provider.nextSignIn("nurse-7", Map.of("lucarne_roles", "nurse", "lucarne_wards", "icu",
                "preferred_username", "nurse.seven"));
        assertEquals("/staff", browser.signIn().landing());
        Answer password = browser().client().post("/api/auth/password",
                "{\"username\":\"nurse.seven\",\"password\":\"correct horse battery staple\"}");
        assertEquals(401, password.status(), password.toString());
        assertEquals("bad_credentials", password.error());
    }

    @Test
    void otherPathsUnderAuthOidcAreNotFound() {
        assertEquals(404, browser().get(java.net.URI.create(server.url("/auth/oidc/other"))).statusCode());
    }

    /** The console's English words for an sso_error code. */
    private static String consoleSays(String code) throws Exception {
        Path en = Path.of("..", "web-client", "app", "i18n", "en.json");
        return new ObjectMapper().readTree(Files.readString(en)).get("error.sso." + code).asText();
    }
}
