package org.lucarne.e2ee.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class PaddingTest {

    @Test
    void messageIsPaddedToItsBucketAndBack() throws Exception {
        for (int n : new int[] {0, 1, 255, 256, 1000, 32767}) {
            byte[] p = new byte[n];
            java.util.Arrays.fill(p, (byte) 0x41);
            byte[] padded = Padding.pad(p);
            assertEquals(Buckets.forPlaintext(n), padded.length);
            assertEquals((byte) 0x80, padded[n]);
            assertArrayEquals(p, Padding.unpad(padded));
        }
    }

    @Test
    void trailingZerosOfTheMessageSurvive() throws Exception {
        byte[] p = {1, 0, 0};
        assertArrayEquals(p, Padding.unpad(Padding.pad(p)));
    }

    @Test
    void aMessageOf32KiBIsTooLarge() {
        assertEquals("plaintext_too_large", assertThrows(PlaintextException.class, () -> Padding.pad(new byte[32768])).code());
    }

    @Test
    void paddingThatIsNotMarkerThenZerosIsMalformed() {
        byte[] noMarker = new byte[256];
        assertEquals("plaintext_malformed", assertThrows(PlaintextException.class, () -> Padding.unpad(noMarker)).code());
        byte[] wrongMarker = new byte[256];
        wrongMarker[10] = 0x01;
        assertEquals("plaintext_malformed", assertThrows(PlaintextException.class, () -> Padding.unpad(wrongMarker)).code());
        byte[] notBucket = new byte[300];
        notBucket[0] = (byte) 0x80;
        assertEquals("plaintext_malformed", assertThrows(PlaintextException.class, () -> Padding.unpad(notBucket)).code());
    }
}
