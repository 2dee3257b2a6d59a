package org.lucarne.e2ee.primitives;

import java.security.GeneralSecurityException;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/** AES-256-GCM with a 12-byte nonce and a 16-byte tag appended to the ciphertext (NIST SP 800-38D). */
public final class AesGcm {
    private AesGcm() {
    }

    public static byte[] encrypt(byte[] key, byte[] nonce, byte[] plaintext, byte[] associatedData) {
        try {
            return cipher(Cipher.ENCRYPT_MODE, key, nonce, associatedData).doFinal(plaintext);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-256-GCM failed", e);
        }
    }

    /** The plaintext, or {@code decrypt_failed} when the tag does not verify (wrong key, nonce, data or AD). */
    public static byte[] decrypt(byte[] key, byte[] nonce, byte[] ciphertext, byte[] associatedData)
            throws E2eeException {
        if (ciphertext.length < 16) {
            throw new E2eeException("decrypt_failed", "a ciphertext holds at least its 16-byte tag");
        }
        try {
            return cipher(Cipher.DECRYPT_MODE, key, nonce, associatedData).doFinal(ciphertext);
        } catch (AEADBadTagException e) {
            throw new E2eeException("decrypt_failed", "the AES-GCM tag does not verify");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-256-GCM failed", e);
        }
    }

    private static Cipher cipher(int mode, byte[] key, byte[] nonce, byte[] ad) throws GeneralSecurityException {
        if (key.length != 32 || nonce.length != 12) {
            throw new IllegalArgumentException("AES-256-GCM takes a 32-byte key and a 12-byte nonce");
        }
        Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
        c.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, nonce));
        c.updateAAD(ad);
        return c;
    }
}
