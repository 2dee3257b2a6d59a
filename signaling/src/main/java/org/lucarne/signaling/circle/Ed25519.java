package org.lucarne.signaling.circle;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;

/**
 * Ed25519 signature checks (RFC 8032) with the JDK, on raw 32-byte public keys as the protocol sends them: the one
 * way the server checks a device's signatures (identity records, proofs, signed prekeys).
 */
public final class Ed25519 {
    /** The DER prefix of an Ed25519 SubjectPublicKeyInfo (RFC 8410 §4): the raw key follows. */
    private static final byte[] SPKI_PREFIX = {0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00};
    static final int KEY_LENGTH = 32;
    static final int SIGNATURE_LENGTH = 64;

    private Ed25519() {
    }

    /**
     * Whether {@code signature} is {@code key}'s over {@code message}. A key that is no point of the curve, or a
     * signature of the wrong length or not canonical, is a failed check, never an exception.
     */
    public static boolean verify(byte[] key, byte[] message, byte[] signature) {
        if (key.length != KEY_LENGTH || signature.length != SIGNATURE_LENGTH) {
            return false;
        }
        byte[] spki = new byte[SPKI_PREFIX.length + KEY_LENGTH];
        System.arraycopy(SPKI_PREFIX, 0, spki, 0, SPKI_PREFIX.length);
        System.arraycopy(key, 0, spki, SPKI_PREFIX.length, KEY_LENGTH);
        try {
            PublicKey publicKey = KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(spki));
            Signature verifier = Signature.getInstance("Ed25519");
            verifier.initVerify(publicKey);
            verifier.update(message);
            return verifier.verify(signature);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }
}
