package org.lucarne.signaling.ws.protocol;

import java.util.Base64;

/**
 * Bytes in JSON: base64url without padding (RFC 4648 §5), canonical only, so that one value has one spelling
 * (docs/e2ee.md, "Encodings and labels").
 */
public final class Base64Url {
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private Base64Url() {
    }

    public static String encode(byte[] bytes) {
        return ENCODER.encodeToString(bytes);
    }

    /** The bytes of {@code text}, or null when it is not canonical base64url without padding. */
    public static byte[] decodeOrNull(String text) {
        if (text.length() % 4 == 1) {
            return null;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
            if (!ok) {
                return null;
            }
        }
        byte[] bytes = DECODER.decode(text);
        return encode(bytes).equals(text) ? bytes : null; // unused low bits set: not canonical
    }

    /** The length in characters of {@code bytes} bytes. */
    public static int length(int bytes) {
        return (bytes * 4 + 2) / 3;
    }

    /** The bytes of a value that must be canonical (read back from the database, written by this server). */
    public static byte[] decode(String text) {
        byte[] bytes = decodeOrNull(text);
        if (bytes == null) {
            throw new IllegalArgumentException("not canonical base64url");
        }
        return bytes;
    }
}
