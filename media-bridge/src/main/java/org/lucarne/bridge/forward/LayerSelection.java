package org.lucarne.bridge.forward;

/**
 * Which layer of a simulcast source one receiver should get: among the layers that arrive, the
 * smallest whose pictures are at least as tall as the receiver shows that sender (so the picture is
 * sharp without sending more than the tile can show), else the tallest. With no wish, the tallest.
 */
final class LayerSelection {
    /** The receiver said nothing about this sender: it gets the best layer there is. */
    static final int NO_WISH = -1;

    private LayerSelection() {
    }

    /**
     * @param wishHeight the tallest the receiver shows the sender, in pixels, or {@link #NO_WISH}
     * @param current    the layer chosen before, kept when no layer arrives
     * @return the layer, or {@code current} when none arrives
     */
    static int choose(SimulcastSource source, LayerActivity activity, int wishHeight, int current, long nowMillis) {
        int highest = -1;
        for (int layer = 0; layer < source.layerCount(); layer++) {
            if (activity.active(layer, nowMillis)) {
                highest = layer;
            }
        }
        if (highest < 0) {
            return current;
        }
        if (wishHeight == NO_WISH) {
            return highest;
        }
        for (int layer = 0; layer < highest; layer++) {
            int h = activity.height(layer);
            if (activity.active(layer, nowMillis) && h > 0 && h >= wishHeight) {
                return layer;
            }
        }
        return highest;
    }
}
