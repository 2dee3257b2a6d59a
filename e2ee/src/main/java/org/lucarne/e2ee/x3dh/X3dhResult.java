package org.lucarne.e2ee.x3dh;

/**
 * What X3DH gives (docs/e2ee.md "Session start"): the shared key {@code sk}, the associated data {@code ad}, and,
 * for the vectors, every intermediate value. {@code dh4} and {@code psk} are null when absent.
 */
public record X3dhResult(byte[] dh1, byte[] dh2, byte[] dh3, byte[] dh4, byte[] psk, byte[] pskId, int flags,
                         byte[] info, byte[] sk, byte[] ad) {
    public static final int FLAG_DH4 = 0x01;
    public static final int FLAG_PSK = 0x02;
}
