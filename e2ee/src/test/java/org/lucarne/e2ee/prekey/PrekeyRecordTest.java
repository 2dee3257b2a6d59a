package org.lucarne.e2ee.prekey;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.lucarne.e2ee.TestKeys;
import org.lucarne.e2ee.primitives.E2eeException;

class PrekeyRecordTest {

    @Test
    void signedPrekeyRecordReadsBackAndChecks() throws Exception {
        SignedPrekey spk = TestKeys.bundle("tablet", false).signedPrekey();
        assertEquals(108, spk.encode().length);
        SignedPrekey read = SignedPrekey.parse(spk.encode());
        assertEquals(spk, read);
        assertDoesNotThrow(() -> read.check(TestKeys.identity("tablet").identity(), TestKeys.NOW));
    }

    @Test
    void signedPrekeyOfAnotherDeviceOrChangedIsRefused() throws Exception {
        SignedPrekey spk = TestKeys.bundle("tablet", false).signedPrekey();
        assertEquals("prekey_bad_signature", assertThrows(E2eeException.class,
                () -> spk.check(TestKeys.identity("family").identity(), TestKeys.NOW)).code());
        byte[] record = spk.encode();
        record[11] ^= 1;
        SignedPrekey redated = SignedPrekey.parse(record);
        assertEquals("prekey_bad_signature", assertThrows(E2eeException.class,
                () -> redated.check(TestKeys.identity("tablet").identity(), TestKeys.NOW)).code());
    }

    @Test
    void oneTimePrekeyRecordsStartAtIdOne() throws Exception {
        OneTimePrekey opk = TestKeys.bundle("tablet", true).oneTimePrekey();
        assertEquals(opk, OneTimePrekey.parse(opk.encode()));
        byte[] zero = opk.encode();
        zero[3] = 0;
        assertEquals("prekey_malformed", assertThrows(E2eeException.class, () -> OneTimePrekey.parse(zero)).code());
        assertEquals("prekey_malformed", assertThrows(E2eeException.class, () -> SignedPrekey.parse(new byte[107])).code());
    }
}
