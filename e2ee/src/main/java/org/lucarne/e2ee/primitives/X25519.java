package org.lucarne.e2ee.primitives;

import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import javax.crypto.KeyAgreement;

/** X25519 (RFC 7748 §5) on raw 32-byte keys, with the JDK's XDH. */
public final class X25519 {
    private X25519() {
    }

    /** The public key (u-coordinate, 32 bytes) of a private scalar. */
    public static byte[] publicKey(byte[] privateKey) {
        return Keys.publicOf(Keys.Curve.X25519, privateKey);
    }

    /** The private scalar as PKCS#8 DER (RFC 8410), as WebCrypto imports it. */
    public static byte[] pkcs8(byte[] privateKey) {
        return Keys.pkcs8(Keys.Curve.X25519, privateKey);
    }

    /** X25519(k, u); an all-zero output is refused (RFC 7748 §6.1) with {@code dh_zero}. */
    public static byte[] dh(byte[] privateKey, byte[] publicKey) throws E2eeException {
        byte[] out;
        try {
            KeyAgreement ka = KeyAgreement.getInstance("XDH");
            ka.init(Keys.privateKey(Keys.Curve.X25519, privateKey));
            ka.doPhase(Keys.publicKey(Keys.Curve.X25519, publicKey), true);
            out = ka.generateSecret();
        } catch (InvalidKeyException e) {
            // the JDK refuses a small-order point, whose output is all zeros
            throw new E2eeException("dh_zero", "X25519 gave an all-zero secret: the peer's key is of small order");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK's XDH failed", e);
        }
        int any = 0;
        for (byte b : out) {
            any |= b;
        }
        if (any == 0) {
            throw new E2eeException("dh_zero", "X25519 gave an all-zero secret: the peer's key is of small order");
        }
        return out;
    }
}
