package org.lucarne.bridge.forward;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Climbing back after a move down for bandwidth: a hold, then a bounded probe, backing off after failures. */
class LayerProbeTest {
    /** What the receiver gets: enough for any gap below to be probed at once. */
    private static final long SENDING = 10_000_000;
    private final LayerProbe probe = new LayerProbe();

    @Test
    void aMoveDownHoldsThenNeedsAProbe() {
        probe.movedDown(0);
        assertFalse(probe.mayMoveUp(LayerProbe.HOLD_MILLIS), "a probe is owed");
        probe.wantUp(LayerProbe.HOLD_MILLIS - 1, 300_000, SENDING, false);
        assertFalse(probe.probing(LayerProbe.HOLD_MILLIS - 1), "not during the hold");
        probe.wantUp(LayerProbe.HOLD_MILLIS, 300_000, SENDING, false);
        assertTrue(probe.probing(LayerProbe.HOLD_MILLIS));
    }

    @Test
    void aProbeWithoutCongestionLetsTheReceiverUp() {
        probe.movedDown(0);
        probe.wantUp(4000, 300_000, SENDING, false);
        probe.wantUp(5000, 300_000, SENDING, false);
        assertFalse(probe.mayMoveUp(5000));
        probe.wantUp(4000 + LayerProbe.PROBE_MILLIS, 300_000, SENDING, false);
        assertTrue(probe.mayMoveUp(4000 + LayerProbe.PROBE_MILLIS));
        assertFalse(probe.probing(4000 + LayerProbe.PROBE_MILLIS));
    }

    @Test
    void aProbePadsTheGapAndNoMore() {
        probe.movedDown(0);
        probe.wantUp(4000, 480_000, SENDING, false);
        int packets = 0;
        for (long t = 4020; t <= 5000; t += 20) {
            packets += probe.paddingPacketsDue(t);
        }
        assertEquals(480_000 / 8 / LayerProbe.PADDING_BYTES, packets, 1, "a second of padding at the gap's rate");
    }

    @Test
    void paddingIsBoundedWhateverTheGap() {
        probe.movedDown(0);
        probe.wantUp(4000, 50_000_000, SENDING, false);
        int packets = 0;
        for (long t = 4020; t <= 5000; t += 20) {
            packets += probe.paddingPacketsDue(t);
        }
        assertEquals(LayerProbe.MAX_PADDING_BPS / 8 / LayerProbe.PADDING_BYTES, packets, 1);
        assertEquals(LayerProbe.MAX_PADDING_BPS / 10 / 8 / LayerProbe.PADDING_BYTES, probe.paddingPacketsDue(5900), 1,
                "a long silence owes at most a burst");
    }

    @Test
    void congestionEndsTheProbeAndTheNextWaitsTenSecondsThenTwiceAsLong() {
        probe.movedDown(0);
        probe.wantUp(4000, 300_000, SENDING, false);
        probe.wantUp(4500, 300_000, SENDING, true);
        assertFalse(probe.probing(4500), "the receiver became congested during the probe");
        assertEquals(0, probe.paddingPacketsDue(4600));
        probe.wantUp(14_499, 300_000, SENDING, false);
        assertFalse(probe.probing(14_499));
        probe.wantUp(14_500, 300_000, SENDING, false);
        assertTrue(probe.probing(14_500), "ten seconds after the failure");
        probe.wantUp(15_000, 300_000, SENDING, true);
        probe.wantUp(34_999, 300_000, SENDING, false);
        assertFalse(probe.probing(34_999), "twenty seconds after the second failure, not yet");
        probe.wantUp(35_000, 300_000, SENDING, false);
        assertTrue(probe.probing(35_000));
        assertEquals(3, probe.probes());
        assertFalse(probe.mayMoveUp(35_000));
    }

    @Test
    void aGapBeyondHalfOfWhatTheReceiverGetsIsProbedInGrowingSteps() {
        probe.movedDown(0);
        long now = 4000;
        long[] padded = new long[6];
        for (int i = 0; i < padded.length; i++) {
            probe.wantUp(now, 300_000, 100_000, false);
            assertTrue(probe.probing(now), "probe " + i);
            padded[i] = probe.paddingPacketsDue(now + 1000) * 8L * LayerProbe.PADDING_BYTES;
            now += LayerProbe.PROBE_MILLIS;
            probe.wantUp(now, 300_000, 100_000, false);
            now += LayerProbe.STEP_MILLIS;
            if (i < padded.length - 1) {
                assertFalse(probe.mayMoveUp(now), "the gap is not covered yet after probe " + i);
            }
        }
        assertTrue(padded[0] <= 50_000 / 10 + 8 * LayerProbe.PADDING_BYTES, "half of 100 kbit/s first: " + padded[0]);
        assertTrue(padded[1] > padded[0] && padded[2] > padded[1], java.util.Arrays.toString(padded));
        assertTrue(probe.mayMoveUp(now), "a probe covered the gap: 50, 75, 112, 169, then 253 and 300 kbit/s");
    }

    @Test
    void aProbeThatWentThroughTellsWhatTheLinkCarried() {
        probe.movedDown(0);
        assertEquals(-1, probe.wantUp(4000, 300_000, 1_000_000, false), "started, not over");
        assertEquals(-1, probe.wantUp(5000, 300_000, 1_000_000, false), "running");
        assertEquals(1_300_000, probe.wantUp(4000 + LayerProbe.PROBE_MILLIS, 300_000, 1_000_000, false),
                "what the receiver was sent, and the padding on top, for the whole probe");
    }

    @Test
    void aProbeThatFailedTellsNothing() {
        probe.movedDown(0);
        probe.wantUp(4000, 300_000, 1_000_000, false);
        assertEquals(-1, probe.wantUp(5000, 300_000, 1_000_000, true));
        assertEquals(-1, probe.wantUp(4000 + LayerProbe.PROBE_MILLIS, 300_000, 1_000_000, false));
        assertFalse(probe.mayMoveUp(4000 + LayerProbe.PROBE_MILLIS));
    }

    @Test
    void noProbeStartsWhileTheReceiverIsCongested() {
        probe.movedDown(0);
        probe.wantUp(5000, 300_000, SENDING, true);
        assertFalse(probe.probing(5000));
        probe.wantUp(6000, 300_000, SENDING, false);
        assertTrue(probe.probing(6000));
    }

    @Test
    void stoppingAProbeKeepsItOwed() {
        probe.movedDown(0);
        probe.wantUp(4000, 300_000, SENDING, false);
        probe.stop();
        assertFalse(probe.probing(4100));
        assertTrue(probe.needsProbe());
    }
}
