package org.lucarne.e2ee.ratchet;

import java.util.Arrays;
import org.lucarne.e2ee.primitives.Hashes;
import org.lucarne.e2ee.primitives.Labels;

/** The Double Ratchet's KDFs as docs/e2ee.md "Double Ratchet" instantiates DR §5.2. */
public final class Kdf {
    private static final byte[] MESSAGE_KEY_INPUT = {0x01};
    private static final byte[] CHAIN_KEY_INPUT = {0x02};

    /** Two 32-byte outputs: (root key, chain key) from KDF_RK, (message key, next chain key) from KDF_CK. */
    public record Pair(byte[] first, byte[] second) {
    }

    /** AES-256 key and GCM nonce from a message key. */
    public record MessageKeys(byte[] key, byte[] nonce) {
    }

    private Kdf() {
    }

    /** KDF_RK(rk, dh_out) = HKDF-SHA-256(IKM = dh_out, salt = rk, info = "Lucarne ratchet v1", L = 64). */
    public static Pair rootStep(byte[] rootKey, byte[] dhOut) {
        byte[] out = Hashes.hkdf(dhOut, rootKey, Labels.ascii(Labels.RATCHET), 64);
        return new Pair(Arrays.copyOf(out, 32), Arrays.copyOfRange(out, 32, 64));
    }

    /** KDF_CK(ck): message key HMAC-SHA-256(ck, 0x01), next chain key HMAC-SHA-256(ck, 0x02) (DR §5.2). */
    public static Pair chainStep(byte[] chainKey) {
        return new Pair(Hashes.hmac(chainKey, MESSAGE_KEY_INPUT), Hashes.hmac(chainKey, CHAIN_KEY_INPUT));
    }

    /** HKDF-SHA-256(IKM = mk, salt = 32 × 0x00, info = "Lucarne message key v1", L = 44): key 0–31, nonce 32–43. */
    public static MessageKeys messageKeys(byte[] messageKey) {
        byte[] out = Hashes.hkdf(messageKey, new byte[32], Labels.ascii(Labels.MESSAGE_KEY), 44);
        return new MessageKeys(Arrays.copyOf(out, 32), Arrays.copyOfRange(out, 32, 44));
    }
}
