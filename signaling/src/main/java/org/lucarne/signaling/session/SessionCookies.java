package org.lucarne.signaling.session;

import java.util.Optional;

/**
 * The two cookies of staff sign-in. {@code __Host-} (RFC 6265bis §4.1.3.2) makes the browser refuse
 * them unless Secure, without Domain and with Path=/, so no other host or path can set or shadow
 * them; HttpOnly keeps them from scripts; SameSite=Strict keeps them off requests another site
 * starts.
 */
public final class SessionCookies {
    public static final String SESSION = "__Host-lucarne-session";
    /** The sign-in in progress, between the password and the second factor. */
    public static final String SIGN_IN = "__Host-lucarne-signin";
    private static final String ATTRIBUTES = "; Path=/; Secure; HttpOnly; SameSite=Strict";

    private SessionCookies() {
    }

    /** A browser-session cookie: closing the browser forgets it; the server's timeouts end it anyway. */
    public static String session(String token) {
        return SESSION + "=" + token + ATTRIBUTES;
    }

    public static String signIn(String token, long maxAgeSeconds) {
        return SIGN_IN + "=" + token + ATTRIBUTES + "; Max-Age=" + maxAgeSeconds;
    }

    public static String clear(String name) {
        return name + "=" + ATTRIBUTES + "; Max-Age=0";
    }

    /**
     * The first well-formed token in the cookie named {@code name} of these {@code Cookie} header values
     * (RFC 6265 §4.2.1: {@code a=b; c=d}); empty when there is none.
     */
    public static Optional<String> find(Iterable<String> cookieHeaders, String name) {
        if (cookieHeaders == null) {
            return Optional.empty();
        }
        for (String header : cookieHeaders) {
            if (header == null) {
                continue;
            }
            for (String pair : header.split(";")) {
                int eq = pair.indexOf('=');
                if (eq > 0 && pair.substring(0, eq).strip().equals(name)) {
                    String value = pair.substring(eq + 1).strip();
                    if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
                        value = value.substring(1, value.length() - 1);
                    }
                    if (SessionTokens.wellFormed(value)) {
                        return Optional.of(value);
                    }
                }
            }
        }
        return Optional.empty();
    }
}
