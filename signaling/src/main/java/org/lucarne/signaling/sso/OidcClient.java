package org.lucarne.signaling.sso;

import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.ErrorObject;
import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.openid.connect.sdk.AuthenticationRequest;
import com.nimbusds.openid.connect.sdk.claims.ACR;
import com.nimbusds.openid.connect.sdk.Nonce;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponse;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponseParser;
import com.nimbusds.openid.connect.sdk.Prompt;
import com.nimbusds.jwt.JWTClaimsSet;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.lucarne.signaling.config.StaffSettings;

/**
 * The OpenID Connect client side of a staff sign-in: the authorization code flow
 * (OpenID Connect Core §3.1) with PKCE S256, {@code state} and {@code nonce}, the token request
 * authenticated with {@code client_secret_basic}, and the ID token checked in full.
 *
 * <pre>
 *   begin()     → a PendingLogin stored (PendingLogins) → the provider's authorization URL
 *   complete()  → state = the browser's cookie → the PendingLogin taken (once) → the provider's error, or
 *                 the code → token request (+ code verifier) → ID token checked (+ nonce) → SsoIdentity
 * </pre>
 * What to do with the identity (find or make the account, open a session) is {@link SsoSignIn}'s.
 */
public final class OidcClient {
    /** An error code of the provider, as RFC 6749 §4.1.2.1 allows: printable ASCII, no quote or backslash. */
    private static final Pattern ERROR_CODE = Pattern.compile("[\\x20-\\x21\\x23-\\x5B\\x5D-\\x7E]{1,64}");

    private final StaffSettings.Oidc settings;
    private final OidcProvider provider;
    private final PendingLogins logins;
    private final Supplier<URI> redirectUri;
    private final Clock clock;
    private ProviderKeys keys;

    /**
     * @param redirectUri this server's {@code <public origin>/auth/oidc/callback}; a supplier because
     *                    the port is known only once the server listens
     */
    public OidcClient(OidcProvider provider, PendingLogins logins, Supplier<URI> redirectUri, Clock clock) {
        this.provider = Objects.requireNonNull(provider, "provider");
        this.settings = provider.settings();
        this.logins = Objects.requireNonNull(logins, "logins");
        this.redirectUri = Objects.requireNonNull(redirectUri, "redirectUri");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Where the browser goes, and the state its cookie must hold when it comes back. */
    public record Start(URI authorizationUri, String state) {
        @Override
        public String toString() {
            return "Start[" + authorizationUri.getHost() + "]";
        }
    }

    /**
     * Starts a sign-in.
     *
     * @throws SsoFailure {@link SsoError#UNAVAILABLE} when the provider cannot be reached
     */
    public Start begin() throws SsoFailure {
        OidcProvider.Endpoints endpoints = provider.endpoints();
        PendingLogin login = logins.start();
        AuthenticationRequest.Builder request = new AuthenticationRequest.Builder(ResponseType.CODE,
                new Scope(settings.scopes().toArray(String[]::new)), new ClientID(settings.clientId()), redirectUri.get())
                .endpointURI(endpoints.authorization())
                .state(new State(login.state()))
                .nonce(new Nonce(login.nonce()))
                // RFC 7636 §4.2: S256, never plain.
                .codeChallenge(new CodeVerifier(login.codeVerifier()), CodeChallengeMethod.S256);
        if (!settings.acrValues().isEmpty()) {
            // Core §3.1.2.1: the authentication levels asked for; the ID token's acr is checked against them.
            request.acrValues(settings.acrValues().stream().map(ACR::new).toList());
        }
        if (settings.reauthenticate()) {
            // Core §3.1.2.1: the provider authenticates the person again, whatever session it holds.
            request.prompt(new Prompt(Prompt.Type.LOGIN));
        }
        return new Start(request.build().toURI(), login.state());
    }

    /**
     * Finishes a sign-in from the provider's answer.
     *
     * @param query       the callback's query parameters, each once
     * @param cookieState the state of the browser's {@code __Host-lucarne-sso} cookie, if it sent one
     * @throws SsoFailure whatever stops it, with what to tell the person and the reason to audit
     */
    public SsoIdentity complete(Map<String, String> query, Optional<String> cookieState) throws SsoFailure {
        String state = query.get("state");
        if (state == null || cookieState.isEmpty()) {
            throw new SsoFailure(SsoError.EXPIRED, state == null ? "state_missing" : "cookie_missing",
                    "the answer " + (state == null ? "carries no state" : "came to a browser without the sign-in's cookie"
                            + " (another browser, or over 10 minutes)"));
        }
        // RFC 6749 §10.12: the answer must belong to the sign-in this browser started.
        if (!MessageDigest.isEqual(state.getBytes(StandardCharsets.UTF_8),
                cookieState.get().getBytes(StandardCharsets.UTF_8))) {
            throw new SsoFailure(SsoError.EXPIRED, "state_mismatch", "the answer's state is not the one this browser's"
                    + " sign-in sent");
        }
        PendingLogin login = logins.take(state).orElseThrow(() -> new SsoFailure(SsoError.EXPIRED, "state_unknown",
                "no sign-in in progress has this state: used already, or over 10 minutes old"));
        String error = query.get("error");
        if (error != null) {
            String code = ERROR_CODE.matcher(error).matches() ? error : "invalid";
            boolean denied = "access_denied".equals(code);
            throw new SsoFailure(denied ? SsoError.DENIED : SsoError.PROVIDER_ERROR,
                    "provider." + (code.matches("[a-z0-9_]{1,48}") ? code : "other"),
                    "the provider answered error " + code);
        }
        OidcProvider.Endpoints endpoints = provider.endpoints();
        // RFC 9207 §2.4: when the provider names itself in the answer, it must be ours.
        String iss = query.get("iss");
        if (iss != null && !iss.equals(endpoints.issuer().getValue())) {
            throw new SsoFailure(SsoError.REJECTED, "issuer_parameter", "the answer comes from issuer " + iss);
        }
        String code = query.get("code");
        if (code == null || code.isBlank()) {
            throw new SsoFailure(SsoError.REJECTED, "code_missing", "the answer carries neither a code nor an error");
        }
        String idToken = exchange(endpoints, code, login);
        JWTClaimsSet claims = new IdTokenCheck(endpoints, keys(endpoints), settings.clientId(), settings.acrValues(), clock)
                .check(idToken, login.nonce(), login.startedAt());
        return SsoClaims.identity(claims, settings);
    }

    /** The token request (Core §3.1.3.1): code, redirect URI and code verifier, client id and secret in Basic. */
    private String exchange(OidcProvider.Endpoints endpoints, String code, PendingLogin login) throws SsoFailure {
        TokenRequest request = new TokenRequest(endpoints.token(),
                new ClientSecretBasic(new ClientID(settings.clientId()), new Secret(settings.clientSecret())),
                new AuthorizationCodeGrant(new AuthorizationCode(code), redirectUri.get(),
                        new CodeVerifier(login.codeVerifier())));
        TokenResponse response;
        try {
            response = OIDCTokenResponseParser.parse(ProviderHttp.send(request.toHTTPRequest()));
        } catch (IOException e) {
            throw new SsoFailure(SsoError.UNAVAILABLE, "token_request.unreachable", "the token endpoint "
                    + endpoints.token() + " cannot be reached: " + e.getMessage(), e);
        } catch (ParseException e) {
            throw new SsoFailure(SsoError.REJECTED, "token_request.malformed", "the token endpoint's answer is not"
                    + " a token response: " + e.getMessage(), e);
        }
        if (!response.indicatesSuccess()) {
            ErrorObject error = response.toErrorResponse().getErrorObject();
            String name = error.getCode() != null && error.getCode().matches("[a-z0-9_]{1,48}") ? error.getCode()
                    : "other";
            // A wrong client secret is the operator's to fix; a used or foreign code is the person's to retry.
            SsoError shown = "invalid_client".equals(name) || error.getHTTPStatusCode() >= 500 ? SsoError.UNAVAILABLE
                    : SsoError.REJECTED;
            throw new SsoFailure(shown, "token_request." + name, "the token endpoint refused the code: HTTP "
                    + error.getHTTPStatusCode() + " " + name
                    + ("invalid_client".equals(name) ? " (check auth.oidc.client.id and auth.oidc.client.secret)" : ""));
        }
        OIDCTokenResponse tokens = (OIDCTokenResponse) response.toSuccessResponse();
        String idToken = tokens.getOIDCTokens().getIDTokenString();
        if (idToken == null) {
            throw new SsoFailure(SsoError.REJECTED, "id_token.missing", "the token response carries no ID token");
        }
        return idToken;
    }

    private synchronized ProviderKeys keys(OidcProvider.Endpoints endpoints) {
        if (keys == null || !keys.uri().equals(endpoints.jwks())) {
            keys = new ProviderKeys(endpoints.jwks(), clock);
        }
        return keys;
    }
}
