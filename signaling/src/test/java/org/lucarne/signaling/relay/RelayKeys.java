package org.lucarne.signaling.relay;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Arrays;
import org.bouncycastle.math.ec.rfc8032.Ed25519;
import org.lucarne.signaling.ws.protocol.Base64Url;

/**
 * A device's keys for the relay's tests, made from a seed as docs/e2ee.md says a device makes them: an Ed25519
 * {@code IK_sig}, an X25519-sized {@code IK_dh} (any 32 bytes: the server never uses it), {@code id_sig}, the identity
 * record and the device id; and signed prekeys signed as a device signs them.
 */
record RelayKeys(byte[] sigPrivate, byte[] identity, byte[] deviceId) {

    static RelayKeys of(int seed) {
        byte[] sk = bytes(32, seed * 7 + 1);
        byte[] pk = new byte[32];
        Ed25519.generatePublicKey(sk, 0, pk, 0);
        byte[] dh = bytes(32, seed * 7 + 2);
        byte[] label = "Lucarne identity dh key v1".getBytes(StandardCharsets.US_ASCII);
        byte[] idSig = sign(sk, ByteBuffer.allocate(label.length + 1 + 32).put(label).put((byte) 0).put(dh).array());
        byte[] record = ByteBuffer.allocate(128).put(pk).put(dh).put(idSig).array();
        byte[] idLabel = "Lucarne device id v1".getBytes(StandardCharsets.US_ASCII);
        byte[] id = Arrays.copyOf(sha256(ByteBuffer.allocate(idLabel.length + 65).put(idLabel).put((byte) 0).put(pk)
                .put(dh).array()), 16);
        return new RelayKeys(sk, record, id);
    }

    String device() {
        return Base64Url.encode(deviceId);
    }

    SignedPrekey signedPrekey(long spkId, Instant created) {
        byte[] spk = bytes(32, (int) spkId * 13 + deviceId[0]);
        byte[] sig = sign(sigPrivate, SignedPrekey.signedBytes(deviceId, spkId, created.toEpochMilli(), spk));
        return new SignedPrekey(spkId, created.toEpochMilli(), spk, sig);
    }

    static byte[] sign(byte[] sk, byte[] message) {
        byte[] sig = new byte[64];
        Ed25519.sign(sk, 0, message, 0, message.length, sig, 0);
        return sig;
    }

    /** A made-up device id, base64url, from a number. */
    static String deviceId(int n) {
        return Base64Url.encode(Arrays.copyOf(sha256(new byte[] {(byte) n, (byte) (n >> 8)}), 16));
    }

    /** {@code length} bytes that depend on {@code seed}. */
    static byte[] bytes(int length, int seed) {
        byte[] out = new byte[length];
        for (int i = 0; i < length; i++) {
            out[i] = (byte) (i * 31 + seed * 17 + (i >> 8));
        }
        return out;
    }

    private static byte[] sha256(byte[] in) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(in);
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
