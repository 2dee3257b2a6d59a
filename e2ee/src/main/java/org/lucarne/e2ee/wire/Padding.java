package org.lucarne.e2ee.wire;

import java.util.Arrays;

/**
 * ISO/IEC 7816-4 padding (docs/e2ee.md "Padding"): {@code P || 0x80 || 0x00...} up to the smallest bucket of at
 * least {@code len(P) + 1} bytes, or, for photos, to a multiple of a chunk size.
 */
public final class Padding {
    private Padding() {
    }

    /** A message padded to its bucket; {@code plaintext_too_large} from 32 KiB on. */
    public static byte[] pad(byte[] plaintext) throws PlaintextException {
        int bucket = Buckets.forPlaintext(plaintext.length);
        if (bucket < 0) {
            throw new PlaintextException(PlaintextException.TOO_LARGE, "a message has at most "
                    + (Buckets.LARGEST - 1) + " bytes, not " + plaintext.length);
        }
        return padTo(plaintext, bucket);
    }

    /** {@code data} padded to the smallest multiple of {@code unit} of at least {@code len + 1} bytes. */
    public static byte[] padToMultiple(byte[] data, int unit) {
        long size = ((long) data.length / unit + 1) * unit;
        return padTo(data, Math.toIntExact(size));
    }

    private static byte[] padTo(byte[] data, int size) {
        byte[] out = Arrays.copyOf(data, size);
        out[data.length] = (byte) 0x80;
        return out;
    }

    /** A decrypted message without its padding: its length must be a bucket, its tail 0x80 then zeros. */
    public static byte[] unpad(byte[] padded) throws PlaintextException {
        if (!Buckets.isBucket(padded.length)) {
            throw new PlaintextException(PlaintextException.MALFORMED, "a padded message is a bucket's size, not "
                    + padded.length + " bytes");
        }
        return strip(padded);
    }

    /** Data padded by {@link #padToMultiple} without its padding. */
    public static byte[] strip(byte[] padded) throws PlaintextException {
        int i = padded.length - 1;
        while (i >= 0 && padded[i] == 0) {
            i--;
        }
        if (i < 0 || padded[i] != (byte) 0x80) {
            throw new PlaintextException(PlaintextException.MALFORMED,
                    "the padding is not 0x80 then zeros after the last byte of the message");
        }
        return Arrays.copyOf(padded, i);
    }
}
