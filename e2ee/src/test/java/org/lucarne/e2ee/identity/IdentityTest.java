package org.lucarne.e2ee.identity;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.lucarne.e2ee.TestKeys;
import org.lucarne.e2ee.primitives.E2eeException;

class IdentityTest {
    private static final IdentityKeys FAMILY = TestKeys.identity("family");
    private static final String ORIGIN = "https://visits.chu.example";
    private static final String INVITE = "AbCdEfGhIjKlMnOpQrStUvWxYz0123456789-_abcde";
    private static final byte[] CHALLENGE = TestKeys.value("challenge");

    @Test
    void recordReadsBackToTheSameIdentityAndDeviceId() throws Exception {
        PublicIdentity read = PublicIdentity.parse(FAMILY.identity().record());
        assertEquals(FAMILY.identity(), read);
        assertArrayEquals(FAMILY.deviceId(), read.deviceId());
        assertEquals(16, read.deviceId().length);
    }

    @Test
    void recordWhoseDhKeyWasSwappedIsRefused() {
        byte[] record = FAMILY.identity().record();
        System.arraycopy(TestKeys.identity("intruder").identity().dhKey(), 0, record, 32, 32);
        assertEquals("identity_bad_signature", assertThrows(E2eeException.class, () -> PublicIdentity.parse(record)).code());
        assertEquals("identity_malformed", assertThrows(E2eeException.class, () -> PublicIdentity.parse(new byte[127])).code());
    }

    @Test
    void bindingProofVerifiesOnlyForItsOriginInviteAndChallenge() {
        byte[] proof = BindingProof.bind(FAMILY, ORIGIN, INVITE, CHALLENGE);
        assertTrue(BindingProof.verifyBind(FAMILY.identity(), ORIGIN, INVITE, CHALLENGE, proof));
        assertFalse(BindingProof.verifyBind(FAMILY.identity(), "https://evil.example", INVITE, CHALLENGE, proof));
        assertFalse(BindingProof.verifyBind(FAMILY.identity(), ORIGIN, INVITE, TestKeys.value("other"), proof));
        assertFalse(BindingProof.verifyBind(TestKeys.identity("intruder").identity(), ORIGIN, INVITE, CHALLENGE, proof));
    }

    @Test
    void deviceProofIsNotABindingProof() {
        byte[] hello = BindingProof.hello(FAMILY, ORIGIN, CHALLENGE);
        assertTrue(BindingProof.verifyHello(FAMILY.identity(), ORIGIN, CHALLENGE, hello));
        assertFalse(BindingProof.verifyBind(FAMILY.identity(), ORIGIN, INVITE, CHALLENGE, hello));
        assertEquals(0x02, BindingProof.helloMessage(ORIGIN, FAMILY.deviceId(), CHALLENGE)[24]);
    }

    @Test
    void inviteIdMustBe43Base64urlCharacters() {
        assertThrows(IllegalArgumentException.class, () -> BindingProof.bindMessage(ORIGIN, "short", CHALLENGE));
    }
}
