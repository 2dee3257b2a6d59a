package org.lucarne.e2ee.wire;

/**
 * The sizes a padded plaintext may have (docs/e2ee.md "Padding", as settled for the 64 KiB socket
 * frame): 256 B, 512 B, 1 KiB ... 32 KiB. The largest plaintext is one byte less than the largest bucket.
 */
public final class Buckets {
    public static final int SMALLEST = 256;
    public static final int LARGEST = 32 * 1024;

    private Buckets() {
    }

    /** Whether {@code length} is exactly one of the bucket sizes. */
    public static boolean isBucket(int length) {
        return length >= SMALLEST && length <= LARGEST && Integer.bitCount(length) == 1;
    }

    /** The smallest bucket that holds {@code plaintextLength} bytes and the padding's 0x80, or -1 when none does. */
    public static int forPlaintext(int plaintextLength) {
        if (plaintextLength < 0 || plaintextLength >= LARGEST) {
            return -1;
        }
        int bucket = SMALLEST;
        while (bucket < plaintextLength + 1) {
            bucket <<= 1;
        }
        return bucket;
    }
}
