package org.lucarne.signaling.sso;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.auth.ClientAuthenticationMethod;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.lucarne.signaling.config.StaffSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hospital's OpenID Connect provider as its discovery document describes it
 * (OpenID Connect Discovery 1.0 §4), read from {@code <issuer>/.well-known/openid-configuration}.
 *
 * <p>At start ({@link #loadAtStart}) a provider that answers with a document Lucarne cannot use
 * (another issuer, no code flow, no PKCE S256, no {@code client_secret_basic}, no asymmetric
 * signature) stops the start, naming {@code auth.oidc.issuer}: that is a configuration to fix
 * now, not at the first nurse's sign-in. A provider that does not answer does not stop Lucarne
 * (calls, tablets and local sign-in do not need it): a warning is logged and the document is
 * fetched again at the next SSO sign-in, at most once every {@link #RETRY_INTERVAL}. Once read,
 * the document is kept until Lucarne restarts; the signing keys are refreshed on their own
 * ({@link ProviderKeys}).
 */
public final class OidcProvider {
    /** Between two attempts to read a provider that did not answer. */
    static final Duration RETRY_INTERVAL = Duration.ofSeconds(10);
    /** The signature algorithms accepted on an ID token: asymmetric only, never "none" or a shared secret. */
    static final Set<JWSAlgorithm> ASYMMETRIC = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.RS384, JWSAlgorithm.RS512,
            JWSAlgorithm.PS256, JWSAlgorithm.PS384, JWSAlgorithm.PS512, JWSAlgorithm.ES256, JWSAlgorithm.ES384,
            JWSAlgorithm.ES512);

    private static final Logger LOG = LoggerFactory.getLogger(OidcProvider.class);

    /** What Lucarne uses of the document. */
    public record Endpoints(Issuer issuer, URI authorization, URI token, URI jwks, Set<JWSAlgorithm> algorithms) { }

    /** The provider answered with a document that cannot work: a configuration problem. */
    static final class Unusable extends Exception {
        Unusable(String message) {
            super(message);
        }
    }

    private final StaffSettings.Oidc settings;
    private final Clock clock;
    private Endpoints endpoints;
    private Instant lastAttempt;

    public OidcProvider(StaffSettings.Oidc settings, Clock clock) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public StaffSettings.Oidc settings() {
        return settings;
    }

    /**
     * Reads the document once, at start.
     *
     * @throws org.lucarne.signaling.StartupException when the provider answers with a document Lucarne cannot use
     */
    public synchronized void loadAtStart() {
        try {
            endpoints = load();
            LOG.info("SSO provider {} ready (keys at {})", settings.issuer(), endpoints.jwks());
        } catch (Unusable e) {
            throw new org.lucarne.signaling.StartupException(e.getMessage(), e);
        } catch (IOException e) {
            LOG.warn("SSO provider {} cannot be reached ({}); Lucarne starts anyway, and SSO sign-in will try again"
                    + " when someone uses it. Local sign-in, calls and tablets are not affected.", settings.issuer(),
                    e.getMessage());
        } finally {
            lastAttempt = clock.instant();
        }
    }

    /**
     * The provider's endpoints, read now if they were not yet.
     *
     * @throws SsoFailure {@link SsoError#UNAVAILABLE} when the provider cannot be reached or read
     */
    public synchronized Endpoints endpoints() throws SsoFailure {
        if (endpoints != null) {
            return endpoints;
        }
        Instant now = clock.instant();
        if (lastAttempt != null && now.isBefore(lastAttempt.plus(RETRY_INTERVAL))) {
            throw new SsoFailure(SsoError.UNAVAILABLE, "provider_unreachable", "SSO provider " + settings.issuer()
                    + " did not answer a moment ago; not asking again before " + lastAttempt.plus(RETRY_INTERVAL));
        }
        lastAttempt = now;
        try {
            endpoints = load();
            LOG.info("SSO provider {} reached: ready (keys at {})", settings.issuer(), endpoints.jwks());
            return endpoints;
        } catch (IOException e) {
            throw new SsoFailure(SsoError.UNAVAILABLE, "provider_unreachable", "SSO provider " + settings.issuer()
                    + " cannot be reached: " + e.getMessage(), e);
        } catch (Unusable e) {
            LOG.error(e.getMessage());
            throw new SsoFailure(SsoError.UNAVAILABLE, "provider_unusable", e.getMessage(), e);
        }
    }

    private Endpoints load() throws IOException, Unusable {
        Issuer issuer = new Issuer(settings.issuer());
        URI where = discoveryUri(settings.issuer());
        String body = ProviderHttp.getJson(where);
        OIDCProviderMetadata m;
        try {
            m = OIDCProviderMetadata.parse(body);
        } catch (ParseException e) {
            throw unusable(where + " is not an OpenID Connect discovery document (" + e.getMessage() + ")");
        }
        // Discovery §4.3: the issuer in the document must be exactly the one asked for.
        if (!issuer.equals(m.getIssuer())) {
            throw unusable("the provider at " + where + " calls itself " + m.getIssuer() + ", not " + issuer
                    + ": set auth.oidc.issuer to exactly the issuer it announces");
        }
        List<ResponseType> types = m.getResponseTypes();
        if (types == null || !types.contains(ResponseType.CODE)) {
            throw unusable("the provider does not offer the authorization code flow (response_types_supported"
                    + " lacks \"code\")");
        }
        List<CodeChallengeMethod> pkce = m.getCodeChallengeMethods();
        if (pkce != null && !pkce.contains(CodeChallengeMethod.S256)) {
            throw unusable("the provider does not accept PKCE with S256 (code_challenge_methods_supported: " + pkce
                    + ")");
        }
        List<ClientAuthenticationMethod> auth = m.getTokenEndpointAuthMethods();
        // Discovery §3: when absent, client_secret_basic is the default.
        if (auth != null && !auth.contains(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)) {
            throw unusable("the provider does not accept client_secret_basic at its token endpoint"
                    + " (token_endpoint_auth_methods_supported: " + auth + "); Lucarne authenticates with its client"
                    + " id and secret in HTTP Basic (RFC 6749 §2.3.1)");
        }
        Set<JWSAlgorithm> algorithms = new LinkedHashSet<>();
        for (JWSAlgorithm a : m.getIDTokenJWSAlgs() == null ? List.<JWSAlgorithm>of() : m.getIDTokenJWSAlgs()) {
            if (ASYMMETRIC.contains(a)) {
                algorithms.add(a);
            }
        }
        if (algorithms.isEmpty()) {
            throw unusable("the provider signs ID tokens with none of " + ASYMMETRIC + " (id_token_signing_alg_values"
                    + "_supported: " + m.getIDTokenJWSAlgs() + ")");
        }
        URI authorization = required(m.getAuthorizationEndpointURI(), "authorization_endpoint");
        URI token = secure(required(m.getTokenEndpointURI(), "token_endpoint"), "token_endpoint");
        URI jwks = secure(required(m.getJWKSetURI(), "jwks_uri"), "jwks_uri");
        secure(authorization, "authorization_endpoint");
        return new Endpoints(issuer, authorization, token, jwks, Set.copyOf(algorithms));
    }

    /** Discovery §4.1: the issuer without its trailing slash, then the well-known path. */
    static URI discoveryUri(URI issuer) {
        String s = issuer.toString();
        return URI.create((s.endsWith("/") ? s.substring(0, s.length() - 1) : s) + "/.well-known/openid-configuration");
    }

    private URI required(URI uri, String field) throws Unusable {
        if (uri == null) {
            throw unusable("the provider's discovery document has no " + field);
        }
        return uri;
    }

    /** HTTPS, or HTTP to this machine only (a provider on localhost, as in tests). */
    private URI secure(URI uri, String field) throws Unusable {
        boolean local = "localhost".equals(uri.getHost()) || "127.0.0.1".equals(uri.getHost());
        if (!"https".equals(uri.getScheme()) && !("http".equals(uri.getScheme()) && local)) {
            throw unusable("the provider's " + field + " is not https (" + uri + ")");
        }
        return uri;
    }

    private Unusable unusable(String why) {
        return new Unusable("auth.oidc.issuer = " + settings.issuer() + ": " + why + ". Check the provider's"
                + " settings and docs/operations.md, \"Hospital SSO\".");
    }
}
