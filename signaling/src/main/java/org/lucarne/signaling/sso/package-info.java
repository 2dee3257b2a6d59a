/**
 * Hospital SSO: staff sign-in through the hospital's OpenID Connect provider
 * (docs/operations.md, "Hospital SSO"; docs/security.md, "SSO").
 * <pre>
 *   GET /auth/oidc/start ─ SsoServlet ─ OidcClient.begin ─ OidcProvider (discovery) + PendingLogins (sso_login)
 *        → 302 provider, cookie __Host-lucarne-sso = state
 *   GET /auth/oidc/callback ─ SsoServlet ─ OidcClient.complete
 *        state = cookie → PendingLogins.take (once) → token request (PKCE verifier, client_secret_basic)
 *        → IdTokenCheck (ProviderKeys: the JWKS) → SsoClaims → SsoIdentity
 *        → SsoAccounts (SsoSignIn): account found by issuer|sub, made or brought in line, Sessions.open
 *        → 302 /staff, or 302 /staff?sso_error=&lt;SsoError&gt;
 * </pre>
 * Built by {@link org.lucarne.signaling.sso.SsoServices#start} when {@code auth.oidc.issuer} is set.
 */
package org.lucarne.signaling.sso;
