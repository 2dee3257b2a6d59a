package org.lucarne.signaling.staff;

import java.io.ByteArrayOutputStream;
import java.util.Locale;

/**
 * Base32 (RFC 4648 §6): the alphabet A–Z 2–7, as authenticator apps expect a TOTP secret.
 * Decoding is lenient about what people type or copy: lower case, spaces and padding are accepted.
 */
public final class Base32 {
    private static final char[] ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".toCharArray();

    private Base32() {
    }

    /** Without padding: what {@code otpauth://} URIs carry (RFC 4648 §3.2 allows leaving it out). */
    public static String encode(byte[] data) {
        return encode(data, false);
    }

    public static String encode(byte[] data, boolean pad) {
        StringBuilder out = new StringBuilder((data.length * 8 + 4) / 5 + 8);
        int buffer = 0;
        int bits = 0;
        for (byte b : data) {
            buffer = (buffer << 8) | (b & 0xff);
            bits += 8;
            while (bits >= 5) {
                out.append(ALPHABET[(buffer >>> (bits - 5)) & 31]);
                bits -= 5;
            }
        }
        if (bits > 0) {
            out.append(ALPHABET[(buffer << (5 - bits)) & 31]);
        }
        while (pad && out.length() % 8 != 0) {
            out.append('=');
        }
        return out.toString();
    }

    /**
     * @throws IllegalArgumentException on a character outside the alphabet, or leftover bits that are
     *                                  not zero (not the encoding of whole bytes)
     */
    public static byte[] decode(String text) {
        String s = text.replace(" ", "").replace("-", "").toUpperCase(Locale.ROOT);
        int end = s.length();
        while (end > 0 && s.charAt(end - 1) == '=') {
            end--;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(end * 5 / 8);
        int buffer = 0;
        int bits = 0;
        for (int i = 0; i < end; i++) {
            char c = s.charAt(i);
            int v = c >= 'A' && c <= 'Z' ? c - 'A' : c >= '2' && c <= '7' ? c - '2' + 26 : -1;
            if (v < 0) {
                throw new IllegalArgumentException("not base32: '" + c + "' at " + i);
            }
            buffer = (buffer << 5) | v;
            bits += 5;
            if (bits >= 8) {
                out.write((buffer >>> (bits - 8)) & 0xff);
                bits -= 8;
            }
        }
        if (bits >= 5 || (buffer & ((1 << bits) - 1)) != 0) {
            throw new IllegalArgumentException("not base32: it does not end on a whole byte");
        }
        return out.toByteArray();
    }
}
