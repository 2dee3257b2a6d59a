package org.lucarne.bridge.forward;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Climbing back after a move down for bandwidth: a hold, then a bounded probe, backing off after failures. */
class LayerProbeTest {
    private final LayerProbe probe = new LayerProbe();

    @Test
    void aMoveDownHoldsThenNeedsAProbe() {
        probe.movedDown(0);
        assertFalse(probe.mayMoveUp(LayerProbe.HOLD_MILLIS), "a probe is owed");
        probe.wantUp(LayerProbe.HOLD_MILLIS - 1, 300_000, false);
        assertFalse(probe.probing(LayerProbe.HOLD_MILLIS - 1), "not during the hold");
        probe.wantUp(LayerProbe.HOLD_MILLIS, 300_000, false);
        assertTrue(probe.probing(LayerProbe.HOLD_MILLIS));
    }

    @Test
    void aProbeWithoutCongestionLetsTheReceiverUp() {
        probe.movedDown(0);
        probe.wantUp(4000, 300_000, false);
        probe.wantUp(5000, 300_000, false);
        assertFalse(probe.mayMoveUp(5000));
        probe.wantUp(4000 + LayerProbe.PROBE_MILLIS, 300_000, false);
        assertTrue(probe.mayMoveUp(4000 + LayerProbe.PROBE_MILLIS));
        assertFalse(probe.probing(4000 + LayerProbe.PROBE_MILLIS));
    }

    @Test
    void aProbePadsTheGapAndNoMore() {
        probe.movedDown(0);
        probe.wantUp(4000, 480_000, false);
        int packets = 0;
        for (long t = 4020; t <= 5000; t += 20) {
            packets += probe.paddingPacketsDue(t);
        }
        assertEquals(480_000 / 8 / LayerProbe.PADDING_BYTES, packets, 1, "a second of padding at the gap's rate");
    }

    @Test
    void paddingIsBoundedWhateverTheGap() {
        probe.movedDown(0);
        probe.wantUp(4000, 50_000_000, false);
        int packets = 0;
        for (long t = 4020; t <= 5000; t += 20) {
            packets += probe.paddingPacketsDue(t);
        }
        assertEquals(LayerProbe.MAX_PADDING_BPS / 8 / LayerProbe.PADDING_BYTES, packets, 1);
        assertEquals(LayerProbe.MAX_PADDING_BPS / 10 / 8 / LayerProbe.PADDING_BYTES, probe.paddingPacketsDue(6000), 1,
                "a long silence owes at most a burst");
    }

    @Test
    void congestionEndsTheProbeAndTheNextWaitsTenSecondsThenTwiceAsLong() {
        probe.movedDown(0);
        probe.wantUp(4000, 300_000, false);
        probe.wantUp(4500, 300_000, true);
        assertFalse(probe.probing(4500), "the receiver became congested during the probe");
        assertEquals(0, probe.paddingPacketsDue(4600));
        probe.wantUp(14_499, 300_000, false);
        assertFalse(probe.probing(14_499));
        probe.wantUp(14_500, 300_000, false);
        assertTrue(probe.probing(14_500), "ten seconds after the failure");
        probe.wantUp(15_000, 300_000, true);
        probe.wantUp(34_999, 300_000, false);
        assertFalse(probe.probing(34_999), "twenty seconds after the second failure, not yet");
        probe.wantUp(35_000, 300_000, false);
        assertTrue(probe.probing(35_000));
        assertEquals(3, probe.probes());
        assertFalse(probe.mayMoveUp(35_000));
    }

    @Test
    void noProbeStartsWhileTheReceiverIsCongested() {
        probe.movedDown(0);
        probe.wantUp(5000, 300_000, true);
        assertFalse(probe.probing(5000));
        probe.wantUp(6000, 300_000, false);
        assertTrue(probe.probing(6000));
    }

    @Test
    void stoppingAProbeKeepsItOwed() {
        probe.movedDown(0);
        probe.wantUp(4000, 300_000, false);
        probe.stop();
        assertFalse(probe.probing(4100));
        assertTrue(probe.needsProbe());
    }
}
