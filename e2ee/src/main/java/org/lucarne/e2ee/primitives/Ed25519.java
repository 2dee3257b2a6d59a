package org.lucarne.e2ee.primitives;

import java.security.GeneralSecurityException;
import java.security.Signature;
import java.security.SignatureException;

/** Ed25519 (RFC 8032 §5.1, pure) on raw keys: a 32-byte seed signs, a 32-byte public key verifies. */
public final class Ed25519 {
    private Ed25519() {
    }

    /** The public key of a seed. */
    public static byte[] publicKey(byte[] seed) {
        return Keys.publicOf(Keys.Curve.ED25519, seed);
    }

    /** The seed as PKCS#8 DER (RFC 8410), as WebCrypto imports it. */
    public static byte[] pkcs8(byte[] seed) {
        return Keys.pkcs8(Keys.Curve.ED25519, seed);
    }

    /** The deterministic 64-byte signature of {@code message}. */
    public static byte[] sign(byte[] seed, byte[] message) {
        try {
            Signature s = Signature.getInstance("Ed25519");
            s.initSign(Keys.privateKey(Keys.Curve.ED25519, seed));
            s.update(message);
            return s.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK's Ed25519 failed", e);
        }
    }

    /** Whether {@code signature} is {@code publicKey}'s over {@code message}; false for any malformed input. */
    public static boolean verify(byte[] publicKey, byte[] message, byte[] signature) {
        if (publicKey == null || publicKey.length != 32 || signature == null || signature.length != 64) {
            return false;
        }
        try {
            Signature s = Signature.getInstance("Ed25519");
            s.initVerify(Keys.publicKey(Keys.Curve.ED25519, publicKey));
            s.update(message);
            return s.verify(signature);
        } catch (IllegalArgumentException | SignatureException | java.security.InvalidKeyException e) {
            return false;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK's Ed25519 failed", e);
        }
    }
}
