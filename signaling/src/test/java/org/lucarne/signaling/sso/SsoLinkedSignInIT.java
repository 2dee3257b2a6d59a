package org.lucarne.signaling.sso;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lucarne.signaling.policy.Role;
import org.lucarne.signaling.staff.StaffAccounts;
import org.lucarne.signaling.staff.StaffUser;
import org.lucarne.signaling.testing.AuditRows;
import org.lucarne.signaling.testing.StaffClient;
import org.lucarne.signaling.testing.StaffClient.Answer;
import org.lucarne.signaling.testing.StaffFixture;
import org.lucarne.signaling.testing.TestServer;

/**
 * SSO sign-in end to end where the provider only says who the person is
 * ({@code auth.oidc.accounts = linked}, as with Pro Santé Connect), and password sign-in is off.
 */
class SsoLinkedSignInIT {
    private static MockProvider provider;
    private static TestServer server;
    private static String linkedNurse;
    private AuditRows audit;

    @BeforeAll
    static void start() {
        provider = MockProvider.start();
        server = TestServer.start(Map.of(
                "LUCARNE_AUTH_OIDC_ISSUER", provider.issuer().toString(),
                "LUCARNE_AUTH_OIDC_CLIENT_ID", "lucarne",
                "LUCARNE_AUTH_OIDC_CLIENT_SECRET", "the-client-secret",
                "LUCARNE_AUTH_OIDC_ACCOUNTS", "linked",
                "LUCARNE_AUTH_LOCAL_ENABLED", "false"));
        new StaffFixture(server).ward("icu", "Marie Dupont");
        StaffAccounts accounts = server.server().staff().accounts();
        // As `admin create-user --oidc-subject 810012345678` makes it: no password, linked to the subject.
        linkedNurse = server.server().database().inTransaction(c -> {
            StaffUser u = accounts.create(c, new StaffAccounts.NewUser("jdurand", "Jeanne Durand", Role.NURSE,
                    Set.of("icu"), null, false));
            accounts.linkOidcSubject(c, u.id(), SsoIdentity.link(provider.issuer().toString(), "810012345678"));
            return u.id();
        });
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

    @Test
    void linkedAccountSignsInWithLucarnesRoleAndWardsWhateverTheClaimsSay() {
        provider.nextSignIn("810012345678", Map.of("given_name", "Jeanne", "family_name", "Durand-Leroy",
                "lucarne_roles", List.of("admin")));
        SsoBrowser browser = new SsoBrowser(server, provider);
        assertEquals("/staff", browser.signIn().landing());
        Answer me = browser.client().get("/api/session");
        assertEquals(200, me.status(), me.toString());
        JsonNode user = me.json().get("user");
        assertEquals(linkedNurse, user.get("id").asText());
        assertEquals("nurse", user.get("role").asText(), "Lucarne's role, not the claim's");
        assertEquals("icu", user.get("wards").get(0).get("id").asText());
        assertEquals("Jeanne Durand-Leroy", user.get("displayName").asText(), "the provider's name, kept up to date");
        AuditRows.Row signedIn = audit.since("sign_in.sso").get(0);
        assertEquals("staff:" + linkedNurse, signedIn.actor());
        assertTrue(signedIn.detailHas("accounts=linked"), signedIn.detail());
        AuditRows.Row renamed = audit.since("user.changed").get(0);
        assertEquals("system", renamed.actor());
        assertTrue(renamed.detailHas("display_name=changed"));
    }

    @Test
    void anAdminLinksANewAccountInTheConsoleAndItsOwnerSignsInAtTheProvider() {
        String admin = server.server().database().inTransaction(c -> {
            StaffUser u = server.server().staff().accounts().create(c, new StaffAccounts.NewUser("ppetit", "Paul Petit",
                    Role.ADMIN, Set.of(), null, false));
            server.server().staff().accounts().linkOidcSubject(c, u.id(),
                    SsoIdentity.link(provider.issuer().toString(), "810000000001"));
            return u.id();
        });
        provider.nextSignIn("810000000001", Map.of());
        SsoBrowser adminBrowser = new SsoBrowser(server, provider);
        assertEquals("/staff", adminBrowser.signIn().landing());
        StaffClient console = adminBrowser.client();
        console.csrf(console.get("/api/session").json().get("csrf").asText());

        Answer created = console.post("/api/users", "{\"username\":\"lmartin\",\"displayName\":\"Léa Martin\","
                + "\"role\":\"nurse\",\"wards\":[\"icu\"],\"oidcSubject\":\"810055555555\"}");
        assertEquals(201, created.status(), created.toString());
        assertTrue(created.json().get("oneTimePassword").isNull(), "no password of ours: the provider signs them in");
        assertTrue(created.json().get("user").get("sso").asBoolean(), created.toString());
        AuditRows.Row made = audit.since("user.created").get(0);
        assertEquals("staff:" + admin, made.actor());
        assertTrue(made.detailHas("sso=linked"), made.detail());
        assertFalse(made.detail().contains("810055555555"), "the subject stays out of the trail");

        Answer again = console.post("/api/users", "{\"username\":\"lmartin2\",\"displayName\":\"Léa Martin\","
                + "\"role\":\"nurse\",\"wards\":[\"icu\"],\"oidcSubject\":\"810055555555\"}");
        assertEquals(409, again.status(), again.toString());
        assertEquals("oidcSubject", again.json().get("field").asText());

        provider.nextSignIn("810055555555", Map.of());
        SsoBrowser newcomer = new SsoBrowser(server, provider);
        assertEquals("/staff", newcomer.signIn().landing());
        assertEquals(created.json().get("user").get("id").asText(),
                newcomer.client().get("/api/session").json().get("user").get("id").asText());
    }

    @Test
    void personWithNoLinkedAccountIsRefusedAndNoneIsMade() {
        int before = server.server().staff().accounts().list().size();
        provider.nextSignIn("899999999999", Map.of("lucarne_roles", List.of("admin"), "lucarne_wards", "icu"));
        assertEquals("/staff?sso_error=not_linked", new SsoBrowser(server, provider).signIn().landing());
        assertEquals(before, server.server().staff().accounts().list().size());
        AuditRows.Row refused = audit.since("sign_in.sso").get(0);
        assertEquals("anonymous", refused.actor());
        assertTrue(refused.detailHas("reason=not_linked"));
    }

    @Test
    void passwordSignInIsOffAndTheMethodsSaySo() {
        SsoBrowser browser = new SsoBrowser(server, provider);
        Answer methods = browser.client().get("/api/auth/methods");
        assertFalse(methods.json().get("local").asBoolean());
        assertTrue(methods.json().get("sso").asBoolean());
        Answer password = browser.client().post("/api/auth/password",
                "{\"username\":\"jdurand\",\"password\":\"correct horse battery staple\"}");
        assertEquals(403, password.status(), password.toString());
        assertEquals("local_sign_in_disabled", password.error());
    }

    @Test
    void accountIsFoundByTheSubjectAtThisIssuerNeverByUsernameOrAnotherIssuer() {
        provider.nextSignIn("jdurand", Map.of("preferred_username", "jdurand", "email", "jdurand@chu.example"));
        assertEquals("/staff?sso_error=not_linked", new SsoBrowser(server, provider).signIn().landing(),
                "a subject equal to a linked account's username is not that account");
        StaffAccounts accounts = server.server().staff().accounts();
        String otherIssuer = SsoIdentity.link("https://other.example/realms/x", "810012345678");
        String thisIssuer = SsoIdentity.link(provider.issuer().toString(), "810012345678");
        assertTrue(server.server().database().inTransaction(c -> accounts.idOfOidcSubject(c, otherIssuer)).isEmpty());
        assertEquals(linkedNurse, server.server().database().inTransaction(c -> accounts.idOfOidcSubject(c, thisIssuer))
                .orElseThrow());
    }
}
