package org.lucarne.e2ee.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class EnvelopeHeaderTest {

    static byte[] filled(int length, int value) {
        byte[] b = new byte[length];
        Arrays.fill(b, (byte) value);
        return b;
    }

    static byte[] normal(long pn, long n, int plaintextBucket) {
        return Bytes.concat(new byte[] {1, 1, 2}, filled(16, 0xA1), filled(16, 0xB2), filled(32, 0xC3),
                Bytes.uint32(pn), Bytes.uint32(n), filled(plaintextBucket + 16, 0xEE));
    }

    static byte[] prekey(long spkId, long opkId, byte[] pskId, int plaintextBucket) {
        return Bytes.concat(new byte[] {1, 1, 1}, filled(16, 0xA1), filled(16, 0xB2), filled(128, 0x11),
                filled(32, 0x22), Bytes.uint32(spkId), Bytes.uint32(opkId), pskId, filled(32, 0xC3),
                Bytes.uint32(0), Bytes.uint32(0), filled(plaintextBucket + 16, 0xEE));
    }

    private static String code(byte[] envelope) {
        return assertThrows(EnvelopeException.class, () -> EnvelopeHeader.parse(envelope)).code();
    }

    @Test
    void normalMessageGivesItsDevicesRatchetHeaderAndCiphertextLength() throws Exception {
        EnvelopeHeader h = EnvelopeHeader.parse(normal(7, 0xFFFF_FFFEL, 256));
        assertEquals(1, h.version());
        assertEquals(1, h.suite());
        assertEquals(EnvelopeType.NORMAL, h.type());
        assertArrayEquals(filled(16, 0xA1), h.senderDeviceId());
        assertArrayEquals(filled(16, 0xB2), h.recipientDeviceId());
        assertNull(h.prekey());
        assertArrayEquals(filled(32, 0xC3), h.ratchetKey());
        assertEquals(7, h.pn());
        assertEquals(0xFFFF_FFFEL, h.n());
        assertEquals(272, h.ciphertextLength());
        assertEquals(75, h.clearPartBytes());
    }

    @Test
    void prekeyMessageGivesItsX3dhPart() throws Exception {
        byte[] pskId = filled(16, 0x5A);
        EnvelopeHeader h = EnvelopeHeader.parse(prekey(0x01020304L, 0, pskId, 32768));
        assertEquals(EnvelopeType.PREKEY, h.type());
        assertArrayEquals(filled(128, 0x11), h.prekey().identityRecord());
        assertArrayEquals(filled(32, 0x22), h.prekey().ephemeralKey());
        assertEquals(0x01020304L, h.prekey().signedPrekeyId());
        assertEquals(0, h.prekey().oneTimePrekeyId());
        assertArrayEquals(pskId, h.prekey().pskId());
        assertTrue(h.prekey().hasPsk());
        assertEquals(32768 + 16, h.ciphertextLength());
        assertEquals(259, h.clearPartBytes());
    }

    @Test
    void prekeyMessageWithoutLinkSecretHasZeroPskId() throws Exception {
        assertFalse(EnvelopeHeader.parse(prekey(1, 2, new byte[16], 256)).prekey().hasPsk());
    }

    @Test
    void encodedClearPartIsTheEnvelopesFirstBytes() throws Exception {
        for (byte[] e : new byte[][] {normal(1, 2, 512), prekey(3, 4, filled(16, 9), 1024)}) {
            EnvelopeHeader h = EnvelopeHeader.parse(e);
            assertArrayEquals(Arrays.copyOf(e, h.clearPartBytes()), h.encode());
        }
    }

    @Test
    void everyBucketFrom256BytesTo32KiBIsAccepted() throws Exception {
        for (int bucket = 256; bucket <= 32768; bucket <<= 1) {
            assertEquals(bucket + 16, EnvelopeHeader.parse(normal(0, 0, bucket)).ciphertextLength());
        }
    }

    @Test
    void theLargestEnvelopeIsAPrekeyMessageOfThe32KiBBucket() throws Exception {
        byte[] largest = prekey(1, 1, new byte[16], 32768);
        assertEquals(EnvelopeHeader.MAX_ENVELOPE_BYTES, largest.length);
        assertEquals(33_043, EnvelopeHeader.MAX_ENVELOPE_BYTES);
        assertEquals(EnvelopeType.PREKEY, EnvelopeHeader.parse(largest).type());
    }

    @Test
    void fewerThanThreeBytesAreTruncated() {
        assertEquals("envelope_truncated", code(new byte[0]));
        assertEquals("envelope_truncated", code(new byte[] {1, 1}));
        assertEquals("envelope_truncated", code(null));
    }

    @Test
    void unknownVersionSuiteOrTypeIsUnsupported() {
        byte[] e = normal(0, 0, 256);
        for (int[] change : new int[][] {{0, 0}, {0, 2}, {1, 0}, {1, 2}, {2, 0}, {2, 3}, {2, 0xFF}}) {
            byte[] bad = e.clone();
            bad[change[0]] = (byte) change[1];
            assertEquals("envelope_unsupported", code(bad), "byte " + change[0] + " = " + change[1]);
        }
    }

    @Test
    void unknownVersionIsUnsupportedEvenWhenShort() {
        assertEquals("envelope_unsupported", code(new byte[] {2, 1, 2}));
    }

    @Test
    void shorterThanClearPartAndTagIsTruncated() {
        assertEquals("envelope_truncated", code(Arrays.copyOf(normal(0, 0, 256), 90)));
        assertEquals("envelope_truncated", code(Arrays.copyOf(prekey(1, 1, new byte[16], 256), 274)));
        assertEquals("envelope_truncated", code(Arrays.copyOf(prekey(1, 1, new byte[16], 256), 100)));
    }

    @Test
    void ciphertextThatIsNotABucketIsMalformed() {
        byte[] e = normal(0, 0, 256);
        assertEquals("envelope_malformed", code(Arrays.copyOf(e, 91)));
        assertEquals("envelope_malformed", code(Arrays.copyOf(e, e.length - 1)));
        assertEquals("envelope_malformed", code(Arrays.copyOf(e, e.length + 1)));
        assertEquals("envelope_malformed", code(normal(0, 0, 128)));
        assertEquals("envelope_malformed", code(normal(0, 0, 65536)));
        assertEquals("envelope_malformed", code(normal(0, 0, 384)));
    }

    @Test
    void returnedArraysAreCopies() throws Exception {
        EnvelopeHeader h = EnvelopeHeader.parse(normal(0, 0, 256));
        h.senderDeviceId()[0] = 0;
        assertArrayEquals(filled(16, 0xA1), h.senderDeviceId());
    }

    @Test
    void bucketsAreThePowersOfTwoFrom256To32KiB() {
        assertEquals(256, Buckets.forPlaintext(0));
        assertEquals(256, Buckets.forPlaintext(255));
        assertEquals(512, Buckets.forPlaintext(256));
        assertEquals(32768, Buckets.forPlaintext(32767));
        assertEquals(-1, Buckets.forPlaintext(32768));
        assertFalse(Buckets.isBucket(128));
        assertFalse(Buckets.isBucket(65536));
        assertTrue(Buckets.isBucket(4096));
    }
}
