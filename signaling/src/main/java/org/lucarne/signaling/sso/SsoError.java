package org.lucarne.signaling.sso;

/**
 * Why an SSO sign-in did not end signed in: the code in {@code /staff?sso_error=<code>}, which the
 * console turns into words (docs/staff-api.md, "SSO"). Each says what happened and what to do;
 * none says more than the person may know.
 */
public enum SsoError {
    /** The hospital's sign-in service could not be reached, or answered with an error of its own. */
    UNAVAILABLE("unavailable"),
    /** The person cancelled at the provider, or the provider refused them ({@code error=access_denied}). */
    DENIED("denied"),
    /** The provider answered with another error ({@code error=...} other than access_denied). */
    PROVIDER_ERROR("provider_error"),
    /** The sign-in is unknown here: over 10 minutes old, already used, or started in another browser. */
    EXPIRED("expired"),
    /** The provider's answer failed a check (the code exchange or the ID token). */
    REJECTED("rejected"),
    /** The ID token carries no Lucarne role ({@code auth.oidc.accounts = claims}). */
    NO_ROLE("no_role"),
    /** A nurse or ward manager whose ID token names no ward Lucarne knows. */
    NO_WARD("no_ward"),
    /** No Lucarne account is linked to this person ({@code auth.oidc.accounts = linked}). */
    NOT_LINKED("not_linked"),
    /** The Lucarne account linked to this person is disabled. */
    DISABLED("disabled"),
    /** Lucarne failed; nothing was changed. */
    INTERNAL("internal");

    private final String code;

    SsoError(String code) {
        this.code = code;
    }

    /** The code in the redirect and in the console's translations. */
    public String code() {
        return code;
    }
}
