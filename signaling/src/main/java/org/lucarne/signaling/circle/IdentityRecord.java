package org.lucarne.signaling.circle;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;

/**
 * A device's identity record (docs/e2ee.md, "Identity"): {@code IK_sig (32) || IK_dh (32) || id_sig (64)}, where
 * {@code id_sig} is {@code IK_sig}'s Ed25519 signature of {@code "Lucarne identity dh key v1" || 0x00 || IK_dh}.
 * One made by {@link #parse} has been checked; its device id is {@code SHA-256("Lucarne device id v1" || 0x00 ||
 * IK_sig || IK_dh)[0..16]}. Public keys only: the server never holds a private key.
 */
public final class IdentityRecord {
    public static final int LENGTH = 128;
    public static final int DEVICE_ID_LENGTH = 16;
    private static final byte[] DH_KEY_LABEL = label("Lucarne identity dh key v1");
    private static final byte[] DEVICE_ID_LABEL = label("Lucarne device id v1");

    private final byte[] bytes;
    private final byte[] deviceId;

    private IdentityRecord(byte[] bytes, byte[] deviceId) {
        this.bytes = bytes;
        this.deviceId = deviceId;
    }

    /** The record if it is 128 bytes and its {@code id_sig} is good; else empty. */
    public static Optional<IdentityRecord> parse(byte[] record) {
        if (record == null || record.length != LENGTH) {
            return Optional.empty();
        }
        byte[] copy = record.clone();
        byte[] sig = Arrays.copyOfRange(copy, 0, 32);
        byte[] dh = Arrays.copyOfRange(copy, 32, 64);
        byte[] idSig = Arrays.copyOfRange(copy, 64, 128);
        if (!Ed25519.verify(sig, concat(DH_KEY_LABEL, dh), idSig)) {
            return Optional.empty();
        }
        return Optional.of(new IdentityRecord(copy, deviceIdOf(sig, dh)));
    }

    /** {@link #parse} of the base64url text (no padding) the protocol and the database carry. */
    public static Optional<IdentityRecord> parse(String base64url) {
        return Base64Url.decode(base64url).flatMap(IdentityRecord::parse);
    }

    /** The device id of the keys {@code IK_sig} and {@code IK_dh}: 16 bytes. */
    public static byte[] deviceIdOf(byte[] signingKey, byte[] dhKey) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(DEVICE_ID_LABEL);
            sha256.update(signingKey);
            sha256.update(dhKey);
            return Arrays.copyOf(sha256.digest(), DEVICE_ID_LENGTH);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java runtime", e);
        }
    }

    /** Whether {@code signature} is this device's ({@code IK_sig}) over {@code message}. */
    public boolean verifies(byte[] message, byte[] signature) {
        return Ed25519.verify(signingKey(), message, signature);
    }

    public byte[] signingKey() {
        return Arrays.copyOfRange(bytes, 0, 32);
    }

    public byte[] dhKey() {
        return Arrays.copyOfRange(bytes, 32, 64);
    }

    public byte[] bytes() {
        return bytes.clone();
    }

    public byte[] deviceId() {
        return deviceId.clone();
    }

    /** The device id as the protocol and the database write it: 22 base64url characters. */
    public String deviceIdText() {
        return Base64Url.encode(deviceId);
    }

    /** The record as the protocol and the database write it: 171 base64url characters. */
    public String text() {
        return Base64Url.encode(bytes);
    }

    private static byte[] label(String text) {
        byte[] ascii = text.getBytes(StandardCharsets.US_ASCII);
        return Arrays.copyOf(ascii, ascii.length + 1); // the label, then one 0x00
    }

    static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] out = new byte[n];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IdentityRecord r && Arrays.equals(bytes, r.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return "IdentityRecord[device=" + deviceIdText() + "]";
    }

    /** Base64url without padding (RFC 4648 §5), canonical only: what the protocol's byte fields are. */
    public static final class Base64Url {
        private Base64Url() {
        }

        public static String encode(byte[] bytes) {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        }

        /** The bytes, or empty unless {@code text} is canonical base64url without padding. */
        public static Optional<byte[]> decode(String text) {
            if (text == null) {
                return Optional.empty();
            }
            try {
                byte[] bytes = Base64.getUrlDecoder().decode(text);
                return encode(bytes).equals(text) ? Optional.of(bytes) : Optional.empty();
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
        }
    }
}
