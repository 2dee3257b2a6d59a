package org.lucarne.e2ee.identity;

import java.util.Arrays;
import org.lucarne.e2ee.primitives.E2eeException;
import org.lucarne.e2ee.primitives.Ed25519;
import org.lucarne.e2ee.primitives.Hashes;
import org.lucarne.e2ee.primitives.Labels;
import org.lucarne.e2ee.wire.Bytes;

/**
 * A device's public identity (docs/e2ee.md "Identity"): {@code IK_sig} (Ed25519), {@code IK_dh} (X25519),
 * {@code id_sig} and the device id they give. The record is {@code IK_sig || IK_dh || id_sig} (128 bytes).
 */
public record PublicIdentity(byte[] sigKey, byte[] dhKey, byte[] idSig) {
    public static final int RECORD_BYTES = 128;
    public static final int DEVICE_ID_BYTES = 16;

    public PublicIdentity {
        sigKey = Bytes.exact(sigKey, 32, "IK_sig");
        dhKey = Bytes.exact(dhKey, 32, "IK_dh");
        idSig = Bytes.exact(idSig, 64, "id_sig");
    }

    /** Reads a record and checks {@code id_sig}: {@code identity_malformed} or {@code identity_bad_signature}. */
    public static PublicIdentity parse(byte[] record) throws E2eeException {
        if (record == null || record.length != RECORD_BYTES) {
            throw new E2eeException("identity_malformed", "an identity record has 128 bytes");
        }
        PublicIdentity id = new PublicIdentity(Arrays.copyOfRange(record, 0, 32), Arrays.copyOfRange(record, 32, 64),
                Arrays.copyOfRange(record, 64, 128));
        if (!Ed25519.verify(id.sigKey, signedDhKey(id.dhKey), id.idSig)) {
            throw new E2eeException("identity_bad_signature", "id_sig is not IK_sig's signature of IK_dh");
        }
        return id;
    }

    /** What {@code id_sig} signs: the label, 0x00, {@code IK_dh}. */
    static byte[] signedDhKey(byte[] dhKey) {
        return Bytes.concat(Labels.prefix(Labels.IDENTITY_DH_KEY), dhKey);
    }

    /** SHA-256("Lucarne device id v1" || 0x00 || IK_sig || IK_dh)[0..16]. */
    public static byte[] deviceId(byte[] sigKey, byte[] dhKey) {
        return Arrays.copyOf(Hashes.sha256(Labels.prefix(Labels.DEVICE_ID), sigKey, dhKey), DEVICE_ID_BYTES);
    }

    public byte[] deviceId() {
        return deviceId(sigKey, dhKey);
    }

    public byte[] record() {
        return Bytes.concat(sigKey, dhKey, idSig);
    }

    @Override
    public byte[] sigKey() {
        return sigKey.clone();
    }

    @Override
    public byte[] dhKey() {
        return dhKey.clone();
    }

    @Override
    public byte[] idSig() {
        return idSig.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PublicIdentity p && Arrays.equals(record(), p.record());
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(sigKey);
    }

    @Override
    public String toString() {
        return "PublicIdentity[" + Bytes.b64(deviceId()) + "]";
    }
}
