package org.lucarne.bridge.rtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.lucarne.bridge.rtp.TransportCc.NOT_RECEIVED;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Transport-cc feedback written and read back (draft-holmer-rmcat-transport-wide-cc-extensions-01 §3.1). */
class TransportCcTest {
    private static final int N = NOT_RECEIVED;

    private static TransportCc roundTrip(int base, int reference, int count, int... deltas) throws Exception {
        byte[] b = TransportCcWriter.write(0xA0A0A0A0L, 0x2222L, base, reference, count, deltas, 0, deltas.length);
        assertEquals(0, b.length % 4, "32-bit aligned");
        RtcpPacket p = RtcpPacket.parse(b, 0, b.length);
        assertEquals(b.length, p.length(), "the length field covers the whole packet");
        assertTrue(p.isTransportCc());
        TransportCc fb = TransportCc.of(p);
        assertEquals(0xA0A0A0A0L, fb.senderSsrc());
        assertEquals(0x2222L, fb.mediaSsrc());
        assertEquals(base & 0xFFFF, fb.baseSequenceNumber());
        assertEquals(count & 0xFF, fb.feedbackPacketCount());
        int[] read = new int[fb.packetStatusCount()];
        for (int i = 0; i < read.length; i++) {
            read[i] = fb.delta(i);
            assertEquals(deltas[i] != N, fb.received(i));
        }
        assertEquals(Arrays.toString(deltas), Arrays.toString(read));
        return fb;
    }

    /** The chunk words of a written feedback, to see which kinds the writer chose. */
    private static int[] chunks(byte[] b, int n) {
        int[] c = new int[n];
        for (int i = 0; i < n; i++) {
            c[i] = Bytes.u16(b, TransportCc.FIXED + 2 * i);
        }
        return c;
    }

    @Test
    void smallDeltasRoundTripInOneBitVectorChunks() throws Exception {
        int[] deltas = {0, 4, N, 255, 1, N, 8, 8, 8, 2, 3, 4, 5, 6, 7, 9};
        roundTrip(100, 77, 3, deltas);

        byte[] b = TransportCcWriter.write(1, 2, 100, 77, 3, deltas, 0, deltas.length);
        int[] c = chunks(b, 2);
        assertEquals(0x8000, c[0] & 0xC000, "fourteen 1-bit symbols");
        assertEquals(0x8000, c[1] & 0xC000, "the last two in a short 1-bit vector");
    }

    @Test
    void largeAndNegativeDeltasTakeTwoBytesInTwoBitVectorChunks() throws Exception {
        int[] deltas = {10, 256, -4, N, 32767, -32768, 3, 1000};
        roundTrip(65530, -5, 255, deltas);

        byte[] b = TransportCcWriter.write(1, 2, 65530, -5, 255, deltas, 0, deltas.length);
        assertEquals(0xC000, chunks(b, 1)[0] & 0xC000, "seven 2-bit symbols");
        assertEquals(0xC000, chunks(b, 2)[1] & 0xC000, "the eighth in a second one");
        assertEquals(TransportCc.FIXED + 4 + 12, b.length, "1 byte per small delta, 2 per large one, no padding");
    }

    @Test
    void longRunsUseRunLengthChunksOfAtMost8191() throws Exception {
        int[] deltas = new int[9000];
        Arrays.fill(deltas, N);
        deltas[0] = 5;
        deltas[8999] = 7;
        TransportCc fb = roundTrip(0, 0, 0, deltas);
        assertEquals(9000, fb.packetStatusCount());

        byte[] b = TransportCcWriter.write(1, 2, 0, 0, 0, deltas, 0, deltas.length);
        int[] c = chunks(b, 3);
        assertEquals(0x8000, c[0] & 0xC000, "the first statuses in a vector");
        assertEquals(0, c[1] & 0x8000, "then a run");
        assertEquals(0, (c[1] >>> 13) & 3, "of packets not received");
        assertEquals(8191, c[1] & 0x1FFF, "as long as a run can be");
    }

    @Test
    void runOfReceivedPacketsWithSmallDeltas() throws Exception {
        int[] deltas = new int[42];
        Arrays.fill(deltas, 80); // 20 ms apart
        roundTrip(12, 1, 1, deltas);
        byte[] b = TransportCcWriter.write(1, 2, 12, 1, 1, deltas, 0, deltas.length);
        int chunk = chunks(b, 1)[0];
        assertEquals(1, chunk >>> 13, "T=0, symbol 01");
        assertEquals(42, chunk & 0x1FFF);
        assertEquals(TransportCc.FIXED + 2 + 42, b.length, "no padding needed");
        assertEquals(0, b[0] & 0x20, "so no padding bit");
    }

    @Test
    void paddingIsCountedInTheLastByte() throws Exception {
        byte[] b = TransportCcWriter.write(1, 2, 0, 0, 0, new int[] {1}, 0, 1);
        assertEquals(0x20, b[0] & 0x20);
        assertEquals(TransportCc.FIXED + 2 + 1 + 1, b.length);
        assertEquals(1, b[b.length - 1]);
        assertEquals(1, RtcpPacket.parse(b, 0, b.length).paddingLength());
    }

    @Test
    void referenceTimeIsSigned24Bits() throws Exception {
        assertEquals(-1, roundTrip(0, -1, 0, 1).referenceTime());
        assertEquals(0x7FFFFF, roundTrip(0, 0x7FFFFF, 0, 1).referenceTime());
        assertEquals(-0x800000, roundTrip(0, 0x800000, 0, 1).referenceTime(), "wraps into the sign bit");
    }

    @Test
    void sequenceNumbersWrapAfter65535() throws Exception {
        TransportCc fb = roundTrip(65534, 0, 0, 1, 2, 3);
        assertEquals(65534, fb.sequenceNumber(0));
        assertEquals(65535, fb.sequenceNumber(1));
        assertEquals(0, fb.sequenceNumber(2));
    }

    @Test
    void writerRefusesDeltasBeyond16Bits() {
        assertThrows(IllegalArgumentException.class,
                () -> TransportCcWriter.write(1, 2, 0, 0, 0, new int[] {32768}, 0, 1));
        assertFalse(TransportCcWriter.fits(-32769));
    }

    @Test
    void reservedSymbolIsMalformed() throws Exception {
        byte[] b = TransportCcWriter.write(1, 2, 0, 0, 0, new int[] {1}, 0, 1);
        Bytes.put16(b, TransportCc.FIXED, 0x6001); // run of one "11"
        MalformedPacketException e = assertThrows(MalformedPacketException.class,
                () -> TransportCc.of(RtcpPacket.parse(b, 0, b.length)));
        assertEquals(MalformedPacketException.Reason.BAD_TRANSPORT_CC, e.reason());
    }

    @Test
    void statusCountBeyondTheChunksIsMalformed() throws Exception {
        byte[] b = TransportCcWriter.write(1, 2, 0, 0, 0, new int[] {1, 1}, 0, 2);
        Bytes.put16(b, 14, 60); // sixty statuses, chunks for two
        MalformedPacketException e = assertThrows(MalformedPacketException.class,
                () -> TransportCc.of(RtcpPacket.parse(b, 0, b.length)));
        assertEquals(MalformedPacketException.Reason.BAD_TRANSPORT_CC, e.reason());
    }

    @Test
    void deltasCutOffAreMalformed() throws Exception {
        byte[] b = TransportCcWriter.write(1, 2, 0, 0, 0, new int[] {300, 300, 300}, 0, 3);
        byte[] cut = Arrays.copyOf(b, TransportCc.FIXED + 4);
        Bytes.put16(cut, 2, cut.length / 4 - 1);
        cut[0] &= ~0x20;
        MalformedPacketException e = assertThrows(MalformedPacketException.class,
                () -> TransportCc.of(RtcpPacket.parse(cut, 0, cut.length)));
        assertEquals(MalformedPacketException.Reason.BAD_TRANSPORT_CC, e.reason());
    }
}
