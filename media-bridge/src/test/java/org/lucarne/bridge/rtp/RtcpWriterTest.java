package org.lucarne.bridge.rtp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class RtcpWriterTest {

    private static RtcpPacket single(byte[] b) throws MalformedPacketException {
        RtcpCompound c = RtcpCompound.parse(b, 0, b.length);
        assertEquals(1, c.packetCount());
        return c.iterator().next();
    }

    @Test
    void pliMatchesRfcLayout() throws Exception {
        byte[] b = RtcpWriter.pli(1, 2);
        assertArrayEquals(Hex.bytes(RtcpFixtures.PLI), b);
        Pli pli = Pli.of(single(b));
        assertEquals(1, pli.senderSsrc());
        assertEquals(2, pli.mediaSsrc());
    }

    @Test
    void firMatchesRfcLayout() throws Exception {
        byte[] b = RtcpWriter.fir(1, 3, 7);
        assertArrayEquals(Hex.bytes(RtcpFixtures.FIR), b);
        Fir fir = Fir.of(single(RtcpWriter.fir(0xffffffffL, 0x80000000L, 255)));
        assertEquals(0xffffffffL, fir.senderSsrc());
        assertEquals(0, fir.mediaSsrc());
        assertEquals(0x80000000L, fir.ssrc(0));
        assertEquals(255, fir.sequenceNumber(0));
    }

    @Test
    void nackMatchesRfcLayout() {
        assertArrayEquals(Hex.bytes(RtcpFixtures.NACK), RtcpWriter.nack(1, 2, 100, 101, 103));
    }

    @Test
    void nackPacksSixteenFollowersIntoOneEntryAndStartsAnotherAfter() throws Exception {
        int[] lost = new int[18];
        for (int i = 0; i < lost.length; i++) {
            lost[i] = 1000 + i;
        }
        Nack nack = Nack.of(single(RtcpWriter.nack(1, 2, lost)));
        assertEquals(2, nack.entryCount());
        assertEquals(1000, nack.pid(0));
        assertEquals(0xffff, nack.blp(0));
        assertEquals(1017, nack.pid(1));
        assertEquals(0, nack.blp(1));
        assertArrayEquals(lost, nack.lostSequenceNumbers());
    }

    @Test
    void nackPacksAcrossWrapInOneEntry() throws Exception {
        Nack nack = Nack.of(single(RtcpWriter.nack(1, 2, 65534, 65535, 0, 3)));
        assertEquals(1, nack.entryCount());
        assertEquals(65534, nack.pid(0));
        assertEquals(0b10011, nack.blp(0));
        assertArrayEquals(new int[] {65534, 65535, 0, 3}, nack.lostSequenceNumbers());
    }

    @Test
    void nackOrdersUnsortedInputAcrossWrapAndDropsDuplicates() throws Exception {
        Nack nack = Nack.of(single(RtcpWriter.nack(1, 2, 2, 65530, 0, 2, 65535, 40)));
        assertArrayEquals(new int[] {65530, 65535, 0, 2, 40}, nack.lostSequenceNumbers());
        assertEquals(2, nack.entryCount());
        assertEquals(65530, nack.pid(0));
        assertEquals(40, nack.pid(1));
    }

    @Test
    void nackRoundTripsEveryStartingPointNearWrap() throws Exception {
        for (int start = 65500; start < 65536 + 40; start++) {
            int[] lost = {start & 0xFFFF, (start + 3) & 0xFFFF, (start + 17) & 0xFFFF,
                (start + 18) & 0xFFFF, (start + 40) & 0xFFFF};
            assertArrayEquals(lost, Nack.of(single(RtcpWriter.nack(1, 2, lost)))
                    .lostSequenceNumbers(), "start " + start);
        }
    }

    @Test
    void nackNeedsASequenceNumber() {
        assertThrows(IllegalArgumentException.class, () -> RtcpWriter.nack(1, 2));
    }

    @Test
    void rembMatchesDraftLayoutWithSmallestExponent() {
        assertArrayEquals(Hex.bytes("8f ce 0005 00000001 00000000 52454d42 01 000fa0 00000003"),
                RtcpWriter.remb(1, 4000, 3));
    }

    @Test
    void rembBitrateExtremes() throws Exception {
        assertRemb(0, 0, 0, 0);
        assertRemb(0x3FFFF, 0, 0x3FFFF, 0x3FFFF);
        assertRemb(0x40000, 1, 0x20000, 0x40000);
        assertRemb(0x40001, 1, 0x20000, 0x40000); // rounded down to what fits
        assertRemb(Long.MAX_VALUE, 45, 0x3FFFF, 0x3FFFFL << 45);
        assertRemb(2_500_000, 4, 156250, 2_500_000);
    }

    private static void assertRemb(long bitrate, int exponent, int mantissa, long decoded)
            throws MalformedPacketException {
        Remb remb = Remb.of(single(RtcpWriter.remb(9, bitrate, 1, 2)));
        assertEquals(exponent, remb.exponent(), "exponent of " + bitrate);
        assertEquals(mantissa, remb.mantissa(), "mantissa of " + bitrate);
        assertEquals(decoded, remb.bitrate());
        assertEquals(9, remb.senderSsrc());
        assertEquals(2, remb.ssrcCount());
        assertEquals(2, remb.ssrc(1));
    }

    @Test
    void rembMaxExponentSaturatesInsteadOfOverflowing() throws Exception {
        Remb remb = Remb.of(single(Hex.bytes("8f ce 0004 00000001 00000000 52454d42 00 ffffff")));
        assertEquals(63, remb.exponent());
        assertEquals(0x3FFFF, remb.mantissa());
        assertEquals(Long.MAX_VALUE, remb.bitrate());
        assertEquals(1L << 62, Remb.decode(62, 1));
        assertEquals(Long.MAX_VALUE, Remb.decode(63, 1));
        assertEquals(0, Remb.decode(63, 0));
    }

    @Test
    void rembRefusesNegativeBitrateAndTooManySsrcs() {
        assertThrows(IllegalArgumentException.class, () -> RtcpWriter.remb(1, -1));
        assertThrows(IllegalArgumentException.class, () -> RtcpWriter.remb(1, 1, new long[256]));
    }

    @Test
    void receiverReportRoundTrips() throws Exception {
        ReportBlock a = new ReportBlock(0x55667788L, 64, -2, 0x10010, 32, 0x12345678L, 0x10000);
        ReportBlock b = new ReportBlock(0xffffffffL, 255, 0x7FFFFF, 0xffffffffL, 0, 0, 0xffffffffL);
        byte[] bytes = RtcpWriter.receiverReport(0x11223344L, a, b);
        ReceiverReport rr = ReceiverReport.of(single(bytes));
        assertEquals(0x11223344L, rr.senderSsrc());
        assertEquals(2, rr.reportCount());
        assertEquals(a, rr.reportBlock(0));
        assertEquals(b, rr.reportBlock(1));
        assertArrayEquals(Hex.bytes(RtcpFixtures.RR), RtcpWriter.receiverReport(0x11223344L, a));
        assertEquals(8, RtcpWriter.receiverReport(1).length);
    }

    @Test
    void compoundOfWrittenPacketsParsesInOrder() throws Exception {
        byte[] b = RtcpWriter.compound(RtcpWriter.receiverReport(1), RtcpWriter.pli(1, 2),
                RtcpWriter.nack(1, 2, 5), RtcpWriter.remb(1, 100_000, 2));
        RtcpCompound c = RtcpCompound.parse(b, 0, b.length);
        assertEquals(4, c.packetCount());
        int[] types = new int[4];
        int i = 0;
        for (RtcpPacket p : c) {
            types[i++] = p.type() * 100 + p.format();
            RtcpViews.of(p);
        }
        assertEquals("[20100, 20601, 20501, 20615]", Arrays.toString(types));
    }
}
