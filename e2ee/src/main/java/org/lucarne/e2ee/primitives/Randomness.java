package org.lucarne.e2ee.primitives;

import java.security.SecureRandom;

/** Where private keys and random values come from: the platform's in production, given bytes in the vectors. */
@FunctionalInterface
public interface Randomness {
    byte[] bytes(int length);

    /** The platform's strong random source. */
    static Randomness secure() {
        SecureRandom random = new SecureRandom();
        return n -> {
            byte[] b = new byte[n];
            random.nextBytes(b);
            return b;
        };
    }
}
