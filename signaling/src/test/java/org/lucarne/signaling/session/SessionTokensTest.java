package org.lucarne.signaling.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SessionTokensTest {
    @Test
    void aTokenIsThirtyTwoRandomBytesInBase64urlAndOnlyItsSha256IsKept() {
        String t = SessionTokens.newToken(new SecureRandom());
        assertTrue(t.matches("[A-Za-z0-9_-]{43}"), t);
        assertTrue(SessionTokens.hash(t).matches("[0-9a-f]{64}"));
        assertNotEquals(t, SessionTokens.newToken(new SecureRandom()));
    }

    @Test
    void theCsrfTokenIsDerivedFromTheSessionTokenAndMatchesNothingElse() {
        String t = SessionTokens.newToken(new SecureRandom());
        String csrf = SessionTokens.csrf(t);
        assertEquals(csrf, SessionTokens.csrf(t), "derived, nothing stored");
        assertTrue(SessionTokens.csrfMatches(t, csrf));
        assertFalse(SessionTokens.csrfMatches(t, null));
        assertFalse(SessionTokens.csrfMatches(t, ""));
        assertFalse(SessionTokens.csrfMatches(SessionTokens.newToken(new SecureRandom()), csrf));
        assertNotEquals(t, csrf);
    }

    @Test
    void cookiesAreHostOnlySecureHttpOnlyStrictAndReadFromAnyCookieHeader() {
        String cookie = SessionCookies.session("T".repeat(43));
        assertEquals("__Host-lucarne-session=" + "T".repeat(43) + "; Path=/; Secure; HttpOnly; SameSite=Strict", cookie);
        assertTrue(SessionCookies.clear(SessionCookies.SESSION).endsWith("Max-Age=0"));
        String token = "A".repeat(43);
        assertEquals(Optional.of(token), SessionCookies.find(List.of("a=b; __Host-lucarne-session=" + token + "; c=d"),
                SessionCookies.SESSION));
        assertEquals(Optional.of(token), SessionCookies.find(List.of("x=1", "__Host-lucarne-session=\"" + token + "\""),
                SessionCookies.SESSION));
        assertEquals(Optional.empty(), SessionCookies.find(List.of("__Host-lucarne-session=short"), SessionCookies.SESSION));
        assertEquals(Optional.empty(), SessionCookies.find(List.of("lucarne-session=" + token), SessionCookies.SESSION));
        assertEquals(Optional.empty(), SessionCookies.find(null, SessionCookies.SESSION));
    }
}
