package org.lucarne.signaling.testing;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * What an authenticator app on a nurse's phone computes from the key the console shows: written
 * here from the RFCs alone, not from the server's code, so that a test signing in with it checks
 * that Lucarne agrees with the apps people use.
 */
public final class AuthenticatorApp {
    private static final String BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    private AuthenticatorApp() {
    }

    /** The 6-digit code of a base32 key (as shown, spaces and lower case allowed) at {@code at}. */
    public static String code(String base32Key, Instant at) {
        return totp(base32Decode(base32Key), at.getEpochSecond(), 6);
    }

    /** RFC 6238 §4: TOTP = HOTP(K, T) with T = floor(unix time / 30), HMAC-SHA-1. */
    static String totp(byte[] key, long unixSeconds, int digits) {
        return hotp(key, Math.floorDiv(unixSeconds, 30), digits);
    }

    /** RFC 4226 §5.3: HMAC-SHA-1 of the 8-byte counter, dynamic truncation, modulo 10^digits. */
    static String hotp(byte[] key, long counter, int digits) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(key, "HmacSHA1"));
            byte[] h = mac.doFinal(ByteBuffer.allocate(8).putLong(counter).array());
            int offset = h[h.length - 1] & 0x0f;
            int binary = ((h[offset] & 0x7f) << 24) | ((h[offset + 1] & 0xff) << 16) | ((h[offset + 2] & 0xff) << 8)
                    | (h[offset + 3] & 0xff);
            int modulo = (int) Math.pow(10, digits);
            return String.format(Locale.ROOT, "%0" + digits + "d", binary % modulo);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA1 is required of every Java runtime", e);
        }
    }

    /** RFC 4648 §6 base32, padding optional; spaces ignored, as apps do when a key is typed. */
    static byte[] base32Decode(String text) {
        String s = text.replace(" ", "").replace("=", "").toUpperCase(Locale.ROOT);
        ByteBuffer out = ByteBuffer.allocate(s.length() * 5 / 8);
        int buffer = 0;
        int bits = 0;
        for (char c : s.toCharArray()) {
            int v = BASE32.indexOf(c);
            if (v < 0) {
                throw new IllegalArgumentException("not base32: '" + c + "' in " + text);
            }
            buffer = (buffer << 5) | v;
            bits += 5;
            if (bits >= 8) {
                out.put((byte) (buffer >> (bits - 8)));
                bits -= 8;
            }
        }
        return out.array();
    }
}
