package org.lucarne.e2ee.wire;

import java.util.Base64;

/** Byte helpers of the wire format: unsigned big-endian integers (docs/e2ee.md "Encodings") and checks. */
public final class Bytes {
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder D64 = Base64.getUrlDecoder();

    private Bytes() {
    }

    /** A copy of {@code bytes}, refused unless it has exactly {@code length} bytes. */
    public static byte[] exact(byte[] bytes, int length, String what) {
        if (bytes == null || bytes.length != length) {
            throw new IllegalArgumentException(what + " must be " + length + " bytes, not "
                    + (bytes == null ? "missing" : bytes.length));
        }
        return bytes.clone();
    }

    static void uint32(long value, String what) {
        if (value < 0 || value > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException(what + " must fit 4 unsigned bytes: " + value);
        }
    }

    /** The unsigned 32-bit big-endian integer at {@code at}. */
    public static long readUint32(byte[] b, int at) {
        return ((b[at] & 0xFFL) << 24) | ((b[at + 1] & 0xFFL) << 16) | ((b[at + 2] & 0xFFL) << 8) | (b[at + 3] & 0xFFL);
    }

    /** {@code value} as 4 bytes, big-endian. */
    public static byte[] uint32(long value) {
        uint32(value, "value");
        return new byte[] {(byte) (value >>> 24), (byte) (value >>> 16), (byte) (value >>> 8), (byte) value};
    }

    /** {@code value} as 8 bytes, big-endian. */
    public static byte[] uint64(long value) {
        byte[] out = new byte[8];
        for (int i = 7; i >= 0; i--) {
            out[i] = (byte) value;
            value >>>= 8;
        }
        return out;
    }

    /** The concatenation of the parts. */
    public static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] out = new byte[n];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }

    /** base64url without padding, as every byte field in JSON (docs/e2ee.md "Encodings"). */
    public static String b64(byte[] bytes) {
        return B64.encodeToString(bytes);
    }

    /** The bytes of base64url text without padding; IllegalArgumentException when it is not that. */
    public static byte[] unb64(String text) {
        if (text.indexOf('=') >= 0) {
            throw new IllegalArgumentException("base64url must come without padding");
        }
        return D64.decode(text);
    }
}
