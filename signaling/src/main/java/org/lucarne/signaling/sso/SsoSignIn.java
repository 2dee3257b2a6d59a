package org.lucarne.signaling.sso;

/**
 * What follows once the provider vouched for a person: their staff account found (or made, when
 * roles come from the claims), a session opened exactly as local sign-in opens one. The
 * implementation audits what it does and what it refuses ({@code sign_in.sso}, {@code user.created},
 * {@code user.changed}).
 */
@FunctionalInterface
public interface SsoSignIn {
    /**
     * @param who     the checked identity
     * @param address the browser's address, as audited
     * @return the {@code Set-Cookie} value of the new session
     * @throws SsoFailure when this person may not sign in (no role, no ward, no linked account, disabled)
     */
    String signIn(SsoIdentity who, String address) throws SsoFailure;
}
