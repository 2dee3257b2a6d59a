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

    /**
     * The browser's known answer (web-client/app/shared/e2ee/identity.selftest.js, KNOWN: keys from fixed private
     * keys, signed by WebCrypto) checks here byte for byte: the record, its device id and both proofs.
     */
    @Test
    void theBrowsersKnownAnswerChecksOnTheServer() {
        java.util.HexFormat hex = java.util.HexFormat.of();
        String sigPublic = "79b5562e8fe654f94078b112e8a98ba7901f853ae695bed7e0e3910bad049664";
        String dhPublic = "5869aff450549732cbaaed5e5df9b30a6da31cb0e5742bad5ad4a1a768f1a67b";
        String idSig = "252c0edce04021c761cd53cc38abba37054e9e7ea92920db48739856c7feac75"
                + "3ae5a4704b9e297ba4b2e5303db36657c9826a8cb15d2232c54f7a2cdac5d502";
        IdentityRecord known = IdentityRecord.parse(hex.parseHex(sigPublic + dhPublic + idSig)).orElseThrow();
        assertArrayEquals(hex.parseHex("81a3b5675477c499f010e45d01ba4bb9"), known.deviceId());
        byte[] nonce = new byte[32];
        for (int i = 0; i < nonce.length; i++) {
            nonce[i] = (byte) (0xc0 + (i % 16));
        }
        byte[] bind = hex.parseHex("3e5d6bea731006fd3555b3f305ef31349b7e2fcf921b5384330bb8b93e6a7f2b"
                + "ca4703a096d1063782eb707e76ecfc23a908a55dfd691dc414610a467006e50b");
        byte[] hello = hex.parseHex("a6def2beb07f0ea0e7d351afb0724449d009c761107fd257d21262b0ff6d9ea9"
                + "a5fc9c9250202065dccc9a2f19dd0e921a0270ec5de4628a6de35eac70a58d0b");
        assertTrue(known.verifies(BindingProof.forInvite(ORIGIN, INVITE, nonce), bind));
        assertTrue(known.verifies(BindingProof.forDevice(ORIGIN, known.deviceId(), nonce), hello));
    }

    @Test
    void anotherDevicesSignatureDoesNotVerify() {
        byte[] proof = Base64.getUrlDecoder().decode(TestDevice.create().helloProof(ORIGIN, nonce));
        assertFalse(identity.verifies(BindingProof.forDevice(ORIGIN, device.deviceId(), challenge), proof));
    }
}
