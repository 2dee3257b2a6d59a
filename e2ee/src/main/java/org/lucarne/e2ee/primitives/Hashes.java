package org.lucarne.e2ee.primitives;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** SHA-256, SHA-512, HMAC-SHA-256 and HKDF-SHA-256 (RFC 5869), from the JDK. */
public final class Hashes {
    private Hashes() {
    }

    public static byte[] sha256(byte[]... parts) {
        return digest("SHA-256", parts);
    }

    public static byte[] sha512(byte[]... parts) {
        return digest("SHA-512", parts);
    }

    private static byte[] digest(String algorithm, byte[]... parts) {
        try {
            MessageDigest d = MessageDigest.getInstance(algorithm);
            for (byte[] p : parts) {
                d.update(p);
            }
            return d.digest();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(algorithm + " is missing from this JDK", e);
        }
    }

    /** HMAC-SHA-256 (RFC 2104) of the parts, concatenated. */
    public static byte[] hmac(byte[] key, byte[]... parts) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.length == 0 ? new byte[32] : key, "HmacSHA256"));
            for (byte[] p : parts) {
                mac.update(p);
            }
            return mac.doFinal();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JDK", e);
        }
    }

    /** HKDF-SHA-256 (RFC 5869 §2.2 extract, §2.3 expand); an empty salt is HashLen zeros. */
    public static byte[] hkdf(byte[] ikm, byte[] salt, byte[] info, int length) {
        if (length < 1 || length > 255 * 32) {
            throw new IllegalArgumentException("HKDF-SHA-256 gives 1 to 8160 bytes, not " + length);
        }
        byte[] prk = hmac(salt.length == 0 ? new byte[32] : salt, ikm);
        byte[] out = new byte[length];
        byte[] t = new byte[0];
        for (int i = 1, at = 0; at < length; i++) {
            t = hmac(prk, t, info, new byte[] {(byte) i});
            System.arraycopy(t, 0, out, at, Math.min(32, length - at));
            at += 32;
        }
        Arrays.fill(prk, (byte) 0);
        return out;
    }
}
