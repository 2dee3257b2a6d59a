package org.lucarne.e2ee.x3dh;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.lucarne.e2ee.TestKeys;
import org.lucarne.e2ee.identity.IdentityKeys;
import org.lucarne.e2ee.prekey.SignedPrekey;
import org.lucarne.e2ee.primitives.E2eeException;
import org.lucarne.e2ee.primitives.X25519;
import org.lucarne.e2ee.wire.Bytes;

class X3dhTest {
    private static final IdentityKeys FAMILY = TestKeys.identity("family");
    private static final IdentityKeys TABLET = TestKeys.identity("tablet");
    private static final byte[] EK = TestKeys.value("family ephemeral");
    private static final byte[] PSK = Psk.fromLinkSecret(TestKeys.value("link secret"));

    @Test
    void bothSidesDeriveTheSameKeyAndAdInAllFourCases() throws Exception {
        Set<String> keys = new HashSet<>();
        for (boolean opk : new boolean[] {false, true}) {
            for (byte[] psk : new byte[][] {null, PSK}) {
                X3dhResult a = X3dh.initiate(FAMILY, TestKeys.bundle("tablet", opk), EK, psk, TestKeys.NOW);
                X3dhResult b = X3dh.respond(TABLET, TestKeys.spkPrivate("tablet"), opk ? TestKeys.opkPrivate("tablet") : null,
                        FAMILY.identity(), X25519.publicKey(EK), psk);
                assertArrayEquals(a.sk(), b.sk());
                assertArrayEquals(a.ad(), b.ad());
                assertEquals((opk ? 1 : 0) | (psk != null ? 2 : 0), a.flags());
                assertEquals(128, a.ad().length);
                keys.add(Bytes.b64(a.sk()));
            }
        }
        assertEquals(4, keys.size(), "each case gives its own key");
    }

    @Test
    void noLinkSecretGivesZeroPskId() throws Exception {
        X3dhResult a = X3dh.initiate(FAMILY, TestKeys.bundle("tablet", true), EK, null, TestKeys.NOW);
        assertArrayEquals(new byte[16], a.pskId());
        assertNull(a.psk());
        assertFalse(Arrays.equals(new byte[16], Psk.id(PSK)));
    }

    @Test
    void bundleWithAForgedSignedPrekeyIsRefused() {
        Bundle good = TestKeys.bundle("tablet", false);
        SignedPrekey forged = SignedPrekey.sign(TestKeys.identity("intruder"), 1, TestKeys.SPK_CREATED,
                good.signedPrekey().publicKey());
        Bundle bad = new Bundle(good.deviceId(), good.identity(), forged, null);
        assertEquals("prekey_bad_signature", code(bad, TestKeys.NOW));
    }

    @Test
    void signedPrekeyOver35DaysOldOrADayAheadIsRefused() {
        Bundle b = TestKeys.bundle("tablet", false);
        assertEquals("prekey_too_old", code(b, TestKeys.SPK_CREATED + 35 * 86_400_000L + 1));
        assertEquals("prekey_in_future", code(b, TestKeys.SPK_CREATED - 86_400_000L - 1));
    }

    @Test
    void bundleWhoseDeviceIdIsNotItsKeysIsRefused() {
        Bundle b = TestKeys.bundle("tablet", false);
        Bundle other = new Bundle(FAMILY.deviceId(), b.identity(), b.signedPrekey(), null);
        assertEquals("bundle_wrong_device", code(other, TestKeys.NOW));
    }

    private static String code(Bundle b, long now) {
        return assertThrows(E2eeException.class, () -> X3dh.initiate(FAMILY, b, EK, null, now)).code();
    }
}
