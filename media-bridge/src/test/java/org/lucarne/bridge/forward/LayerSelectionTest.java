package org.lucarne.bridge.forward;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.lucarne.bridge.colibri.SsrcGroup;

/** Which layer a receiver gets: what arrives, what its tile shows. */
class LayerSelectionTest {
    private static final SimulcastSource SOURCE = SimulcastSource.of(new SsrcGroup("SIM", List.of(1L, 2L, 3L)), List.of());
    private final LayerActivity activity = new LayerActivity();

    private void arriving(long now, int... heights) {
        for (int layer = 0; layer < heights.length; layer++) {
            activity.packet(layer, now, heights[layer]);
        }
    }

    @Test
    void withoutAWishTheTallestArrivingLayer() {
        arriving(0, 180, 360, 720);
        assertEquals(2, LayerSelection.choose(SOURCE, activity, LayerSelection.NO_WISH, -1, 10));
    }

    @Test
    void theSmallestLayerAtLeastAsTallAsTheTile() {
        arriving(0, 180, 360, 720);
        assertEquals(0, LayerSelection.choose(SOURCE, activity, 120, -1, 10));
        assertEquals(0, LayerSelection.choose(SOURCE, activity, 180, -1, 10));
        assertEquals(1, LayerSelection.choose(SOURCE, activity, 181, -1, 10));
        assertEquals(2, LayerSelection.choose(SOURCE, activity, 1080, -1, 10));
        assertEquals(0, LayerSelection.choose(SOURCE, activity, 0, -1, 10), "a hidden tile");
    }

    @Test
    void aLayerSilentForASecondIsNotChosen() {
        arriving(0, 180, 360, 720);
        activity.packet(0, 900, -1);
        activity.packet(1, 900, -1);
        assertEquals(1, LayerSelection.choose(SOURCE, activity, LayerSelection.NO_WISH, 2, 1000));
        assertEquals(1, LayerSelection.choose(SOURCE, activity, 500, 2, 1000), "the tallest left");
    }

    @Test
    void nothingArrivingKeepsTheChoice() {
        assertEquals(2, LayerSelection.choose(SOURCE, activity, 100, 2, 5000));
    }

    @Test
    void layersOfUnknownHeightAreNotChosenForASmallTile() {
        arriving(0, -1, 360, -1);
        assertEquals(1, LayerSelection.choose(SOURCE, activity, 100, -1, 10));
    }

    /** Layers of 150, 500 and 1,500 kbit/s, all arriving, measured over a window. */
    private void arrivingAtRates() {
        for (long t = 0; t <= 1000; t += 100) {
            activity.packet(0, t, 180, 1875);
            activity.packet(1, t, 360, 6250);
            activity.packet(2, t, 720, 18_750);
        }
    }

    @Test
    void measuresEachLayersBitrateOverAWindow() {
        arrivingAtRates();
        assertEquals(List.of(150_000L, 500_000L, 1_500_000L),
                List.of(activity.bitrate(0), activity.bitrate(1), activity.bitrate(2)));
    }

    @Test
    void theHighestLayerTheBudgetCarries() {
        arrivingAtRates();
        assertEquals(2, LayerSelection.fitBudget(SOURCE, activity, 2, -1, 2, true, 1000), "no estimate yet");
        assertEquals(1, LayerSelection.fitBudget(SOURCE, activity, 2, 1_000_000, 2, true, 1000));
        assertEquals(0, LayerSelection.fitBudget(SOURCE, activity, 2, 50_000, 1, true, 1000),
                "the lowest layer even below its rate");
        assertEquals(0, LayerSelection.fitBudget(SOURCE, activity, 0, 5_000_000, 0, true, 1000), "the tile's ceiling");
    }

    @Test
    void goingUpNeedsHeadroomAndTheHoldOver() {
        arrivingAtRates();
        assertEquals(1, LayerSelection.fitBudget(SOURCE, activity, 2, 600_000, 1, true, 1000), "staying needs no headroom");
        assertEquals(0, LayerSelection.fitBudget(SOURCE, activity, 2, 600_000, 0, true, 1000),
                "up from 0 needs 125 % of 500 kbit/s");
        assertEquals(1, LayerSelection.fitBudget(SOURCE, activity, 2, 700_000, 0, true, 1000));
        assertEquals(0, LayerSelection.fitBudget(SOURCE, activity, 2, 700_000, 0, false, 1000), "during the hold");
    }
}
