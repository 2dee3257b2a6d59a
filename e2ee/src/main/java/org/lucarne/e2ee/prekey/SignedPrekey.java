package org.lucarne.e2ee.prekey;

import java.time.Duration;
import java.util.Arrays;
import org.lucarne.e2ee.identity.IdentityKeys;
import org.lucarne.e2ee.identity.PublicIdentity;
import org.lucarne.e2ee.primitives.E2eeException;
import org.lucarne.e2ee.primitives.Ed25519;
import org.lucarne.e2ee.primitives.Labels;
import org.lucarne.e2ee.wire.Bytes;
import org.lucarne.e2ee.wire.EnvelopeHeader;

/**
 * A signed prekey record (docs/e2ee.md "Prekeys"): {@code spk_id (4) || created (8, ms) || SPK (32) || sig (64)},
 * {@code sig = Ed25519(IK_sig, label || 0x00 || suite || device id || spk_id || created || SPK)}.
 */
public record SignedPrekey(long id, long createdAt, byte[] publicKey, byte[] signature) {
    public static final int BYTES = 4 + 8 + 32 + 64;
    /** Older than this is refused: the 30 days a queued message may wait, a week's rotation, less a margin. */
    public static final Duration MAX_AGE = Duration.ofDays(35);
    /** Further ahead than this is refused. */
    public static final Duration MAX_AHEAD = Duration.ofDays(1);

    public SignedPrekey {
        if (id < 0 || id > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("spk_id fits 4 unsigned bytes");
        }
        publicKey = Bytes.exact(publicKey, 32, "SPK");
        signature = Bytes.exact(signature, 64, "signature");
    }

    /** Signs {@code publicKey} with the owner's {@code IK_sig}. */
    public static SignedPrekey sign(IdentityKeys owner, long id, long createdAt, byte[] publicKey) {
        byte[] sig = owner.sign(signedBytes(owner.deviceId(), id, createdAt, publicKey));
        return new SignedPrekey(id, createdAt, publicKey, sig);
    }

    /** What the signature covers. */
    public static byte[] signedBytes(byte[] deviceId, long id, long createdAt, byte[] publicKey) {
        return Bytes.concat(Labels.prefix(Labels.SIGNED_PREKEY),
                new byte[] {(byte) EnvelopeHeader.SUITE_X25519_ED25519_SHA256_AESGCM}, Bytes.exact(deviceId, 16, "device id"),
                Bytes.uint32(id), Bytes.uint64(createdAt), publicKey);
    }

    public static SignedPrekey parse(byte[] record) throws E2eeException {
        if (record == null || record.length != BYTES) {
            throw new E2eeException("prekey_malformed", "a signed prekey record has 108 bytes");
        }
        long created = 0;
        for (int i = 4; i < 12; i++) {
            created = (created << 8) | (record[i] & 0xFF);
        }
        return new SignedPrekey(Bytes.readUint32(record, 0), created, Arrays.copyOfRange(record, 12, 44),
                Arrays.copyOfRange(record, 44, 108));
    }

    public byte[] encode() {
        return Bytes.concat(Bytes.uint32(id), Bytes.uint64(createdAt), publicKey, signature);
    }

    /**
     * What a sender checks before using it (docs/e2ee.md "Prekeys"): the owner's signature
     * ({@code prekey_bad_signature}), not over 35 days old ({@code prekey_too_old}), not over a day ahead
     * ({@code prekey_in_future}).
     */
    public void check(PublicIdentity owner, long nowMillis) throws E2eeException {
        if (!Ed25519.verify(owner.sigKey(), signedBytes(owner.deviceId(), id, createdAt, publicKey), signature)) {
            throw new E2eeException("prekey_bad_signature", "signed prekey " + id + " is not signed by its device");
        }
        if (nowMillis - createdAt > MAX_AGE.toMillis()) {
            throw new E2eeException("prekey_too_old", "signed prekey " + id + " is over 35 days old");
        }
        if (createdAt - nowMillis > MAX_AHEAD.toMillis()) {
            throw new E2eeException("prekey_in_future", "signed prekey " + id + " is dated over a day ahead");
        }
    }

    @Override
    public byte[] publicKey() {
        return publicKey.clone();
    }

    @Override
    public byte[] signature() {
        return signature.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SignedPrekey s && Arrays.equals(encode(), s.encode());
    }

    @Override
    public int hashCode() {
        return Long.hashCode(id);
    }

    @Override
    public String toString() {
        return "SignedPrekey[" + id + "]";
    }
}
