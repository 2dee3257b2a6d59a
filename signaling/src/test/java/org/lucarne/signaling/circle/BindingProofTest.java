package org.lucarne.signaling.circle;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.lucarne.signaling.testing.TestDevice;

class BindingProofTest {
    private static final String ORIGIN = "https://visits.chu.example";
    private static final String INVITE = "AbCdEfGhIjKlMnOpQrStUvWxYz0123456789-_abcde";
    private final byte[] challenge = new byte[32];
    private final String nonce;
    private final TestDevice device = TestDevice.create();
    private final IdentityRecord identity = IdentityRecord.parse(device.record()).orElseThrow();

    BindingProofTest() {
        for (int i = 0; i < challenge.length; i++) {
            challenge[i] = (byte) (i * 7);
        }
        nonce = Base64.getUrlEncoder().withoutPadding().encodeToString(challenge);
    }

    @Test
    void anInviteProofIsTheLabelKindOneOriginInviteIdAndChallenge() {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes("Lucarne link binding v1".getBytes(StandardCharsets.US_ASCII));
        b.write(0);
        b.write(1);
        b.writeBytes(ORIGIN.getBytes(StandardCharsets.US_ASCII));
        b.write(0);
        b.writeBytes(INVITE.getBytes(StandardCharsets.US_ASCII));
        b.writeBytes(challenge);
        assertArrayEquals(b.toByteArray(), BindingProof.forInvite(ORIGIN, INVITE, challenge));
    }

    @Test
    void aDeviceProofIsTheLabelKindTwoOriginDeviceIdAndChallenge() {
        assertArrayEquals(TestDevice.proof((byte) 2, ORIGIN, device.deviceId(), nonce),
                BindingProof.forDevice(ORIGIN, device.deviceId(), challenge));
    }

    @Test
    void theDevicesSignatureOfItsBindingVerifies() {
        byte[] proof = Base64.getUrlDecoder().decode(device.bindProof(ORIGIN, INVITE, nonce));
        assertTrue(identity.verifies(BindingProof.forInvite(ORIGIN, INVITE, challenge), proof));
    }

    @Test
    void aProofForAnotherOriginInviteKindOrChallengeDoesNotVerify() {
        byte[] proof = Base64.getUrlDecoder().decode(device.bindProof(ORIGIN, INVITE, nonce));
        assertFalse(identity.verifies(BindingProof.forInvite("https://evil.example", INVITE, challenge), proof));
        assertFalse(identity.verifies(BindingProof.forInvite(ORIGIN, INVITE.replace('a', 'b'), challenge), proof));
        assertFalse(identity.verifies(BindingProof.forDevice(ORIGIN, device.deviceId(), challenge), proof));
        byte[] other = challenge.clone();
        other[0] ^= 1;
        assertFalse(identity.verifies(BindingProof.forInvite(ORIGIN, INVITE, other), proof));
    }

    @Test
    void anotherDevicesSignatureDoesNotVerify() {
        byte[] proof = Base64.getUrlDecoder().decode(TestDevice.create().helloProof(ORIGIN, nonce));
        assertFalse(identity.verifies(BindingProof.forDevice(ORIGIN, device.deviceId(), challenge), proof));
    }
}
