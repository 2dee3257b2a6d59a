package org.lucarne.signaling.sso;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import no.nav.security.mock.oauth2.http.OAuth2HttpRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lucarne.signaling.StartupException;
import org.lucarne.signaling.config.StaffSettings;
import org.lucarne.testing.ManualClock;
import org.lucarne.signaling.storage.Database;
import org.lucarne.signaling.storage.TestBackend;

/**
 * The OpenID Connect client against a real provider (mock-oauth2-server): the sign-in from the
 * authorization URL to a checked identity, and each way it is refused.
 */
class OidcClientIT {
    static final URI REDIRECT = URI.create("https://localhost:8443/auth/oidc/callback");

    private MockProvider provider;
    private TestBackend backend;
    private Database db;
    private ManualClock clock;
    private OidcClient client;

    @BeforeEach
    void setUp() {
        provider = MockProvider.start();
        backend = TestBackend.sqlite();
        db = Database.open(backend.settings());
        clock = new ManualClock(Clock.systemUTC().instant());
        client = client(settings(provider.issuer(), true));
    }

    @AfterEach
    void tearDown() {
        provider.close();
        db.close();
        backend.close();
    }

    static StaffSettings.Oidc settings(URI issuer, boolean reauthenticate) {
        return new StaffSettings.Oidc(issuer, "lucarne", "the-client-secret", List.of("openid", "profile"),
                StaffSettings.Accounts.CLAIMS, "lucarne_roles", "lucarne_wards", "name", reauthenticate, List.of());
    }

    private OidcClient client(StaffSettings.Oidc settings) {
        OidcProvider p = new OidcProvider(settings, clock);
        return new OidcClient(p, new PendingLogins(db, clock, new SecureRandom()), () -> REDIRECT, clock);
    }

    private SsoIdentity signIn() throws SsoFailure {
        OidcClient.Start start = client.begin();
        return client.complete(provider.authorize(start.authorizationUri()), Optional.of(start.state()));
    }

    private SsoFailure refused(OidcClient.Start start, Map<String, String> answer) {
        return assertThrows(SsoFailure.class, () -> client.complete(answer, Optional.of(start.state())));
    }

    @Test
    void goodSignInGivesTheIdentityOfTheClaims() throws Exception {
        provider.nextSignIn("nurse-7", Map.of("lucarne_roles", List.of("nurse"), "lucarne_wards", List.of("ward-a"),
                "name", "Alice Martin"));
        SsoIdentity who = signIn();
        assertEquals(provider.issuer().toString(), who.issuer());
        assertEquals("nurse-7", who.subject());
        assertEquals(Optional.of("nurse"), who.role());
        assertEquals(Optional.of(Set.of("ward-a")), who.wards());
        assertEquals(Optional.of("Alice Martin"), who.displayName());
    }

    @Test
    void authorizationRequestCarriesPkceS256StateNonceAndPromptLogin() throws Exception {
        OidcClient.Start start = client.begin();
        Map<String, String> q = MockProvider.query(start.authorizationUri());
        assertEquals("code", q.get("response_type"));
        assertEquals("lucarne", q.get("client_id"));
        assertEquals(REDIRECT.toString(), q.get("redirect_uri"));
        assertEquals("openid profile", q.get("scope"));
        assertEquals(start.state(), q.get("state"));
        assertEquals("S256", q.get("code_challenge_method"));
        assertTrue(q.get("code_challenge").matches("[A-Za-z0-9_-]{43}"), q.get("code_challenge"));
        assertTrue(q.get("nonce").matches("[A-Za-z0-9_-]{43}"));
        assertEquals("login", q.get("prompt"));
        assertTrue(start.authorizationUri().toString().startsWith(provider.issuer() + "/authorize?"));
        OidcClient.Start again = client(settings(provider.issuer(), false)).begin();
        assertFalse(MockProvider.query(again.authorizationUri()).containsKey("prompt"));
    }

    @Test
    void authenticationLevelIsAskedForAndTheTokensChecked() throws Exception {
        StaffSettings.Oidc s = settings(provider.issuer(), true);
        client = client(new StaffSettings.Oidc(s.issuer(), s.clientId(), s.clientSecret(), s.scopes(), s.accounts(),
                s.rolesClaim(), s.wardsClaim(), s.nameClaim(), s.reauthenticate(), List.of("eidas1")));
        OidcClient.Start start = client.begin();
        assertEquals("eidas1", MockProvider.query(start.authorizationUri()).get("acr_values"));
        provider.nextSignIn("nurse-7", Map.of("lucarne_roles", "nurse", "acr", "eidas1"));
        assertEquals("nurse-7", client.complete(provider.authorize(start.authorizationUri()),
                Optional.of(start.state())).subject());
        provider.nextSignIn("nurse-7", Map.of("lucarne_roles", "nurse", "acr", "password-only"));
        assertEquals("id_token.acr", assertThrows(SsoFailure.class, this::signIn).reason());
    }

    @Test
    void tokenRequestAuthenticatesWithClientSecretBasicAndSendsTheVerifier() throws Exception {
        OidcClient.Start start = client.begin();
        String challenge = MockProvider.query(start.authorizationUri()).get("code_challenge");
        provider.nextSignIn("nurse-7", Map.of("lucarne_roles", "nurse"));
        client.complete(provider.authorize(start.authorizationUri()), Optional.of(start.state()));
        OAuth2HttpRequest token = provider.requests().stream().filter(r -> r.getUrl().encodedPath().endsWith("/token"))
                .findFirst().orElseThrow();
        String basic = "Basic " + Base64.getEncoder().encodeToString("lucarne:the-client-secret"
                .getBytes(StandardCharsets.UTF_8));
        assertEquals(basic, token.getHeaders().get("Authorization"));
        assertFalse(token.getBody().contains("client_secret"), "the secret is not in the body");
        String verifier = token.getFormParameters().get("code_verifier");
        // RFC 7636 §4.2: code_challenge = BASE64URL(SHA256(ASCII(code_verifier))).
        String computed = Base64.getUrlEncoder().withoutPadding().encodeToString(MessageDigest.getInstance("SHA-256")
                .digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        assertEquals(challenge, computed);
        assertEquals(REDIRECT.toString(), token.getFormParameters().get("redirect_uri"));
    }

    @Test
    void idTokenForAnotherAudienceRefused() throws Exception {
        provider.nextSignIn("nurse-7", Map.of("aud", "another-application", "lucarne_roles", "nurse"));
        SsoFailure f = assertThrows(SsoFailure.class, this::signIn);
        assertEquals(SsoError.REJECTED, f.error());
        assertEquals("id_token.audience", f.reason());
    }

    @Test
    void idTokenCarryingAnotherSignInsNonceRefused() throws Exception {
        OidcClient.Start first = client.begin();
        OidcClient.Start second = client.begin();
        String otherNonce = MockProvider.query(first.authorizationUri()).get("nonce");
        String ownNonce = MockProvider.query(second.authorizationUri()).get("nonce");
        // The second sign-in's request, its PKCE challenge and state kept, but the first one's nonce.
        URI tampered = URI.create(second.authorizationUri().toString().replace("nonce=" + ownNonce,
                "nonce=" + otherNonce));
        provider.nextSignIn("nurse-7", Map.of("lucarne_roles", "nurse"));
        SsoFailure f = refused(second, provider.authorize(tampered));
        assertEquals(SsoError.REJECTED, f.error());
        assertEquals("id_token.nonce", f.reason());
    }

    @Test
    void codeOfOneSignInPresentedWithAnotherSignInsStateRefused() throws Exception {
        OidcClient.Start first = client.begin();
        OidcClient.Start second = client.begin();
        Map<String, String> firstAnswer = provider.authorize(first.authorizationUri());
        Map<String, String> mixed = new HashMap<>(firstAnswer);
        mixed.put("state", second.state());
        SsoFailure f = refused(second, mixed);
        assertEquals(SsoError.REJECTED, f.error());
        // The provider ties the code to the first sign-in's PKCE challenge (RFC 7636 §4.6).
        assertEquals("token_request.invalid_grant", f.reason());
    }

    @Test
    void expiredIdTokenRefused() {
        provider.nextSignIn("nurse-7", Map.of("lucarne_roles", "nurse"), -3600);
        SsoFailure f = assertThrows(SsoFailure.class, this::signIn);
        assertEquals("id_token.expired", f.reason());
    }

    @Test
    void idTokenTooOldForOurClockRefused() throws Exception {
        provider.nextSignIn("nurse-7", Map.of("lucarne_roles", "nurse"), 30);
        OidcClient.Start start = client.begin();
        Map<String, String> answer = provider.authorize(start.authorizationUri());
        clock.advance(Duration.ofSeconds(30 + 61));
        assertEquals("id_token.expired", refused(start, answer).reason());
    }

    @Test
    void idTokenWithAlteredSignatureRefused() throws Exception {
        OidcClient.Start start = client.begin();
        String nonce = MockProvider.query(start.authorizationUri()).get("nonce");
        SignedJWT genuine = provider.server().issueToken(MockProvider.ISSUER_ID, "lucarne",
                new no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback(MockProvider.ISSUER_ID, "nurse-7",
                        "JWT", List.of("lucarne"), Map.of("nonce", nonce, "aud", "lucarne"), 3600));
        String[] parts = genuine.serialize().split("\\.");
        String payload = Base64.getUrlEncoder().withoutPadding().encodeToString(new String(Base64.getUrlDecoder()
                .decode(parts[1]), StandardCharsets.UTF_8).replace("nurse-7", "admin-1").getBytes(StandardCharsets.UTF_8));
        provider.answerNextToken(tokenResponse(parts[0] + "." + payload + "." + parts[2]));
        SsoFailure f = refused(start, provider.authorize(start.authorizationUri()));
        assertEquals("id_token.signature", f.reason());
    }

    @Test
    void idTokenSignedWithKeyNotInTheProvidersKeySetRefused() throws Exception {
        OidcClient.Start start = client.begin();
        String nonce = MockProvider.query(start.authorizationUri()).get("nonce");
        RSAKey stranger = new RSAKeyGenerator(2048).keyID("stranger").generate();
        SignedJWT forged = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("stranger").build(),
                new JWTClaimsSet.Builder().issuer(provider.issuer().toString()).subject("admin-1").audience("lucarne")
                        .issueTime(new Date()).expirationTime(new Date(System.currentTimeMillis() + 60_000))
                        .claim("nonce", nonce).claim("lucarne_roles", List.of("admin")).build());
        forged.sign(new RSASSASigner(stranger));
        provider.answerNextToken(tokenResponse(forged.serialize()));
        SsoFailure f = refused(start, provider.authorize(start.authorizationUri()));
        assertEquals(SsoError.REJECTED, f.error());
        assertEquals("id_token.unknown_key", f.reason());
    }

    @Test
    void userWithNoLucarneRoleHasNone() throws Exception {
        provider.nextSignIn("radiologist-1", Map.of("lucarne_roles", List.of("radiology", "offline_access")));
        SsoIdentity who = signIn();
        assertEquals(Optional.empty(), who.role());
        assertEquals(2, who.otherRoles());
    }

    @Test
    void replayedAnswerRefusedTheSecondTime() throws Exception {
        provider.nextSignIn("nurse-7", Map.of("lucarne_roles", "nurse"));
        OidcClient.Start start = client.begin();
        Map<String, String> answer = provider.authorize(start.authorizationUri());
        client.complete(answer, Optional.of(start.state()));
        SsoFailure f = refused(start, answer);
        assertEquals(SsoError.EXPIRED, f.error());
        assertEquals("state_unknown", f.reason());
    }

    @Test
    void answerWithoutTheBrowsersCookieOrWithAnotherStateRefused() throws Exception {
        provider.nextSignIn("nurse-7", Map.of("lucarne_roles", "nurse"));
        OidcClient.Start start = client.begin();
        Map<String, String> answer = provider.authorize(start.authorizationUri());
        SsoFailure noCookie = assertThrows(SsoFailure.class, () -> client.complete(answer, Optional.empty()));
        assertEquals("cookie_missing", noCookie.reason());
        SsoFailure otherCookie = assertThrows(SsoFailure.class, () -> client.complete(answer, Optional.of("other")));
        assertEquals("state_mismatch", otherCookie.reason());
        Map<String, String> noState = new HashMap<>(answer);
        noState.remove("state");
        assertEquals("state_missing", refused(start, noState).reason());
        assertEquals("nurse-7", client.complete(answer, Optional.of(start.state())).subject(),
                "the refused answers did not use up the sign-in");
    }

    @Test
    void signInOverTenMinutesOldRefused() throws Exception {
        OidcClient.Start start = client.begin();
        Map<String, String> answer = provider.authorize(start.authorizationUri());
        clock.advance(PendingLogins.LIFETIME);
        assertEquals("state_unknown", refused(start, answer).reason());
    }

    @Test
    void providerRefusalIsDeniedAndOtherErrorsAreTheProvidersAndUseTheSignIn() throws Exception {
        OidcClient.Start start = client.begin();
        provider.answerNextAuthorization(r -> MockProvider.errorRedirect(r, "access_denied"));
        Map<String, String> answer = provider.authorize(start.authorizationUri());
        assertEquals("access_denied", answer.get("error"));
        SsoFailure denied = refused(start, answer);
        assertEquals(SsoError.DENIED, denied.error());
        assertEquals("provider.access_denied", denied.reason());
        assertEquals("state_unknown", refused(start, answer).reason(), "the sign-in is over");

        OidcClient.Start other = client.begin();
        provider.answerNextAuthorization(r -> MockProvider.errorRedirect(r, "temporarily_unavailable"));
        SsoFailure error = refused(other, provider.authorize(other.authorizationUri()));
        assertEquals(SsoError.PROVIDER_ERROR, error.error());
        assertEquals("provider.temporarily_unavailable", error.reason());
    }

    @Test
    void answerNamingAnotherIssuerRefused() throws Exception {
        OidcClient.Start start = client.begin();
        Map<String, String> answer = new HashMap<>(provider.authorize(start.authorizationUri()));
        answer.put("iss", "https://evil.example");
        assertEquals("issuer_parameter", refused(start, answer).reason());
    }

    @Test
    void providerDownAtFirstIsAskedAgainAfterTenSeconds() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        OidcClient later = client(settings(URI.create("http://localhost:" + port + "/" + MockProvider.ISSUER_ID), true));
        SsoFailure down = assertThrows(SsoFailure.class, later::begin);
        assertEquals(SsoError.UNAVAILABLE, down.error());
        assertEquals("provider_unreachable", down.reason());
        try (MockProvider upNow = MockProvider.start(port)) {
            assertEquals("provider_unreachable", assertThrows(SsoFailure.class, later::begin).reason(),
                    "not asked again within ten seconds");
            clock.advance(OidcProvider.RETRY_INTERVAL);
            upNow.nextSignIn("nurse-7", Map.of("lucarne_roles", "nurse"));
            OidcClient.Start start = later.begin();
            assertEquals("nurse-7", later.complete(upNow.authorize(start.authorizationUri()),
                    Optional.of(start.state())).subject());
        }
    }

    @Test
    void providerAnnouncingAnotherIssuerStopsTheStart() {
        OidcProvider wrong = new OidcProvider(settings(URI.create(provider.issuer() + "/"), true), clock);
        StartupException e = assertThrows(StartupException.class, wrong::loadAtStart);
        assertTrue(e.getMessage().contains("auth.oidc.issuer"), e.getMessage());
        assertTrue(e.getMessage().contains("calls itself " + provider.issuer()), e.getMessage());
    }

    @Test
    void unreachableProviderDoesNotStopTheStart() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        new OidcProvider(settings(URI.create("http://localhost:" + port + "/hospital"), true), clock).loadAtStart();
    }

    private static String tokenResponse(String idToken) {
        return "{\"access_token\":\"opaque\",\"token_type\":\"Bearer\",\"expires_in\":3600,\"id_token\":\"" + idToken
                + "\"}";
    }
}
