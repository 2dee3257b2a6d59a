package org.lucarne.e2ee.wire;

import java.util.Arrays;

/**
 * The X3DH part of a prekey message (docs/e2ee.md "Envelope", 184 bytes): the sender's identity record,
 * its ephemeral key {@code EK_A}, the ids of the recipient's signed and one-time prekeys (0 = none) and the
 * psk id (16 zero bytes without a link secret). Arrays are copied in and out.
 */
public record PrekeyPart(byte[] identityRecord, byte[] ephemeralKey, long signedPrekeyId, long oneTimePrekeyId,
                         byte[] pskId) {
    public static final int IDENTITY_RECORD_BYTES = 128;
    public static final int KEY_BYTES = 32;
    public static final int PSK_ID_BYTES = 16;
    /** Identity record, EK, spk_id, opk_id, psk id. */
    public static final int BYTES = IDENTITY_RECORD_BYTES + KEY_BYTES + 4 + 4 + PSK_ID_BYTES;

    public PrekeyPart {
        identityRecord = Bytes.exact(identityRecord, IDENTITY_RECORD_BYTES, "identity record");
        ephemeralKey = Bytes.exact(ephemeralKey, KEY_BYTES, "ephemeral key");
        pskId = Bytes.exact(pskId, PSK_ID_BYTES, "psk id");
        Bytes.uint32(signedPrekeyId, "signed prekey id");
        Bytes.uint32(oneTimePrekeyId, "one-time prekey id");
    }

    @Override
    public byte[] identityRecord() {
        return identityRecord.clone();
    }

    @Override
    public byte[] ephemeralKey() {
        return ephemeralKey.clone();
    }

    @Override
    public byte[] pskId() {
        return pskId.clone();
    }

    /** Whether the sender mixed a link secret in (its psk id is not all zeros). */
    public boolean hasPsk() {
        for (byte b : pskId) {
            if (b != 0) {
                return true;
            }
        }
        return false;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PrekeyPart p && Arrays.equals(identityRecord, p.identityRecord)
                && Arrays.equals(ephemeralKey, p.ephemeralKey) && signedPrekeyId == p.signedPrekeyId
                && oneTimePrekeyId == p.oneTimePrekeyId && Arrays.equals(pskId, p.pskId);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(ephemeralKey);
    }

    @Override
    public String toString() {
        return "PrekeyPart[spk=" + signedPrekeyId + ", opk=" + oneTimePrekeyId + ", psk=" + hasPsk() + "]";
    }
}
