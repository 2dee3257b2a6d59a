package org.lucarne.e2ee.wire;

import java.util.Arrays;

/**
 * The clear part of an envelope (docs/e2ee.md "Envelope"): what the relay may read, and all it may read.
 * {@link #parse} is the one Java parser of it. Arrays are copied in and out.
 *
 * @param version            0x01
 * @param suite              0x01 (X25519-Ed25519-SHA256-AESGCM)
 * @param type               prekey or normal message
 * @param senderDeviceId     16 bytes
 * @param recipientDeviceId  16 bytes
 * @param prekey             the X3DH part of a prekey message, null for a normal one
 * @param ratchetKey         the sender's current ratchet public key, 32 bytes (DR §3.4)
 * @param pn                 PN: messages in the sender's previous sending chain
 * @param n                  N: this message's number in its chain
 * @param ciphertextLength   the AES-GCM ciphertext's length, its 16-byte tag included
 */
public record EnvelopeHeader(int version, int suite, EnvelopeType type, byte[] senderDeviceId,
                             byte[] recipientDeviceId, PrekeyPart prekey, byte[] ratchetKey, long pn, long n,
                             int ciphertextLength) {
    public static final int VERSION = 0x01;
    public static final int SUITE_X25519_ED25519_SHA256_AESGCM = 0x01;
    public static final int DEVICE_ID_BYTES = 16;
    public static final int TAG_BYTES = 16;
    /** Version, suite, type, sender and recipient. */
    public static final int COMMON_BYTES = 3 + 2 * DEVICE_ID_BYTES;
    /** Ratchet key, PN, N. */
    public static final int RATCHET_HEADER_BYTES = 32 + 4 + 4;
    /** The largest envelope that parses: a prekey message of the largest bucket (33,043 bytes). */
    public static final int MAX_ENVELOPE_BYTES = COMMON_BYTES + PrekeyPart.BYTES + RATCHET_HEADER_BYTES + Buckets.LARGEST + TAG_BYTES;

    public EnvelopeHeader {
        if (type == null || (type == EnvelopeType.PREKEY) != (prekey != null)) {
            throw new IllegalArgumentException("a prekey message, and only one, has a prekey part");
        }
        senderDeviceId = Bytes.exact(senderDeviceId, DEVICE_ID_BYTES, "sender device id");
        recipientDeviceId = Bytes.exact(recipientDeviceId, DEVICE_ID_BYTES, "recipient device id");
        ratchetKey = Bytes.exact(ratchetKey, 32, "ratchet key");
        Bytes.uint32(pn, "PN");
        Bytes.uint32(n, "N");
    }

    /**
     * Reads an envelope's clear part and checks its framing, in this order: fewer than 3 bytes is
     * {@code envelope_truncated}; an unknown version, suite or type is {@code envelope_unsupported}; fewer bytes
     * than the clear part of its type and a tag (91 normal, 275 prekey) is {@code envelope_truncated}; a
     * ciphertext whose length less its tag is not a bucket (256 B ... 32 KiB) is {@code envelope_malformed}.
     * Nothing is decrypted.
     */
    public static EnvelopeHeader parse(byte[] envelope) throws EnvelopeException {
        if (envelope == null || envelope.length < 3) {
            throw new EnvelopeException(EnvelopeException.TRUNCATED, "an envelope starts with version, suite and type; got "
                    + (envelope == null ? "nothing" : envelope.length + " bytes"));
        }
        int version = envelope[0] & 0xFF;
        int suite = envelope[1] & 0xFF;
        EnvelopeType type = EnvelopeType.of(envelope[2] & 0xFF);
        if (version != VERSION) {
            throw new EnvelopeException(EnvelopeException.UNSUPPORTED, "unknown envelope version " + version);
        }
        if (suite != SUITE_X25519_ED25519_SHA256_AESGCM) {
            throw new EnvelopeException(EnvelopeException.UNSUPPORTED, "unknown or unimplemented suite " + suite);
        }
        if (type == null) {
            throw new EnvelopeException(EnvelopeException.UNSUPPORTED, "unknown envelope type " + (envelope[2] & 0xFF));
        }
        int clear = clearPartBytes(type);
        if (envelope.length < clear + TAG_BYTES) {
            throw new EnvelopeException(EnvelopeException.TRUNCATED, "a " + type.name().toLowerCase()
                    + " envelope has at least " + (clear + TAG_BYTES) + " bytes; got " + envelope.length);
        }
        int ciphertextLength = envelope.length - clear;
        if (!Buckets.isBucket(ciphertextLength - TAG_BYTES)) {
            throw new EnvelopeException(EnvelopeException.MALFORMED, "the ciphertext less its tag has "
                    + (ciphertextLength - TAG_BYTES) + " bytes, not a padding bucket (256 to 32768, powers of 2)");
        }
        int at = 3;
        byte[] sender = Arrays.copyOfRange(envelope, at, at += DEVICE_ID_BYTES);
        byte[] recipient = Arrays.copyOfRange(envelope, at, at += DEVICE_ID_BYTES);
        PrekeyPart prekey = null;
        if (type == EnvelopeType.PREKEY) {
            byte[] identity = Arrays.copyOfRange(envelope, at, at += PrekeyPart.IDENTITY_RECORD_BYTES);
            byte[] ek = Arrays.copyOfRange(envelope, at, at += PrekeyPart.KEY_BYTES);
            long spkId = Bytes.readUint32(envelope, at);
            long opkId = Bytes.readUint32(envelope, at + 4);
            at += 8;
            byte[] pskId = Arrays.copyOfRange(envelope, at, at += PrekeyPart.PSK_ID_BYTES);
            prekey = new PrekeyPart(identity, ek, spkId, opkId, pskId);
        }
        byte[] ratchetKey = Arrays.copyOfRange(envelope, at, at += 32);
        long pn = Bytes.readUint32(envelope, at);
        long n = Bytes.readUint32(envelope, at + 4);
        return new EnvelopeHeader(version, suite, type, sender, recipient, prekey, ratchetKey, pn, n, ciphertextLength);
    }

    /** The bytes before the ciphertext for a type: 75 for a normal message, 259 for a prekey message. */
    public static int clearPartBytes(EnvelopeType type) {
        return COMMON_BYTES + (type == EnvelopeType.PREKEY ? PrekeyPart.BYTES : 0) + RATCHET_HEADER_BYTES;
    }

    /** This envelope's clear part's length: where its ciphertext starts. */
    public int clearPartBytes() {
        return clearPartBytes(type);
    }

    /** The clear part's bytes, as they are covered by the associated data (docs/e2ee.md "Double Ratchet"). */
    public byte[] encode() {
        byte[] common = Bytes.concat(new byte[] {(byte) version, (byte) suite, (byte) type.code()},
                senderDeviceId, recipientDeviceId);
        byte[] prekeyBytes = prekey == null ? new byte[0] : Bytes.concat(prekey.identityRecord(),
                prekey.ephemeralKey(), Bytes.uint32(prekey.signedPrekeyId()), Bytes.uint32(prekey.oneTimePrekeyId()),
                prekey.pskId());
        return Bytes.concat(common, prekeyBytes, ratchetKey, Bytes.uint32(pn), Bytes.uint32(n));
    }

    @Override
    public byte[] senderDeviceId() {
        return senderDeviceId.clone();
    }

    @Override
    public byte[] recipientDeviceId() {
        return recipientDeviceId.clone();
    }

    @Override
    public byte[] ratchetKey() {
        return ratchetKey.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EnvelopeHeader h && version == h.version && suite == h.suite && type == h.type
                && Arrays.equals(senderDeviceId, h.senderDeviceId) && Arrays.equals(recipientDeviceId, h.recipientDeviceId)
                && java.util.Objects.equals(prekey, h.prekey) && Arrays.equals(ratchetKey, h.ratchetKey)
                && pn == h.pn && n == h.n && ciphertextLength == h.ciphertextLength;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(senderDeviceId) * 31 + Arrays.hashCode(ratchetKey) + (int) n;
    }

    @Override
    public String toString() {
        return "EnvelopeHeader[" + type + ", from " + Bytes.b64(senderDeviceId) + " to " + Bytes.b64(recipientDeviceId)
                + ", PN " + pn + ", N " + n + ", " + ciphertextLength + " bytes of ciphertext]";
    }
}
