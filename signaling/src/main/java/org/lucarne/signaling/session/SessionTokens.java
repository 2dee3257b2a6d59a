package org.lucarne.signaling.session;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The secrets of staff sign-in: session and sign-in tokens (32 random bytes in base64url, what the
 * cookie carries), what the database keeps of them (hex SHA-256, so a stolen database opens no
 * session), and the CSRF token derived from a session token, so nothing more is stored.
 */
public final class SessionTokens {
    static final int TOKEN_BYTES = 32;
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{43}");
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private SessionTokens() {
    }

    public static String newToken(SecureRandom random) {
        byte[] b = new byte[TOKEN_BYTES];
        random.nextBytes(b);
        return B64.encodeToString(b);
    }

    /** Whether {@code text} has the form of a token (anything else is not looked up). */
    public static boolean wellFormed(String text) {
        return text != null && TOKEN.matcher(text).matches();
    }

    /** What is stored of a token: hex SHA-256 of its text. */
    public static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java runtime", e);
        }
    }

    /**
     * The session's CSRF token: base64url(HMAC-SHA-256(key = the session token, "csrf")). The page
     * reads it from {@code GET /api/session} and sends it back in {@code X-CSRF-Token}; another site
     * can neither read it nor compute it.
     */
    public static String csrf(String sessionToken) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(sessionToken.getBytes(StandardCharsets.US_ASCII), "HmacSHA256"));
            return B64.encodeToString(mac.doFinal("csrf".getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is required of every Java runtime", e);
        }
    }

    /** Whether {@code header} is the CSRF token of {@code sessionToken}, compared in constant time. */
    public static boolean csrfMatches(String sessionToken, String header) {
        return header != null && MessageDigest.isEqual(csrf(sessionToken).getBytes(StandardCharsets.US_ASCII),
                header.getBytes(StandardCharsets.US_ASCII));
    }
}
