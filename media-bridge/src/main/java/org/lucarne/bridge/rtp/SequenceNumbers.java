package org.lucarne.bridge.rtp;

/**
 * Arithmetic on 16-bit RTP sequence numbers with wrap-around (RFC 3550 §A.1): of two numbers,
 * the newer one is less than half the number space ahead of the other.
 */
public final class SequenceNumbers {

    private SequenceNumbers() {
    }

    /** True when {@code a} comes after {@code b}; exactly half-way apart, the larger one wins. */
    public static boolean isNewer(int a, int b) {
        int diff = (a - b) & 0xFFFF;
        if (diff == 0x8000) {
            return (a & 0xFFFF) > (b & 0xFFFF);
        }
        return diff != 0 && diff < 0x8000;
    }

    /**
     * Signed distance from {@code b} to {@code a}, in [-32768, 32768]; positive exactly when
     * {@link #isNewer(int, int) isNewer(a, b)}.
     */
    public static int delta(int a, int b) {
        int diff = (a - b) & 0xFFFF;
        if (diff == 0x8000) {
            return (a & 0xFFFF) > (b & 0xFFFF) ? 0x8000 : -0x8000;
        }
        return (short) diff;
    }

    /** {@code seq + n} modulo 2^16. */
    public static int add(int seq, int n) {
        return (seq + n) & 0xFFFF;
    }
}
