package org.lucarne.bridge.rtp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RtpPacketTest {

    private static RtpPacket parse(String hex) throws MalformedPacketException {
        byte[] b = Hex.bytes(hex);
        return RtpPacket.parse(b, 0, b.length);
    }

    @Test
    void readsFixedHeader() throws Exception {
        RtpPacket p = parse(RtpFixtures.BASIC);
        assertEquals(2, p.version());
        assertFalse(p.hasPadding());
        assertFalse(p.hasExtension());
        assertFalse(p.marker());
        assertEquals(0, p.csrcCount());
        assertEquals(96, p.payloadType());
        assertEquals(0x1234, p.sequenceNumber());
        assertEquals(4096, p.timestamp());
        assertEquals(0xdeadbeefL, p.ssrc());
        assertEquals(12, p.headerLength());
        assertEquals(12, p.payloadOffset());
        assertEquals(3, p.payloadLength());
        assertEquals(-1, p.extensionProfile());
        assertEquals(-1, p.extensionOffset(1));
    }

    @Test
    void readsCsrcsAndMarker() throws Exception {
        RtpPacket p = parse(RtpFixtures.CSRCS);
        assertTrue(p.marker());
        assertEquals(111, p.payloadType());
        assertEquals(2, p.csrcCount());
        assertEquals(0x11111111L, p.csrc(0));
        assertEquals(0x22222222L, p.csrc(1));
        assertThrows(IndexOutOfBoundsException.class, () -> p.csrc(2));
        assertEquals(20, p.headerLength());
        assertEquals(1, p.payloadLength());
    }

    @Test
    void readsOneByteExtensionElementsById() throws Exception {
        RtpPacket p = parse(RtpFixtures.ONE_BYTE_EXT);
        assertEquals(0xbede, p.extensionProfile());
        assertEquals(8, p.extensionDataLength());
        assertEquals(24, p.headerLength());
        assertEquals(1, p.payloadLength());
        assertEquals(1, p.extensionLength(1));
        assertEquals((byte) 0xaa, p.buffer()[p.extensionOffset(1)]);
        assertEquals(2, p.extensionLength(2));
        assertEquals((byte) 0xbb, p.buffer()[p.extensionOffset(2)]);
        assertEquals(-1, p.extensionOffset(3));
        assertEquals(List.of("1:aa", "2:bbcc"), elements(p));
    }

    @Test
    void readsTwoByteExtensionElementsIncludingEmptyOnes() throws Exception {
        RtpPacket p = parse(RtpFixtures.TWO_BYTE_EXT);
        assertEquals(0x1000, p.extensionProfile());
        assertEquals(List.of("5:", "1:aa"), elements(p));
        assertEquals(0, p.extensionLength(5));
        assertEquals(1, p.extensionLength(1));
    }

    @Test
    void otherProfileIsOpaque() throws Exception {
        RtpPacket p = parse(RtpFixtures.OTHER_PROFILE_EXT);
        assertEquals(0xabcd, p.extensionProfile());
        assertEquals(4, p.extensionDataLength());
        assertEquals(List.of(), elements(p));
        assertEquals(-1, p.extensionOffset(1));
    }

    @Test
    void oneByteId15StopsProcessing() throws Exception {
        RtpPacket p = parse(RtpFixtures.ONE_BYTE_STOP);
        assertEquals(List.of("1:aa"), elements(p));
        assertEquals(-1, p.extensionOffset(3));
    }

    @Test
    void oneByteIdZeroIsASinglePaddingByteWhateverItsLengthNibble() throws Exception {
        // Found by fuzzing: 0x01 is id 0 with a length nibble of 1; it is padding, not an element.
        RtpPacket p = parse("90 6f 0001 01070001 11111111 bede 0002 1000 00 00 01 11 0000 ff");
        assertEquals(List.of("1:00", "1:0000"), elements(p));
        assertEquals(-1, p.extensionOffset(0));
    }

    @Test
    void paddingIsExcludedFromPayload() throws Exception {
        RtpPacket p = parse(RtpFixtures.PADDED);
        assertTrue(p.hasPadding());
        assertEquals(3, p.paddingLength());
        assertEquals(2, p.payloadLength());
    }

    @Test
    void srtpHeaderParseIgnoresEncryptedPadding() throws Exception {
        byte[] b = Hex.bytes("a0 60 0001 00000001 00000001 0102 00");
        assertEquals(MalformedPacketException.Reason.BAD_PADDING,
                assertThrows(MalformedPacketException.class, () -> RtpPacket.parse(b, 0, b.length))
                        .reason());
        RtpPacket p = RtpPacket.parseHeader(b, 0, b.length);
        assertEquals(0, p.paddingLength());
        assertEquals(3, p.payloadLength());
    }

    @Test
    void viewHonoursOffsetWithinLargerBuffer() throws Exception {
        byte[] inner = Hex.bytes(RtpFixtures.ONE_BYTE_EXT);
        byte[] b = new byte[inner.length + 10];
        System.arraycopy(inner, 0, b, 7, inner.length);
        RtpPacket p = RtpPacket.parse(b, 7, inner.length);
        assertEquals(7 + 24, p.payloadOffset());
        assertEquals((byte) 0xaa, b[p.extensionOffset(1)]);
        p.setSequenceNumber(0xabcd);
        assertEquals((byte) 0xab, b[9]);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "TOO_SHORT,            80 60 1234 00001000 deadbe",
        "BAD_VERSION,          40 60 1234 00001000 deadbeef",
        "BAD_VERSION,          c0 60 1234 00001000 deadbeef",
        "BAD_CSRC_COUNT,       81 60 1234 00001000 deadbeef",
        "BAD_CSRC_COUNT,       8f 60 1234 00001000 deadbeef 00000000",
        "BAD_EXTENSION_LENGTH, 90 60 1234 00001000 deadbeef",
        "BAD_EXTENSION_LENGTH, 90 60 1234 00001000 deadbeef bede 00",
        "BAD_EXTENSION_LENGTH, 90 60 1234 00001000 deadbeef bede 0002 10aa0000",
        "BAD_EXTENSION_LENGTH, 90 60 1234 00001000 deadbeef bede ffff 10aa0000",
        "BAD_EXTENSION_ELEMENT, 90 60 1234 00001000 deadbeef bede 0001 13aabbcc",
        "BAD_EXTENSION_ELEMENT, 90 60 1234 00001000 deadbeef 1000 0001 000000 01",
        "BAD_EXTENSION_ELEMENT, 90 60 1234 00001000 deadbeef 1000 0001 0103aabb",
        "BAD_PADDING,          a0 60 1234 00001000 deadbeef 0102 00",
        "BAD_PADDING,          a0 60 1234 00001000 deadbeef 0102 04",
        "BAD_PADDING,          a0 60 1234 00001000 deadbeef",
    })
    void rejectsWithReason(MalformedPacketException.Reason reason, String hex) {
        MalformedPacketException e = assertThrows(MalformedPacketException.class, () -> parse(hex));
        assertEquals(reason, e.reason());
    }

    @Test
    void paddingMayFillWholePayload() throws Exception {
        RtpPacket p = parse("a0 60 1234 00001000 deadbeef 00000004");
        assertEquals(0, p.payloadLength());
        assertEquals(4, p.paddingLength());
    }

    @Test
    void settersRewriteInPlaceAndKeepOtherBits() throws Exception {
        byte[] b = Hex.bytes(RtpFixtures.CSRCS);
        RtpPacket p = RtpPacket.parse(b, 0, b.length);
        p.setSequenceNumber(0x1_fffe);
        p.setTimestamp(0xfedcba98L);
        p.setSsrc(0x01020304L);
        p.setPayloadType(100);
        assertEquals(0xfffe, p.sequenceNumber());
        assertEquals(0xfedcba98L, p.timestamp());
        assertEquals(0x01020304L, p.ssrc());
        assertEquals(100, p.payloadType());
        assertTrue(p.marker());
        p.setMarker(false);
        assertEquals(100, p.payloadType());
        assertFalse(p.marker());
        assertEquals("8264fffefedcba9801020304", Hex.string(b).substring(0, 24));
        assertThrows(IllegalArgumentException.class, () -> p.setPayloadType(128));
    }

    @Test
    void remapsOneByteIdsInPlace() throws Exception {
        byte[] b = Hex.bytes(RtpFixtures.ONE_BYTE_EXT);
        RtpPacket p = RtpPacket.parse(b, 0, b.length);
        p.remapExtensionIds(new int[] {0, 3, 14});
        assertEquals(List.of("3:aa", "14:bbcc"), elements(p));
        assertArrayEquals(Hex.bytes("bede 0002 30aa e1bbcc 000000"),
                java.util.Arrays.copyOfRange(b, 12, 24));
    }

    @Test
    void remapToZeroBlanksElementIntoPadding() throws Exception {
        byte[] b = Hex.bytes(RtpFixtures.ONE_BYTE_EXT);
        RtpPacket p = RtpPacket.parse(b, 0, b.length);
        p.remapExtensionIds(new int[] {0, 0});
        assertEquals(List.of("2:bbcc"), elements(p));
        assertEquals(List.of("2:bbcc"), elements(RtpPacket.parse(b, 0, b.length)));
    }

    @Test
    void remapsTwoByteIdsBeyondFourteen() throws Exception {
        byte[] b = Hex.bytes(RtpFixtures.TWO_BYTE_EXT);
        RtpPacket p = RtpPacket.parse(b, 0, b.length);
        int[] map = new int[6];
        map[5] = 200;
        map[1] = 1;
        p.remapExtensionIds(map);
        assertEquals(List.of("200:", "1:aa"), elements(p));
    }

    @Test
    void remapRefusesIdTheFormCannotCarryAndWritesNothing() throws Exception {
        byte[] b = Hex.bytes(RtpFixtures.ONE_BYTE_EXT);
        byte[] before = b.clone();
        RtpPacket p = RtpPacket.parse(b, 0, b.length);
        assertThrows(IllegalArgumentException.class, () -> p.remapExtensionIds(new int[] {0, 4, 15}));
        assertArrayEquals(before, b);
    }

    static List<String> elements(RtpPacket p) {
        List<String> out = new ArrayList<>();
        p.forEachExtension((id, buf, off, len) -> out.add(id + ":"
                + Hex.string(java.util.Arrays.copyOfRange(buf, off, off + len))));
        return out;
    }
}
