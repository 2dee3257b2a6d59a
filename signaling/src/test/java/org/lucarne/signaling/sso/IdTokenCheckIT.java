package org.lucarne.signaling.sso;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lucarne.testing.ManualClock;

/**
 * The ID token checks, each on its own, against a provider's key set served over real HTTP (the
 * JDK's server, so the test decides which keys it holds and sees each fetch).
 */
class IdTokenCheckIT {
    static final String ISSUER = "https://sso.hospital.example/realms/hospital";
    static final String CLIENT = "lucarne";
    static final String NONCE = "nonce-of-this-sign-in";
    static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");

    private HttpServer jwksServer;
    private volatile JWKSet served;
    private final AtomicInteger fetches = new AtomicInteger();
    private ManualClock clock;
    private RSAKey rsa;
    private ECKey ec;
    private IdTokenCheck check;
    private OidcProvider.Endpoints endpoints;

    @BeforeEach
    void setUp() throws Exception {
        rsa = new RSAKeyGenerator(2048).keyID("rsa-1").generate();
        ec = new ECKeyGenerator(Curve.P_256).keyID("ec-1").generate();
        served = new JWKSet(List.<JWK>of(rsa, ec)).toPublicJWKSet();
        jwksServer = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        jwksServer.createContext("/jwks", exchange -> {
            fetches.incrementAndGet();
            byte[] body = served.toString().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        jwksServer.start();
        URI jwks = URI.create("http://127.0.0.1:" + jwksServer.getAddress().getPort() + "/jwks");
        clock = new ManualClock(NOW);
        endpoints = new OidcProvider.Endpoints(new Issuer(ISSUER), URI.create(ISSUER + "/auth"),
                URI.create(ISSUER + "/token"), jwks, Set.of(JWSAlgorithm.RS256, JWSAlgorithm.ES256));
        check = new IdTokenCheck(endpoints, new ProviderKeys(jwks, clock), CLIENT, List.of(), clock);
    }

    @AfterEach
    void tearDown() {
        jwksServer.stop(0);
    }

    private static JWTClaimsSet.Builder claims() {
        return new JWTClaimsSet.Builder().issuer(ISSUER).subject("nurse-1").audience(CLIENT)
                .issueTime(Date.from(NOW)).expirationTime(Date.from(NOW.plusSeconds(300))).claim("nonce", NONCE);
    }

    private static String signed(JWK key, JWSAlgorithm alg, JWTClaimsSet claims) throws Exception {
        JWSSigner signer = key instanceof RSAKey r ? new RSASSASigner(r) : new ECDSASigner((ECKey) key);
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(alg).keyID(key.getKeyID()).type(JOSEObjectType.JWT).build(),
                claims);
        jwt.sign(signer);
        return jwt.serialize();
    }

    private String good(UnaryOperator<JWTClaimsSet.Builder> change) throws Exception {
        return signed(rsa, JWSAlgorithm.RS256, change.apply(claims()).build());
    }

    private String refusal(String token) {
        SsoFailure f = assertThrows(SsoFailure.class, () -> check.check(token, NONCE, NOW.minusSeconds(5)));
        assertEquals(SsoError.REJECTED, f.error(), f.getMessage());
        return f.reason();
    }

    @Test
    void tokenPassingEveryCheckGivesItsClaims() throws Exception {
        assertEquals("nurse-1", check.check(good(b -> b), NONCE, NOW.minusSeconds(5)).getSubject());
        assertEquals("nurse-1", check.check(signed(ec, JWSAlgorithm.ES256, claims().build()), NONCE,
                NOW.minusSeconds(5)).getSubject());
    }

    @Test
    void expiredTokenRefusedBeyondSixtySecondsOfSkewOnTheInjectedClock() throws Exception {
        String token = good(b -> b.expirationTime(Date.from(NOW.plusSeconds(10))));
        clock.set(NOW.plusSeconds(10 + 59));
        assertEquals("nurse-1", check.check(token, NONCE, NOW).getSubject());
        clock.set(NOW.plusSeconds(10 + 61));
        assertEquals("id_token.expired", refusal(token));
    }

    @Test
    void tokenIssuedInTheFutureRefusedBeyondSkew() throws Exception {
        assertEquals("nurse-1", check.check(good(b -> b.issueTime(Date.from(NOW.plusSeconds(59)))), NONCE, NOW)
                .getSubject());
        assertEquals("id_token.issued_in_future", refusal(good(b -> b.issueTime(Date.from(NOW.plusSeconds(61))))));
    }

    @Test
    void tokenIssuedBeforeTheSignInStartedRefused() throws Exception {
        String token = good(b -> b.issueTime(Date.from(NOW.minusSeconds(120))));
        SsoFailure f = assertThrows(SsoFailure.class, () -> check.check(token, NONCE, NOW));
        assertEquals("id_token.issued_before_sign_in", f.reason());
    }

    @Test
    void tokenNotYetValidRefused() throws Exception {
        assertEquals("id_token.not_yet_valid", refusal(good(b -> b.notBeforeTime(Date.from(NOW.plusSeconds(120))))));
    }

    @Test
    void wrongAudienceRefused() throws Exception {
        assertEquals("id_token.audience", refusal(good(b -> b.audience("another-application"))));
    }

    @Test
    void severalAudiencesNeedThisClientAsAuthorizedParty() throws Exception {
        assertEquals("id_token.azp", refusal(good(b -> b.audience(List.of(CLIENT, "another-application")))));
        assertEquals("id_token.azp", refusal(good(b -> b.audience(List.of(CLIENT, "other")).claim("azp", "other"))));
        assertEquals("id_token.azp", refusal(good(b -> b.claim("azp", "other"))));
        assertEquals("nurse-1", check.check(good(b -> b.audience(List.of(CLIENT, "other")).claim("azp", CLIENT)), NONCE,
                NOW).getSubject());
    }

    @Test
    void wrongIssuerRefused() throws Exception {
        assertEquals("id_token.issuer", refusal(good(b -> b.issuer("https://evil.example/realms/hospital"))));
        assertEquals("id_token.issuer", refusal(good(b -> b.issuer(ISSUER + "/"))));
    }

    @Test
    void nonceOfAnotherSignInRefused() throws Exception {
        assertEquals("id_token.nonce", refusal(good(b -> b.claim("nonce", "nonce-of-another-sign-in"))));
        assertEquals("id_token.claim_missing", refusal(good(b -> b.claim("nonce", null))));
    }

    @Test
    void tokenWithoutSubjectOrTimesRefused() throws Exception {
        assertEquals("id_token.claim_missing", refusal(good(b -> b.subject(null))));
        assertEquals("id_token.claim_missing", refusal(good(b -> b.issueTime(null))));
        assertEquals("id_token.claim_missing", refusal(good(b -> b.expirationTime(null))));
        assertEquals("id_token.subject", refusal(good(b -> b.subject("x".repeat(256)))));
    }

    @Test
    void alteredTokenFailsTheSignature() throws Exception {
        String[] parts = good(b -> b).split("\\.");
        String otherClaims = good(b -> b.subject("admin-1")).split("\\.")[1];
        assertEquals("id_token.signature", refusal(parts[0] + "." + otherClaims + "." + parts[2]));
        char last = parts[2].charAt(10);
        String flipped = parts[2].substring(0, 10) + (last == 'A' ? 'B' : 'A') + parts[2].substring(11);
        assertEquals("id_token.signature", refusal(parts[0] + "." + parts[1] + "." + flipped));
    }

    @Test
    void tokenSignedWithKeyTheProviderDoesNotHoldRefused() throws Exception {
        RSAKey stranger = new RSAKeyGenerator(2048).keyID("stranger").generate();
        assertEquals("id_token.unknown_key", refusal(signed(stranger, JWSAlgorithm.RS256, claims().build())));
        RSAKey impostor = new RSAKeyGenerator(2048).keyID("rsa-1").generate();
        assertEquals("id_token.signature", refusal(signed(impostor, JWSAlgorithm.RS256, claims().build())));
    }

    @Test
    void unknownKeyFetchesTheKeySetAgainAtMostOnceEveryTenSeconds() throws Exception {
        check.check(good(b -> b), NONCE, NOW);
        assertEquals(1, fetches.get());
        RSAKey rotated = new RSAKeyGenerator(2048).keyID("rsa-2").generate();
        String fromNewKey = signed(rotated, JWSAlgorithm.RS256, claims().build());
        served = new JWKSet(List.<JWK>of(rotated)).toPublicJWKSet();
        assertEquals("id_token.unknown_key", refusal(fromNewKey));
        assertEquals(1, fetches.get(), "not fetched again within ten seconds of the last fetch");
        clock.advance(ProviderKeys.REFRESH_INTERVAL);
        assertEquals("nurse-1", check.check(fromNewKey, NONCE, NOW).getSubject());
        assertEquals(2, fetches.get());
        check.check(fromNewKey, NONCE, NOW);
        assertEquals(2, fetches.get(), "the new copy serves");
    }

    @Test
    void keySetRenewedAfterAnHour() throws Exception {
        check.check(good(b -> b), NONCE, NOW);
        clock.advance(Duration.ofMinutes(59));
        check.check(good(b -> b.issueTime(Date.from(clock.instant())).expirationTime(Date.from(clock.instant()
                .plusSeconds(60)))), NONCE, clock.instant());
        assertEquals(1, fetches.get());
        clock.advance(Duration.ofMinutes(1));
        check.check(good(b -> b.issueTime(Date.from(clock.instant())).expirationTime(Date.from(clock.instant()
                .plusSeconds(60)))), NONCE, clock.instant());
        assertEquals(2, fetches.get());
    }

    @Test
    void authenticationLevelAskedForMustBeTheTokens() throws Exception {
        IdTokenCheck strict = new IdTokenCheck(endpoints, new ProviderKeys(endpoints.jwks(), clock), CLIENT,
                List.of("eidas1", "gold"), clock);
        assertEquals("nurse-1", strict.check(good(b -> b.claim("acr", "gold")), NONCE, NOW).getSubject());
        SsoFailure weak = assertThrows(SsoFailure.class, () -> strict.check(good(b -> b.claim("acr", "silver")), NONCE,
                NOW));
        assertEquals("id_token.acr", weak.reason());
        assertEquals("id_token.acr", assertThrows(SsoFailure.class, () -> strict.check(good(b -> b), NONCE, NOW))
                .reason());
        assertEquals("nurse-1", check.check(good(b -> b.claim("acr", "silver")), NONCE, NOW).getSubject(),
                "no level asked, none checked");
    }

    @Test
    void unsignedTokenRefused() {
        assertEquals("id_token.unsigned", refusal(new PlainJWT(claims().build()).serialize()));
    }

    @Test
    void tokenSignedWithTheClientSecretOrAnUnannouncedAlgorithmRefused() throws Exception {
        SignedJWT hmac = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims().build());
        hmac.sign(new MACSigner("a-client-secret-of-at-least-256-bits-long!!"));
        assertEquals("id_token.algorithm", refusal(hmac.serialize()));
        assertEquals("id_token.algorithm", refusal(signed(rsa, JWSAlgorithm.RS512, claims().build())));
        assertEquals("id_token.algorithm", refusal(signed(rsa, JWSAlgorithm.PS256, claims().build())));
    }

    @Test
    void accessTokenTypedAtJwtIsNotAnIdToken() throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("rsa-1")
                .type(new JOSEObjectType("at+jwt")).build(), claims().build());
        jwt.sign(new RSASSASigner(rsa));
        assertEquals("id_token.type", refusal(jwt.serialize()));
    }

    @Test
    void garbageIsMalformed() {
        assertEquals("id_token.malformed", refusal("not-a-token"));
        assertEquals("id_token.malformed", refusal("a.b.c"));
        assertEquals("id_token.malformed", refusal(""));
    }

    @Test
    void unreachableKeySetMakesTheProviderUnavailable() throws Exception {
        String token = good(b -> b);
        jwksServer.stop(0);
        SsoFailure f = assertThrows(SsoFailure.class, () -> check.check(token, NONCE, NOW));
        assertEquals(SsoError.UNAVAILABLE, f.error());
        assertEquals("id_token.keys_unavailable", f.reason());
    }
}
