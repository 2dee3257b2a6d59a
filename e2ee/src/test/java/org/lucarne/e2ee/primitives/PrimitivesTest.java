package org.lucarne.e2ee.primitives;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.lucarne.e2ee.primitives.Hex.bytes;
import static org.lucarne.e2ee.primitives.KnownAnswers.*;

import org.junit.jupiter.api.Test;

class PrimitivesTest {

    @Test
    void x25519GivesRfc7748PublicKeysAndSharedSecret() throws Exception {
        assertEquals(X25519_ALICE_PUBLIC, Hex.of(X25519.publicKey(bytes(X25519_ALICE_PRIVATE))));
        assertEquals(X25519_BOB_PUBLIC, Hex.of(X25519.publicKey(bytes(X25519_BOB_PRIVATE))));
        assertEquals(X25519_SHARED, Hex.of(X25519.dh(bytes(X25519_ALICE_PRIVATE), bytes(X25519_BOB_PUBLIC))));
        assertEquals(X25519_SHARED, Hex.of(X25519.dh(bytes(X25519_BOB_PRIVATE), bytes(X25519_ALICE_PUBLIC))));
    }

    @Test
    void x25519IgnoresThePublicKeysTopBit() throws Exception {
        byte[] bob = bytes(X25519_BOB_PUBLIC);
        bob[31] |= (byte) 0x80;
        assertEquals(X25519_SHARED, Hex.of(X25519.dh(bytes(X25519_ALICE_PRIVATE), bob)));
    }

    @Test
    void x25519RefusesAnAllZeroSecret() {
        E2eeException e = assertThrows(E2eeException.class, () -> X25519.dh(bytes(X25519_ALICE_PRIVATE), new byte[32]));
        assertEquals("dh_zero", e.code());
        byte[] one = new byte[32];
        one[0] = 1;
        assertEquals("dh_zero", assertThrows(E2eeException.class, () -> X25519.dh(bytes(X25519_BOB_PRIVATE), one)).code());
    }

    @Test
    void ed25519GivesRfc8032KeysAndSignatures() {
        for (String[] t : ED25519) {
            assertEquals(t[1], Hex.of(Ed25519.publicKey(bytes(t[0]))));
            assertEquals(t[3], Hex.of(Ed25519.sign(bytes(t[0]), bytes(t[2]))));
            assertTrue(Ed25519.verify(bytes(t[1]), bytes(t[2]), bytes(t[3])));
        }
    }

    @Test
    void ed25519RefusesAnAlteredMessageOrSignature() {
        String[] t = ED25519[1];
        assertFalse(Ed25519.verify(bytes(t[1]), bytes("73"), bytes(t[3])));
        byte[] sig = bytes(t[3]);
        sig[0] ^= 1;
        assertFalse(Ed25519.verify(bytes(t[1]), bytes(t[2]), sig));
        assertFalse(Ed25519.verify(bytes(t[1]), bytes(t[2]), new byte[63]));
    }

    @Test
    void hkdfGivesRfc5869CaseA1() {
        assertEquals(HKDF_OKM, Hex.of(Hashes.hkdf(bytes(HKDF_IKM), bytes(HKDF_SALT), bytes(HKDF_INFO), HKDF_LENGTH)));
    }

    @Test
    void hmacGivesRfc4231Case2() {
        assertEquals(HMAC_SHA256, Hex.of(Hashes.hmac(bytes(HMAC_KEY), bytes(HMAC_DATA))));
    }

    @Test
    void aesGcmGivesTheSpecificationsAnswersAndRefusesAChangedByte() throws Exception {
        for (String[] t : AES_GCM) {
            byte[] sealed = AesGcm.encrypt(bytes(t[0]), bytes(t[1]), bytes(t[2]), bytes(t[3]));
            assertEquals(t[4], Hex.of(sealed));
            assertArrayEquals(bytes(t[2]), AesGcm.decrypt(bytes(t[0]), bytes(t[1]), sealed, bytes(t[3])));
            sealed[sealed.length - 1] ^= 1;
            assertEquals("decrypt_failed", assertThrows(E2eeException.class,
                    () -> AesGcm.decrypt(bytes(t[0]), bytes(t[1]), sealed, bytes(t[3]))).code());
        }
    }

    @Test
    void pkcs8FormsHoldTheRawKeyAfterTheRfc8410Prefix() {
        byte[] k = bytes(X25519_ALICE_PRIVATE);
        assertEquals("302e020100300506032b656e04220420" + X25519_ALICE_PRIVATE, Hex.of(X25519.pkcs8(k)));
        assertEquals("302e020100300506032b657004220420" + ED25519[0][0], Hex.of(Ed25519.pkcs8(bytes(ED25519[0][0]))));
    }
}
