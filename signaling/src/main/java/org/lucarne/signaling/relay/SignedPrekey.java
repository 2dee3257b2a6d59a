package org.lucarne.signaling.relay;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import org.lucarne.signaling.circle.Ed25519;
import org.lucarne.signaling.ws.protocol.ErrorCode;

/**
 * A signed prekey record (docs/e2ee.md, "Prekeys"): {@code spk_id (4) || created (8, ms) || SPK (32) || sig (64)},
 * where {@code sig = Ed25519(IK_sig, "Lucarne signed prekey v1" || 0x00 || suite || device id || spk_id || created
 * || SPK)}. The server checks the signature against the owner's identity before it serves the record, so that a
 * device cannot publish a prekey its peers would refuse, and refuses one made more than a day in the future.
 */
public record SignedPrekey(long spkId, long createdAt, byte[] publicKey, byte[] signature) {
    public static final int LENGTH = 108;
    /** Suite 1, X25519-Ed25519-SHA256-AESGCM: the only one of this version. */
    public static final byte SUITE = 0x01;
    /** How far ahead of the server's clock a prekey's {@code created} may be. */
    public static final Duration MAX_AHEAD = Duration.ofDays(1);
    static final byte[] LABEL = "Lucarne signed prekey v1".getBytes(StandardCharsets.US_ASCII);

    public SignedPrekey {
        if (publicKey.length != 32 || signature.length != 64) {
            throw new IllegalArgumentException("a prekey is 32 bytes, its signature 64");
        }
        publicKey = publicKey.clone();
        signature = signature.clone();
    }

    /** The record's fields; a record of another length is refused ({@code e2ee_prekey_invalid}). */
    public static SignedPrekey decode(byte[] record) {
        if (record.length != LENGTH) {
            throw new RelayRefusal(ErrorCode.E2EE_PREKEY_INVALID, "a signed prekey record is " + LENGTH + " bytes, not "
                    + record.length);
        }
        ByteBuffer b = ByteBuffer.wrap(record);
        long id = Integer.toUnsignedLong(b.getInt());
        long created = b.getLong();
        byte[] key = new byte[32];
        byte[] sig = new byte[64];
        b.get(key).get(sig);
        return new SignedPrekey(id, created, key, sig);
    }

    public byte[] encode() {
        return ByteBuffer.allocate(LENGTH).putInt((int) spkId).putLong(createdAt).put(publicKey).put(signature).array();
    }

    /** What the owner's {@code IK_sig} signs. */
    static byte[] signedBytes(byte[] deviceId, long spkId, long createdAt, byte[] publicKey) {
        return ByteBuffer.allocate(LABEL.length + 1 + 1 + 16 + 4 + 8 + 32).put(LABEL).put((byte) 0).put(SUITE)
                .put(deviceId).putInt((int) spkId).putLong(createdAt).put(publicKey).array();
    }

    /**
     * Refuses ({@code e2ee_prekey_invalid}) unless the signature is {@code identity}'s (a 128-byte identity record,
     * {@code IK_sig} its first 32 bytes) over this record of device {@code deviceId}, and {@code created} is at most a
     * day after {@code now}.
     */
    public void verify(byte[] identity, byte[] deviceId, Instant now) {
        if (identity.length != 128 || deviceId.length != 16) {
            throw new IllegalArgumentException("an identity record is 128 bytes and a device id 16");
        }
        if (createdAt > now.plus(MAX_AHEAD).toEpochMilli()) {
            throw new RelayRefusal(ErrorCode.E2EE_PREKEY_INVALID,
                    "the signed prekey says it was made more than a day from now: check the device's clock");
        }
        byte[] message = signedBytes(deviceId, spkId, createdAt, publicKey);
        if (!Ed25519.verify(Arrays.copyOf(identity, 32), message, signature)) {
            throw new RelayRefusal(ErrorCode.E2EE_PREKEY_INVALID,
                    "the signed prekey's signature is not this device's identity key's");
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SignedPrekey p && p.spkId == spkId && p.createdAt == createdAt
                && Arrays.equals(p.publicKey, publicKey) && Arrays.equals(p.signature, signature);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(spkId) * 31 + Arrays.hashCode(publicKey);
    }

    @Override
    public String toString() {
        return "SignedPrekey[" + spkId + ", created " + createdAt + "]";
    }

    @Override
    public byte[] publicKey() {
        return publicKey.clone();
    }

    @Override
    public byte[] signature() {
        return signature.clone();
    }
}
