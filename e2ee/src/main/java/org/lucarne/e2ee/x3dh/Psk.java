package org.lucarne.e2ee.x3dh;

import java.util.Arrays;
import org.lucarne.e2ee.primitives.Hashes;
import org.lucarne.e2ee.primitives.Labels;
import org.lucarne.e2ee.wire.Bytes;

/** The link secret's value mixed into X3DH, and its id (docs/e2ee.md "Session start"). */
public final class Psk {
    public static final int BYTES = 32;
    public static final int ID_BYTES = 16;

    private Psk() {
    }

    /** PSK = HKDF-SHA-256(IKM = link secret (32 bytes), salt = 32 × 0x00, info = "Lucarne invite psk v1", L = 32). */
    public static byte[] fromLinkSecret(byte[] linkSecret) {
        return Hashes.hkdf(Bytes.exact(linkSecret, 32, "link secret"), new byte[32], Labels.ascii(Labels.INVITE_PSK), BYTES);
    }

    /** psk id = HMAC-SHA-256(key = PSK, "Lucarne invite psk id v1")[0..16]; 16 zeros without a PSK. */
    public static byte[] id(byte[] psk) {
        if (psk == null) {
            return new byte[ID_BYTES];
        }
        return Arrays.copyOf(Hashes.hmac(Bytes.exact(psk, BYTES, "PSK"), Labels.ascii(Labels.INVITE_PSK_ID)), ID_BYTES);
    }
}
