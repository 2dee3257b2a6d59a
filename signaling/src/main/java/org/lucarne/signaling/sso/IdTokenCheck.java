package org.lucarne.signaling.sso;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.BadJWSException;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.BadJWTException;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Checks an ID token in full (OpenID Connect Core §3.1.3.7), with nimbus-jose-jwt doing the JOSE
 * work: a JWS (never unsigned, never encrypted-only) with an asymmetric algorithm the provider
 * announced; signed by a key of the provider's JWKS ({@link ProviderKeys}, fetched again for an
 * unknown key id); {@code iss} exactly the issuer; {@code aud} containing the client id and, with
 * several audiences or any {@code azp}, {@code azp} equal to it; {@code exp} not passed and
 * {@code iat} not in the future, both with at most {@link #MAX_SKEW} of clock difference, on the
 * injected clock; {@code iat} not before the sign-in started; {@code nonce} the sign-in's own;
 * a {@code sub}; the {@code acr} asked for, if any. The first check that fails names the reason.
 */
final class IdTokenCheck {
    /** The most the provider's clock and ours may differ. */
    static final Duration MAX_SKEW = Duration.ofSeconds(60);
    /** ID tokens are typed JWT or not at all; RFC 9068 access tokens ({@code at+jwt}) are not ID tokens. */
    private static final Set<JOSEObjectType> TYPES = Set.of(JOSEObjectType.JWT, new JOSEObjectType("id_token+jwt"));

    private final OidcProvider.Endpoints provider;
    private final ProviderKeys keys;
    private final String clientId;
    private final List<String> acrValues;
    private final Clock clock;

    /**
     * @param acrValues the authentication levels asked for ({@code auth.oidc.acr.values}); when not
     *                  empty, the token's {@code acr} must be one of them (Core §3.1.3.7 (11))
     */
    IdTokenCheck(OidcProvider.Endpoints provider, ProviderKeys keys, String clientId, List<String> acrValues,
                 Clock clock) {
        this.provider = Objects.requireNonNull(provider, "provider");
        this.keys = Objects.requireNonNull(keys, "keys");
        this.clientId = Objects.requireNonNull(clientId, "clientId");
        this.acrValues = List.copyOf(acrValues);
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * The token's claims, once every check passed.
     *
     * @throws SsoFailure {@link SsoError#REJECTED} with reason {@code id_token.<check>}, or
     *                    {@link SsoError#UNAVAILABLE} when the provider's keys cannot be read
     */
    JWTClaimsSet check(String idToken, String nonce, Instant signInStarted) throws SsoFailure {
        SignedJWT jwt = parse(idToken);
        if (!provider.algorithms().contains(jwt.getHeader().getAlgorithm())) {
            throw refused("algorithm", "signed with " + jwt.getHeader().getAlgorithm() + ", not one of "
                    + provider.algorithms());
        }
        List<JWK> candidates;
        try {
            candidates = keys.get(new JWKSelector(JWKMatcher.forJWSHeader(jwt.getHeader())), null);
        } catch (KeySourceException e) {
            throw new SsoFailure(SsoError.UNAVAILABLE, "id_token.keys_unavailable", e.getMessage(), e);
        }
        if (candidates.isEmpty()) {
            throw refused("unknown_key", "signed with key id " + jwt.getHeader().getKeyID() + ", which the provider's"
                    + " key set at " + keys.uri() + " does not hold");
        }
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(typesWithNone()));
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(provider.algorithms(), keys));
        processor.setJWTClaimsSetVerifier(new Claims(nonce, signInStarted));
        try {
            return processor.process(jwt, null);
        } catch (ClaimRefused e) {
            throw refused(e.check, e.getMessage());
        } catch (BadJWSException e) {
            throw refused("signature", e.getMessage());
        } catch (BadJOSEException e) {
            throw refused(e.getMessage() != null && e.getMessage().contains("type") ? "type" : "signature",
                    e.getMessage());
        } catch (JOSEException e) {
            throw refused("signature", e.getMessage());
        }
    }

    private static Set<JOSEObjectType> typesWithNone() {
        java.util.HashSet<JOSEObjectType> types = new java.util.HashSet<>(TYPES);
        types.add(null);
        return types;
    }

    private static SignedJWT parse(String idToken) throws SsoFailure {
        JWT jwt;
        try {
            jwt = JWTParser.parse(idToken);
        } catch (ParseException e) {
            throw refused("malformed", "not a JWT: " + e.getMessage());
        }
        if (!(jwt instanceof SignedJWT signed)) {
            throw refused("unsigned", "the ID token is not signed (" + jwt.getHeader().getAlgorithm() + ")");
        }
        return signed;
    }

    private static SsoFailure refused(String check, String message) {
        return new SsoFailure(SsoError.REJECTED, "id_token." + check, "ID token refused (" + check + "): " + message);
    }

    /** A claim check that failed, and which. */
    private static final class ClaimRefused extends BadJWTException {
        private final String check;

        ClaimRefused(String check, String message) {
            super(message);
            this.check = check;
        }
    }

    /**
     * nimbus's claims verifier (audience, exact issuer and nonce, required claims, expiry and
     * not-before with the skew) on our clock, then what it does not know of OpenID Connect:
     * {@code azp} and {@code iat}. When nimbus refuses, the reason is read back from the claims.
     */
    private final class Claims extends DefaultJWTClaimsVerifier<SecurityContext> {
        private final String nonce;
        private final Instant signInStarted;

        Claims(String nonce, Instant signInStarted) {
            super(clientId, new JWTClaimsSet.Builder().issuer(provider.issuer().getValue()).claim("nonce", nonce)
                    .build(), Set.of("sub", "iat", "exp"));
            this.nonce = nonce;
            this.signInStarted = signInStarted;
            setMaxClockSkew((int) MAX_SKEW.toSeconds());
        }

        @Override
        protected Date currentTime() {
            return Date.from(clock.instant());
        }

        @Override
        public void verify(JWTClaimsSet claims, SecurityContext context) throws BadJWTException {
            try {
                super.verify(claims, context);
            } catch (BadJWTException e) {
                throw new ClaimRefused(which(claims), e.getMessage());
            }
            Instant now = clock.instant();
            List<String> audience = claims.getAudience();
            Object azp = claims.getClaim("azp");
            // Core §3.1.3.7 (4), (5): several audiences need an azp, and any azp must be this client.
            if ((audience.size() > 1 || azp != null) && !clientId.equals(azp)) {
                throw new ClaimRefused("azp", "audiences " + audience + " with azp " + azp + ", not " + clientId);
            }
            // Core §3.1.3.7 (10): the time it was issued, within the skew of ours and of this sign-in.
            Instant iat = claims.getIssueTime().toInstant();
            if (iat.isAfter(now.plus(MAX_SKEW))) {
                throw new ClaimRefused("issued_in_future", "issued at " + iat + ", after now " + now);
            }
            if (iat.isBefore(signInStarted.minus(MAX_SKEW))) {
                throw new ClaimRefused("issued_before_sign_in", "issued at " + iat + ", before this sign-in started"
                        + " at " + signInStarted);
            }
            Object acr = claims.getClaim("acr");
            if (!acrValues.isEmpty() && (acr == null || !acrValues.contains(acr))) {
                throw new ClaimRefused("acr", "authentication level " + acr + ", not one of " + acrValues);
            }
            String sub = claims.getSubject();
            if (sub.isBlank() || sub.length() > 255) {
                throw new ClaimRefused("subject", "a subject of " + sub.length() + " characters");
            }
        }

        /** Which of nimbus's checks failed. */
        private String which(JWTClaimsSet claims) {
            if (claims.getIssuer() == null || claims.getSubject() == null || claims.getIssueTime() == null
                    || claims.getExpirationTime() == null || claims.getAudience().isEmpty()
                    || claims.getClaim("nonce") == null) {
                return "claim_missing";
            }
            if (!provider.issuer().getValue().equals(claims.getIssuer())) {
                return "issuer";
            }
            if (!claims.getAudience().contains(clientId)) {
                return "audience";
            }
            Instant now = clock.instant();
            if (now.isAfter(claims.getExpirationTime().toInstant().plus(MAX_SKEW))) {
                return "expired";
            }
            if (claims.getNotBeforeTime() != null
                    && now.plus(MAX_SKEW).isBefore(claims.getNotBeforeTime().toInstant())) {
                return "not_yet_valid";
            }
            if (!nonce.equals(claims.getClaim("nonce"))) {
                return "nonce";
            }
            return "claims";
        }
    }
}
