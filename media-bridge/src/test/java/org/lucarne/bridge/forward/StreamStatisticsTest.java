package org.lucarne.bridge.forward;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.lucarne.bridge.rtp.ReportBlock;

/** Receive statistics per RFC 3550 A.1, A.3 and A.8, stage alone. */
class StreamStatisticsTest {
    private static final long MS = 1_000_000L;

    @Test
    void packetsArrivingAtTheirTimestampPaceHaveNoJitter() {
        StreamStatistics s = new StreamStatistics(42);
        for (int i = 0; i < 50; i++) {
            s.packet(i, 960L * i, 20 * MS * i, 48_000);
        }

        ReportBlock b = s.reportBlock(0);

        assertEquals(0, b.jitter());
        assertEquals(0, b.cumulativeLost());
        assertEquals(49, b.extendedHighestSequence());
    }

    @Test
    void everyOtherPacketLateBy10MillisecondsGivesJitterNear480Units() {
        StreamStatistics s = new StreamStatistics(42);
        for (int i = 0; i < 400; i++) {
            long late = i % 2 == 0 ? 0 : 10 * MS;
            s.packet(i, 960L * i, 20 * MS * i + late, 48_000);
        }

        long jitter = s.reportBlock(0).jitter();

        // |D| is 10 ms = 480 units at 48 kHz on every packet, so J converges to 480 (A.8).
        assertEquals(480, jitter, 2);
    }

    @Test
    void duplicatesAndReorderingAreNotLoss() {
        StreamStatistics s = new StreamStatistics(42);
        for (int seq : new int[] {1, 3, 2, 3, 4}) {
            s.packet(seq, 0, 0, 90_000);
        }

        ReportBlock b = s.reportBlock(0);

        assertEquals(-1, b.cumulativeLost(), "a duplicate makes loss negative (RFC 3550 §6.4.1)");
        assertEquals(0, b.fractionLost());
    }

    @Test
    void bigJumpIsARestartOnceTheNextPacketConfirmsIt() {
        StreamStatistics s = new StreamStatistics(42);
        s.packet(100, 0, 0, 90_000);
        s.packet(101, 0, 0, 90_000);
        s.packet(20_000, 0, 0, 90_000);
        s.packet(20_001, 0, 0, 90_000);

        ReportBlock b = s.reportBlock(0);

        assertEquals(20_001, b.extendedHighestSequence());
        assertEquals(0, b.cumulativeLost(), "the 19 899 skipped numbers are not counted lost");
    }
}
