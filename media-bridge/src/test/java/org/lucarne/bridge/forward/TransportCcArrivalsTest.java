package org.lucarne.bridge.forward;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.lucarne.bridge.rtp.MalformedPacketException;
import org.lucarne.bridge.rtp.RtcpPacket;
import org.lucarne.bridge.rtp.RtpPacket;
import org.lucarne.bridge.rtp.TransportCc;

/** The bridge records a sender's transport-wide arrivals and reports them in bounded feedback. */
class TransportCcArrivalsTest {
    private static final long SENDER = 0xB0B0B0B0L;
    private static final long MS = 1_000_000L;
    private static final long T0 = 5_000_000_000_123L;

    private final TransportCcArrivals arrivals = new TransportCcArrivals();
    private long now = 1_000_000;

    private List<TransportCc> due() throws MalformedPacketException {
        List<TransportCc> out = new ArrayList<>();
        for (byte[] b : arrivals.due(SENDER, now)) {
            assertTrue(b.length <= TransportCcArrivals.MAX_FEEDBACK_BYTES, b.length + " bytes");
            out.add(TransportCc.of(RtcpPacket.parse(b, 0, b.length)));
        }
        return out;
    }

    /** Arrival times the feedback tells, in µs, by status; -1 where not received. */
    private static long[] arrivalMicros(TransportCc fb) {
        long[] out = new long[fb.packetStatusCount()];
        long t = fb.referenceTime() * TransportCc.REFERENCE_UNIT_MICROS;
        for (int i = 0; i < out.length; i++) {
            if (fb.received(i)) {
                t += fb.delta(i) * TransportCc.DELTA_UNIT_MICROS;
                out[i] = t;
            } else {
                out[i] = -1;
            }
        }
        return out;
    }

    /** What the feedback says of T0 + {@code offsetMicros}: the reference time's base, mod 2^24 × 64 ms. */
    private static long told(long arrivalNanos, TransportCc fb) {
        long reference = Math.floorDiv(arrivalNanos, 64 * MS);
        long base = (reference - fb.referenceTime()) * TransportCc.REFERENCE_UNIT_MICROS;
        return Math.floorDiv(arrivalNanos, 250_000L) * 250 - base;
    }

    @Test
    void feedbackGivesEachArrivalTo250Microseconds() throws Exception {
        arrivals.record(10, 2222, T0);
        arrivals.record(11, 2222, T0 + MS);
        arrivals.record(12, 3333, T0 + 21 * MS);

        List<TransportCc> fbs = due();

        assertEquals(1, fbs.size());
        TransportCc fb = fbs.get(0);
        assertEquals(10, fb.baseSequenceNumber());
        assertEquals(3, fb.packetStatusCount());
        assertEquals(0, fb.feedbackPacketCount());
        assertEquals(3333, fb.mediaSsrc(), "the last SSRC seen");
        assertEquals(SENDER, fb.senderSsrc());
        assertArrayEquals(new long[] {told(T0, fb), told(T0 + MS, fb), told(T0 + 21 * MS, fb)}, arrivalMicros(fb));
    }

    @Test
    void feedbackComesAtMostEvery50MillisecondsAndOnlyWithNews() throws Exception {
        arrivals.record(1, 2222, T0);
        assertEquals(1, due().size());
        arrivals.record(2, 2222, T0 + 10 * MS);
        now += 49;
        assertEquals(0, due().size(), "49 ms after the last");
        now += 1;
        TransportCc fb = due().get(0);
        assertEquals(2, fb.baseSequenceNumber(), "only what is new");
        assertEquals(1, fb.feedbackPacketCount(), "counted");
        now += 100;
        assertEquals(0, due().size(), "nothing new");
    }

    @Test
    void sequenceWrapsFrom65535To0() throws Exception {
        for (int i = 0; i < 4; i++) {
            arrivals.record((65534 + i) & 0xFFFF, 2222, T0 + i * MS);
        }
        TransportCc fb = due().get(0);
        assertEquals(65534, fb.baseSequenceNumber());
        assertEquals(4, fb.packetStatusCount());
        assertEquals(1, fb.sequenceNumber(3));
        for (int i = 0; i < 4; i++) {
            assertTrue(fb.received(i));
        }
    }

    @Test
    void lossIsReportedAndReorderingGivesNegativeDeltas() throws Exception {
        arrivals.record(1, 2222, T0);
        arrivals.record(4, 2222, T0 + 10 * MS);
        arrivals.record(3, 2222, T0 + 12 * MS);

        TransportCc fb = due().get(0);

        assertEquals(4, fb.packetStatusCount());
        assertFalse(fb.received(1), "2 never came");
        assertEquals(-8, fb.delta(3), "4 arrived 2 ms before 3, in 250 µs units");
        assertArrayEquals(new long[] {told(T0, fb), -1, told(T0 + 12 * MS, fb), told(T0 + 10 * MS, fb)},
                arrivalMicros(fb));
    }

    @Test
    void duplicateKeepsItsFirstArrival() throws Exception {
        assertTrue(arrivals.record(7, 2222, T0));
        assertFalse(arrivals.record(7, 2222, T0 + 30 * MS));
        TransportCc fb = due().get(0);
        assertEquals(1, fb.packetStatusCount());
        assertEquals(told(T0, fb), arrivalMicros(fb)[0]);
    }

    @Test
    void deltaBeyondWhat16BitsCarryStartsAFeedbackOfItsOwn() throws Exception {
        arrivals.record(1, 2222, T0);
        arrivals.record(2, 2222, T0 + 9_000 * MS); // 36,000 units of 250 µs

        List<TransportCc> fbs = due();

        assertEquals(2, fbs.size());
        assertEquals(1, fbs.get(0).baseSequenceNumber());
        assertEquals(1, fbs.get(0).packetStatusCount());
        assertEquals(2, fbs.get(1).baseSequenceNumber());
        assertEquals(told(T0 + 9_000 * MS, fbs.get(1)), arrivalMicros(fbs.get(1))[0], "with its own reference time");
        assertEquals(1, fbs.get(1).feedbackPacketCount());
    }

    @Test
    void manyArrivalsAreSplitIntoFeedbacksOfBoundedSize() throws Exception {
        int count = 3000;
        for (int i = 0; i < count; i++) {
            // Pairs swapped, 80 ms apart: every delta takes two bytes.
            int seq = i ^ 1;
            arrivals.record(seq, 2222, T0 + i * 80 * MS);
        }

        List<TransportCc> fbs = due();

        assertTrue(fbs.size() > 1, "needs several packets");
        int next = 0;
        for (TransportCc fb : fbs) {
            assertEquals(next, fb.baseSequenceNumber(), "each starts where the last ended");
            for (int i = 0; i < fb.packetStatusCount(); i++) {
                assertTrue(fb.received(i));
            }
            next += fb.packetStatusCount();
        }
        assertEquals(count, next, "every arrival reported once");
    }

    @Test
    void packetArrivingAfterTheFeedbackThatCalledItLostIsReportedAgain() throws Exception {
        arrivals.record(1, 2222, T0);
        arrivals.record(3, 2222, T0 + 20 * MS);
        assertFalse(due().get(0).received(1));

        arrivals.record(2, 2222, T0 + 30 * MS);
        now += 50;
        TransportCc fb = due().get(0);

        assertEquals(2, fb.baseSequenceNumber());
        assertTrue(fb.received(0));
        assertEquals(2, fb.packetStatusCount(), "and what came after it");
    }

    @Test
    void stateIsBoundedPacketsFromBeforeTheWindowAreNotRecorded() throws Exception {
        arrivals.record(0, 2222, T0);
        for (int i = 1; i <= TransportCcArrivals.CAPACITY; i++) {
            arrivals.record(i, 2222, T0 + i * MS);
        }
        List<TransportCc> fbs = due();
        assertEquals(1, fbs.get(0).baseSequenceNumber(), "the window holds the last " + TransportCcArrivals.CAPACITY);

        assertFalse(arrivals.record(0, 2222, T0 + 10_000 * MS), "too old to report");
    }

    @Test
    void jumpForwardBeyondTheWindowStartsAfresh() throws Exception {
        arrivals.record(1, 2222, T0);
        due();
        arrivals.record(1 + TransportCcArrivals.CAPACITY + 10, 2222, T0 + MS);
        now += 50;
        TransportCc fb = due().get(0);
        assertEquals(1 + TransportCcArrivals.CAPACITY + 10, fb.baseSequenceNumber());
        assertEquals(1, fb.packetStatusCount());
    }

    @Test
    void takeRecordsTheSequenceAndBlanksTheElementInPlace() throws Exception {
        byte[] b = ByteBuffer.allocate(12 + 4 + 8 + 4)
                .put((byte) 0x90).put((byte) 100).putShort((short) 9).putInt(1000).putInt(2222)
                .putShort((short) 0xBEDE).putShort((short) 2)
                .put((byte) 0x22).put((byte) 0x11).put((byte) 0x22).put((byte) 0x33) // abs-send-time, id 2
                .put((byte) 0x41).put((byte) 0xAB).put((byte) 0xCD) // transport-cc, id 4: 0xABCD
                .put((byte) 0) // padding
                .putInt(0xCAFEBABE)
                .array();
        RtpPacket packet = RtpPacket.parse(b, 0, b.length);

        arrivals.take(packet, 4, T0);

        assertEquals(-1, packet.extensionOffset(4), "receivers never see the sender's numbering");
        assertEquals(0, b[20] | b[21] | b[22], "header and data zeroed: padding (RFC 8285 §4.2)");
        assertEquals(0x11, b[17], "abs-send-time stays");
        assertEquals(b.length, RtpPacket.parse(b, 0, b.length).length(), "same length, still valid");
        TransportCc fb = due().get(0);
        assertEquals(0xABCD, fb.baseSequenceNumber());
    }
}
