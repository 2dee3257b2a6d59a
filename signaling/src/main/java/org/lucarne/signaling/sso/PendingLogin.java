package org.lucarne.signaling.sso;

import java.time.Instant;
import java.util.Objects;

/**
 * A sign-in with the hospital's provider in progress: what the browser was sent away with, and
 * what its answer must match. {@code state} goes to the provider and, in a cookie, to the browser
 * (RFC 6749 §10.12); {@code nonce} comes back inside the ID token (OpenID Connect Core §3.1.2.1);
 * {@code codeVerifier} proves at the token request that this server started the sign-in
 * (RFC 7636 §4.1).
 */
public record PendingLogin(String state, String nonce, String codeVerifier, Instant startedAt) {
    public PendingLogin {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(nonce, "nonce");
        Objects.requireNonNull(codeVerifier, "codeVerifier");
        Objects.requireNonNull(startedAt, "startedAt");
    }

    @Override
    public String toString() {
        return "PendingLogin[startedAt=" + startedAt + "]";
    }
}
