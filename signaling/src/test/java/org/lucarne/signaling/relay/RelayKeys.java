package org.lucarne.signaling.relay;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Arrays;
import org.lucarne.signaling.testing.TestDevice;
import org.lucarne.signaling.ws.protocol.Base64Url;

/**
 * A device's keys for the relay's tests: a {@link TestDevice} (made as the browser makes one), and signed prekeys
 * signed as a device signs them (docs/e2ee.md, "Prekeys"); made-up ids and bytes.
 */
record RelayKeys(TestDevice device) {

    static RelayKeys create() {
        return new RelayKeys(TestDevice.create());
    }

    byte[] identity() {
        return device.record();
    }

    byte[] deviceId() {
        return device.deviceId();
    }

    /** Signed prekey {@code spkId}, its key made from the id and the device's (the same on every call). */
    SignedPrekey signedPrekey(long spkId, Instant created) {
        byte[] spk = bytes(32, (int) spkId * 13 + deviceId()[0]);
        byte[] sig = device.sign(SignedPrekey.signedBytes(deviceId(), spkId, created.toEpochMilli(), spk));
        return new SignedPrekey(spkId, created.toEpochMilli(), spk, sig);
    }

    /** A made-up device id, base64url, from a number. */
    static String deviceId(int n) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(new byte[] {(byte) n, (byte) (n >> 8)});
            return Base64Url.encode(Arrays.copyOf(digest, 16));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    /** {@code length} bytes that depend on {@code seed}. */
    static byte[] bytes(int length, int seed) {
        byte[] out = new byte[length];
        for (int i = 0; i < length; i++) {
            out[i] = (byte) (i * 31 + seed * 17 + (i >> 8));
        }
        return out;
    }
}
