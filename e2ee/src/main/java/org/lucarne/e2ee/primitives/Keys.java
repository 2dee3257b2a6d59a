package org.lucarne.e2ee.primitives;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.NamedParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;

/**
 * Raw 32-byte keys of X25519 and Ed25519 to and from the JDK's key objects, through their DER forms:
 * PKCS#8 (RFC 8410 §7, without the public key, as WebCrypto imports it) and SubjectPublicKeyInfo (RFC 8410 §4).
 */
final class Keys {
    private static final byte[] PKCS8_X25519 = hex("302e020100300506032b656e04220420");
    private static final byte[] PKCS8_ED25519 = hex("302e020100300506032b657004220420");
    private static final byte[] SPKI_X25519 = hex("302a300506032b656e032100");
    private static final byte[] SPKI_ED25519 = hex("302a300506032b6570032100");

    enum Curve { X25519, ED25519 }

    private Keys() {
    }

    static byte[] pkcs8(Curve curve, byte[] raw) {
        return concat(curve == Curve.X25519 ? PKCS8_X25519 : PKCS8_ED25519, exact32(raw, "private key"));
    }

    static PrivateKey privateKey(Curve curve, byte[] raw) {
        try {
            return KeyFactory.getInstance(algorithm(curve)).generatePrivate(new PKCS8EncodedKeySpec(pkcs8(curve, raw)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK refused a " + curve + " private key", e);
        }
    }

    static PublicKey publicKey(Curve curve, byte[] raw) {
        byte[] spki = concat(curve == Curve.X25519 ? SPKI_X25519 : SPKI_ED25519, exact32(raw, "public key"));
        try {
            return KeyFactory.getInstance(algorithm(curve)).generatePublic(new X509EncodedKeySpec(spki));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not a " + curve + " public key", e);
        }
    }

    /** The public key of a raw private key (an X25519 scalar or an Ed25519 seed), as its 32 raw bytes. */
    static byte[] publicOf(Curve curve, byte[] raw) {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance(algorithm(curve));
            g.initialize(curve == Curve.X25519 ? NamedParameterSpec.X25519 : NamedParameterSpec.ED25519,
                    new FixedSecureRandom(exact32(raw, "private key")));
            byte[] spki = g.generateKeyPair().getPublic().getEncoded();
            return Arrays.copyOfRange(spki, spki.length - 32, spki.length);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has no " + curve, e);
        }
    }

    private static String algorithm(Curve curve) {
        return curve == Curve.X25519 ? "XDH" : "Ed25519";
    }

    private static byte[] exact32(byte[] raw, String what) {
        if (raw == null || raw.length != 32) {
            throw new IllegalArgumentException("a " + what + " has 32 bytes");
        }
        return raw;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    static byte[] hex(String s) {
        byte[] out = new byte[s.length() / 2];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) Integer.parseInt(s.substring(2 * i, 2 * i + 2), 16);
        }
        return out;
    }
}
