package org.lucarne.e2ee.primitives;

import java.security.SecureRandom;

/**
 * Hands the JDK's key pair generators a given private key: XDH and Ed25519 generators draw their 32 private
 * bytes with one {@code nextBytes} call and compute the public key from them, the only public way in JDK 17
 * to get a public key from a raw private one. Refuses any other draw, so a change in the JDK cannot go unseen.
 */
final class FixedSecureRandom extends SecureRandom {
    private static final long serialVersionUID = 1L;
    private final byte[] value;
    private boolean used;

    FixedSecureRandom(byte[] value) {
        super(new byte[0]);
        this.value = value.clone();
    }

    @Override
    public synchronized void nextBytes(byte[] bytes) {
        if (used || bytes.length != value.length) {
            throw new IllegalStateException("the key pair generator asked for " + bytes.length
                    + " random bytes; expected one draw of " + value.length);
        }
        used = true;
        System.arraycopy(value, 0, bytes, 0, value.length);
    }
}
