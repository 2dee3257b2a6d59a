package org.lucarne.signaling.staff;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.OptionalLong;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Time-based one-time passwords (RFC 6238) as every authenticator app computes them: HMAC-SHA-1,
 * 6 digits, 30-second steps from the Unix epoch, and one step of clock drift either way. The
 * caller refuses a code whose step is not newer than the last one accepted (a replay).
 */
public final class Totp {
    public static final int DIGITS = 6;
    public static final long PERIOD_SECONDS = 30;
    /** Steps accepted either side of now (RFC 6238 §5.2 recommends at most one). */
    public static final int DRIFT_STEPS = 1;
    /** 160 bits, the HMAC-SHA-1 output size (RFC 4226 §4 R6 asks for at least 128). */
    public static final int SECRET_BYTES = 20;

    private Totp() {
    }

    /** A new secret: 20 random bytes, in base32. */
    public static String newSecret(SecureRandom random) {
        byte[] b = new byte[SECRET_BYTES];
        random.nextBytes(b);
        return Base32.encode(b);
    }

    /** The step of an instant: T = floor(unix seconds / 30) (RFC 6238 §4.2). */
    public static long step(Instant at) {
        return Math.floorDiv(at.getEpochSecond(), PERIOD_SECONDS);
    }

    /** The 6-digit code of {@code step}. */
    public static String code(byte[] secret, long step) {
        return otp(secret, step, DIGITS);
    }

    /**
     * The step within one of now whose code {@code typed} is (spaces ignored), or empty. Every
     * candidate is compared, in constant time, whatever matched first.
     */
    public static OptionalLong match(byte[] secret, String typed, Instant now) {
        String code = typed == null ? "" : typed.replace(" ", "");
        if (!code.matches("[0-9]{" + DIGITS + "}")) {
            return OptionalLong.empty();
        }
        long now0 = step(now);
        long found = Long.MIN_VALUE;
        for (long s = now0 - DRIFT_STEPS; s <= now0 + DRIFT_STEPS; s++) {
            if (MessageDigest.isEqual(code(secret, s).getBytes(StandardCharsets.US_ASCII),
                    code.getBytes(StandardCharsets.US_ASCII))) {
                found = Math.max(found, s);
            }
        }
        return found == Long.MIN_VALUE ? OptionalLong.empty() : OptionalLong.of(found);
    }

    /**
     * The URI an authenticator app reads from a QR code (Google Authenticator's Key Uri Format):
     * {@code otpauth://totp/Lucarne:<username>?secret=…&issuer=Lucarne&algorithm=SHA1&digits=6&period=30}.
     */
    public static String uri(String username, String base32Secret) {
        String label = encode("Lucarne") + ":" + encode(username);
        return "otpauth://totp/" + label + "?secret=" + base32Secret + "&issuer=Lucarne&algorithm=SHA1&digits="
                + DIGITS + "&period=" + PERIOD_SECONDS;
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** HOTP (RFC 4226 §5.3): HMAC-SHA-1 of the 8-byte big-endian counter, dynamic truncation, mod 10^digits. */
    static String otp(byte[] secret, long counter, int digits) {
        byte[] msg = new byte[8];
        for (int i = 7; i >= 0; i--) {
            msg[i] = (byte) (counter & 0xff);
            counter >>>= 8;
        }
        byte[] h;
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(secret, "HmacSHA1"));
            h = mac.doFinal(msg);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA1 is required of every Java runtime", e);
        }
        int offset = h[h.length - 1] & 0x0f;
        int binary = ((h[offset] & 0x7f) << 24) | ((h[offset + 1] & 0xff) << 16) | ((h[offset + 2] & 0xff) << 8)
                | (h[offset + 3] & 0xff);
        int mod = 1;
        for (int i = 0; i < digits; i++) {
            mod *= 10;
        }
        StringBuilder s = new StringBuilder(Integer.toString(binary % mod));
        while (s.length() < digits) {
            s.insert(0, '0');
        }
        return s.toString();
    }
}
