package org.lucarne.signaling.circle;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.lucarne.signaling.testing.TestDevice;

class IdentityRecordTest {
    private final TestDevice device = TestDevice.create();

    @Test
    void aRecordMadeAsTheBrowserMakesItIsAcceptedWithItsDeviceId() {
        IdentityRecord r = IdentityRecord.parse(device.record()).orElseThrow();
        assertArrayEquals(device.deviceId(), r.deviceId());
        assertEquals(device.deviceIdText(), r.deviceIdText());
        assertEquals(22, r.deviceIdText().length());
        assertEquals(171, r.text().length());
        assertEquals(r, IdentityRecord.parse(r.text()).orElseThrow());
    }

    @Test
    void aRecordWhoseIdSigWasChangedIsRefused() {
        byte[] bad = device.record();
        bad[100] ^= 1;
        assertTrue(IdentityRecord.parse(bad).isEmpty());
    }

    @Test
    void aRecordWhoseDhKeyWasSwappedForAnotherIsRefused() {
        byte[] other = TestDevice.create().record();
        byte[] mixed = device.record();
        System.arraycopy(other, 32, mixed, 32, 32);
        assertTrue(IdentityRecord.parse(mixed).isEmpty());
    }

    @Test
    void aRecordOfAnyOtherLengthIsRefused() {
        assertTrue(IdentityRecord.parse(Arrays.copyOf(device.record(), 127)).isEmpty());
        assertTrue(IdentityRecord.parse(Arrays.copyOf(device.record(), 129)).isEmpty());
        assertTrue(IdentityRecord.parse(new byte[0]).isEmpty());
        assertTrue(IdentityRecord.parse((byte[]) null).isEmpty());
    }

    @Test
    void aSigningKeyThatIsNoPointOfTheCurveIsRefusedWithoutAnException() {
        byte[] bad = device.record();
        Arrays.fill(bad, 0, 32, (byte) 0xff);
        assertTrue(IdentityRecord.parse(bad).isEmpty());
    }

    @Test
    void textThatIsNotCanonicalBase64UrlIsRefused() {
        String text = device.recordText();
        assertTrue(IdentityRecord.parse(text + "=").isEmpty());
        assertTrue(IdentityRecord.parse(text.replace('-', '+').replace('_', '/') + "A").isEmpty());
        assertTrue(IdentityRecord.parse("").isEmpty());
        assertTrue(IdentityRecord.parse((String) null).isEmpty());
        assertEquals(Optional.empty(), IdentityRecord.Base64Url.decode("AB"));
    }

    @Test
    void theDeviceIdIsTheFirst16BytesOfTheLabelledSha256OfBothKeys() throws Exception {
        byte[] rec = device.record();
        var sha = java.security.MessageDigest.getInstance("SHA-256");
        sha.update("Lucarne device id v1".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        sha.update((byte) 0);
        sha.update(rec, 0, 64);
        assertArrayEquals(Arrays.copyOf(sha.digest(), 16),
                IdentityRecord.deviceIdOf(Arrays.copyOf(rec, 32), Arrays.copyOfRange(rec, 32, 64)));
    }

    /** RFC 8032 §7.1, test 2: the raw key import verifies the RFC's signature, and refuses it for another message. */
    @Test
    void rfc8032Test2VerifiesThroughTheRawKeyImport() {
        HexFormat hex = HexFormat.of();
        byte[] key = hex.parseHex("3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c");
        byte[] message = hex.parseHex("72");
        byte[] sig = hex.parseHex("92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da"
                + "085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00");
        assertTrue(Ed25519.verify(key, message, sig));
        assertFalse(Ed25519.verify(key, hex.parseHex("73"), sig));
        assertFalse(Ed25519.verify(key, message, Arrays.copyOf(sig, 63)));
    }
}
