package org.lucarne.bridge.forward;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * A receiver's limit: none until its link shows congestion (its REMB falls below what it is sent,
 * or its reports show loss beyond the ordinary), then what the link showed it carries.
 */
class BandwidthLimitTest {
    private static final String R = "r";
    private final BandwidthEstimates estimates = new BandwidthEstimates();

    @Test
    void noLimitUntilTheLinkShowsCongestion() {
        estimates.remb(R, 300_000, 1_000_000, 0);
        estimates.remb(R, 400_000, 1_000_000, 200);
        assertEquals(-1, estimates.limit(R), "a REMB that rises says nothing of the link");
        estimates.carried(R, 2_000_000);
        assertEquals(-1, estimates.limit(R), "nor does a probe before any congestion");
    }

    @Test
    void aFallBelowWhatIsSentSetsTheLimitWhichThenRisesWithTheRembAndWhatProbesCarried() {
        estimates.remb(R, 500_000, 600_000, 0);
        estimates.remb(R, 300_000, 600_000, 200);
        assertEquals(300_000, estimates.limit(R));
        estimates.remb(R, 320_000, 400_000, 400);
        assertEquals(320_000, estimates.limit(R));
        estimates.carried(R, 450_000);
        assertEquals(450_000, estimates.limit(R), "a probe carried more than the REMB says");
        estimates.remb(R, 330_000, 400_000, 600);
        assertEquals(450_000, estimates.limit(R), "a REMB that lags behind does not take it back");
        estimates.carried(R, 400_000);
        assertEquals(450_000, estimates.limit(R));
        estimates.remb(R, 200_000, 450_000, 15_000);
        assertEquals(200_000, estimates.limit(R), "the next congestion sets it again");
        assertTrue(estimates.limit(R) >= 0 && estimates.ceiling(R, 15_000 + BandwidthEstimates.CONGESTION_HOLD_MILLIS) < 0,
                "the limit stays after the hold of the ceiling ends");
    }

    @Test
    void lossBeyondTenPercentOverASecondIsCongestion() {
        for (int i = 0; i < 8; i++) {
            estimates.loss(R, 40, 500_000, i * 125L); // 16 %
        }
        estimates.loss(R, 0, 500_000, 1000);
        assertEquals(425_000, estimates.limit(R), "85 % of what it was sent");
        assertTrue(estimates.congested(R, 1000), "congested now");
        assertEquals(-1, estimates.ceiling(R, 1000), "no ceiling for a one-layer sender: its REMB did not fall");
    }

    @Test
    void aLinksOrdinaryRandomLossIsNoCongestion() {
        int[] lost = {0, 20, 0, 13, 0, 0, 26, 0}; // 3 % on average, a block now and then at 8-10 %
        for (int second = 0; second < 5; second++) {
            for (int i = 0; i < lost.length; i++) {
                estimates.loss(R, lost[i], 500_000, second * 1000L + i * 125L);
            }
        }
        estimates.loss(R, 0, 500_000, 5000);
        assertEquals(-1, estimates.limit(R));
    }

    @Test
    void tooFewReportsToJudgeAreNoCongestion() {
        estimates.loss(R, 255, 500_000, 0);
        estimates.loss(R, 0, 500_000, 1000);
        assertEquals(-1, estimates.limit(R), "one block in a second");
    }

    @Test
    void lossLowersALimitNeverRaisesIt() {
        estimates.remb(R, 500_000, 600_000, 0);
        estimates.remb(R, 100_000, 600_000, 100);
        for (int i = 0; i < 8; i++) {
            estimates.loss(R, 128, 500_000, 200 + i * 100L);
        }
        estimates.loss(R, 0, 500_000, 1200);
        assertEquals(100_000, estimates.limit(R));
    }

    @Test
    void aQueueOfMoreThanAHundredMillisecondsIsCongestion() {
        estimates.queueing(R, 80, 500_000, 0);
        assertEquals(-1, estimates.limit(R), "80 ms: jitter, not yet a queue");
        estimates.queueing(R, 150, 500_000, 100);
        assertEquals(425_000, estimates.limit(R));
        assertTrue(estimates.congested(R, 100 + BandwidthEstimates.CONGESTION_HOLD_MILLIS - 1));
    }
}
