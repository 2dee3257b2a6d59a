package org.lucarne.signaling.invite;

import java.security.SecureRandom;
import java.util.Base64;

/** 32 random bytes written as 43 base64url characters without padding (RFC 4648 §5). */
final class RandomToken {

    static final int BYTES = 32;
    static final int LENGTH = 43;

    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private RandomToken() {
    }

    static String next(SecureRandom random) {
        byte[] bytes = new byte[BYTES];
        random.nextBytes(bytes);
        return ENCODER.encodeToString(bytes);
    }

    /**
     * True only for the canonical encoding of 32 bytes: exactly 43 characters from
     * {@code A-Z a-z 0-9 - _}, and a last character whose two unused bits are zero.
     */
    static boolean isWellFormed(String text) {
        if (text == null || text.length() != LENGTH) {
            return false;
        }
        for (int i = 0; i < LENGTH; i++) {
            char c = text.charAt(i);
            boolean ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '_';
            if (!ok) {
                return false;
            }
        }
        return ENCODER.encodeToString(DECODER.decode(text)).equals(text);
    }

    static byte[] decode(String wellFormed) {
        return DECODER.decode(wellFormed);
    }
}
