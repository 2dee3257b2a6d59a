package org.lucarne.bridge.rtp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RtcpParseTest {

    static RtcpPacket one(String hex) throws MalformedPacketException {
        byte[] b = Hex.bytes(hex);
        RtcpCompound c = RtcpCompound.parse(b, 0, b.length);
        assertEquals(1, c.packetCount());
        return c.iterator().next();
    }

    @Test
    void readsSenderReport() throws Exception {
        SenderReport sr = SenderReport.of(one(RtcpFixtures.SR));
        assertEquals(0x11223344L, sr.senderSsrc());
        assertEquals(0xe000000080000000L, sr.ntpTimestamp());
        assertEquals(4096, sr.rtpTimestamp());
        assertEquals(10, sr.packetCount());
        assertEquals(1000, sr.octetCount());
        assertEquals(0, sr.reportCount());
    }

    @Test
    void readsReportBlockWithNegativeCumulativeLoss() throws Exception {
        SenderReport sr = SenderReport.of(one(RtcpFixtures.SR_WITH_BLOCK));
        assertEquals(new ReportBlock(0x55667788L, 64, -2, 0x10010, 32, 0x12345678L, 0x10000),
                sr.reportBlock(0));
        assertThrows(IndexOutOfBoundsException.class, () -> sr.reportBlock(1));
        ReceiverReport rr = ReceiverReport.of(one(RtcpFixtures.RR));
        assertEquals(0x11223344L, rr.senderSsrc());
        assertEquals(1, rr.reportCount());
        assertEquals(sr.reportBlock(0), rr.reportBlock(0));
    }

    @Test
    void readsSdesCname() throws Exception {
        Sdes sdes = Sdes.of(one(RtcpFixtures.SDES));
        assertEquals(1, sdes.chunkCount());
        assertEquals(0x11223344L, sdes.ssrc(0));
        assertEquals("abcdefghijklmnop", sdes.cname(0));
        assertNull(sdes.item(0, 2));
    }

    @Test
    void readsSdesWithSeveralChunks() throws Exception {
        Sdes sdes = Sdes.of(one("82 ca 0005 00000001 010161 00 00000002 02026263 00000000"));
        assertEquals(2, sdes.chunkCount());
        assertEquals("a", sdes.cname(0));
        assertEquals(2, sdes.ssrc(1));
        assertNull(sdes.cname(1));
        assertEquals("bc", sdes.item(1, 2));
    }

    @Test
    void readsBye() throws Exception {
        Bye bye = Bye.of(one(RtcpFixtures.BYE));
        assertEquals(1, bye.ssrcCount());
        assertEquals(0x11223344L, bye.ssrc(0));
        assertEquals("bye", bye.reason());
        assertNull(Bye.of(one("81 cb 0001 11223344")).reason());
    }

    @Test
    void readsNackIntoLostSequenceNumbers() throws Exception {
        RtcpPacket p = one(RtcpFixtures.NACK);
        assertTrue(p.isNack());
        Nack nack = Nack.of(p);
        assertEquals(1, nack.senderSsrc());
        assertEquals(2, nack.mediaSsrc());
        assertEquals(1, nack.entryCount());
        assertArrayEquals(new int[] {100, 101, 103}, nack.lostSequenceNumbers());
    }

    @Test
    void nackBitmaskWrapsPast65535() throws Exception {
        Nack nack = Nack.of(one("81 cd 0003 00000001 00000002 fffe 8003"));
        assertArrayEquals(new int[] {65534, 65535, 0, 14}, nack.lostSequenceNumbers());
        assertEquals(4, nack.lostCount());
    }

    @Test
    void recognisesTransportCcWithoutParsingIt() throws Exception {
        RtcpPacket p = one(RtcpFixtures.TRANSPORT_CC);
        assertTrue(p.isTransportCc());
        assertFalse(p.isNack());
        assertEquals(20, p.length());
    }

    @Test
    void readsPliFirRemb() throws Exception {
        RtcpPacket pli = one(RtcpFixtures.PLI);
        assertTrue(pli.isPli());
        assertEquals(2, Pli.of(pli).mediaSsrc());

        RtcpPacket firPacket = one(RtcpFixtures.FIR);
        assertTrue(firPacket.isFir());
        Fir fir = Fir.of(firPacket);
        assertEquals(1, fir.entryCount());
        assertEquals(3, fir.ssrc(0));
        assertEquals(7, fir.sequenceNumber(0));

        RtcpPacket rembPacket = one(RtcpFixtures.REMB);
        assertTrue(rembPacket.isRemb());
        Remb remb = Remb.of(rembPacket);
        assertEquals(2, remb.exponent());
        assertEquals(1000, remb.mantissa());
        assertEquals(4000, remb.bitrate());
        assertEquals(1, remb.ssrcCount());
        assertEquals(3, remb.ssrc(0));
    }

    @Test
    void afbWithoutRembIdentifierIsNotRemb() throws Exception {
        RtcpPacket p = one("8f ce 0004 00000001 00000000 41424344 00000000");
        assertFalse(p.isRemb());
        assertEquals(MalformedPacketException.Reason.BAD_REMB,
                assertThrows(MalformedPacketException.class, () -> Remb.of(p)).reason());
    }

    @Test
    void iteratesCompoundInOrder() throws Exception {
        byte[] b = Hex.bytes(RtcpFixtures.COMPOUND);
        RtcpCompound c = RtcpCompound.parse(b, 0, b.length);
        List<Integer> types = new ArrayList<>();
        for (RtcpPacket p : c) {
            types.add(p.type());
        }
        assertEquals(List.of(RtcpPacket.RR, RtcpPacket.SDES), types);
    }

    @Test
    void paddingOnLastPacketIsExcludedFromContent() throws Exception {
        byte[] b = Hex.bytes(RtcpFixtures.PADDED_RR_LAST);
        RtcpCompound c = RtcpCompound.parse(b, 0, b.length);
        var it = c.iterator();
        it.next();
        RtcpPacket rr = it.next();
        assertEquals(12, rr.length());
        assertEquals(4, rr.paddingLength());
        assertEquals(8, rr.contentLength());
        assertEquals(0, ReceiverReport.of(rr).reportCount());
    }

    @Test
    void typedViewOfWrongTypeIsAProgrammingError() throws Exception {
        RtcpPacket rr = one(RtcpFixtures.RR);
        assertThrows(IllegalArgumentException.class, () -> SenderReport.of(rr));
        assertThrows(IllegalArgumentException.class, () -> Nack.of(rr));
    }
}
