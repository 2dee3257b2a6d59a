package org.lucarne.bridge.forward;

/**
 * Which layer of a simulcast source one receiver should get, in two steps:
 * <ol>
 *   <li>{@link #choose}: among the layers that arrive, the smallest whose pictures are at least as
 *       tall as the receiver shows that sender (so the picture is sharp without sending more than
 *       the tile can show), else the tallest; with no wish, the tallest;</li>
 *   <li>{@link #fitBudget}: of those up to that one, the highest whose bitrate the receiver's
 *       bandwidth carries, with hysteresis.</li>
 * </ol>
 */
final class LayerSelection {
    /** The receiver said nothing about this sender: it gets the best layer there is. */
    static final int NO_WISH = -1;
    /** Moving up needs this much more budget than the layer's bitrate, in percent. */
    static final int UP_HEADROOM_PERCENT = 125;

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

    /**
     * The highest arriving layer up to {@code ceiling} whose bitrate fits {@code budget}, in bit/s for
     * this sender. A layer above {@code current} needs {@value #UP_HEADROOM_PERCENT} % of its bitrate
     * and {@code mayMoveUp}. The lowest arriving layer always fits: below it there is only the
     * sender's own estimate, which thins it. A negative budget (no estimate yet) carries everything.
     */
    static int fitBudget(SimulcastSource source, LayerActivity activity, int ceiling, long budget, int current,
                         boolean mayMoveUp, long nowMillis) {
        if (budget < 0 || ceiling < 0) {
            return ceiling;
        }
        int chosen = -1;
        for (int layer = 0; layer <= ceiling && layer < source.layerCount(); layer++) {
            if (!activity.active(layer, nowMillis)) {
                continue;
            }
            long need = activity.bitrate(layer);
            boolean up = layer > current;
            boolean fits = up ? mayMoveUp && need * UP_HEADROOM_PERCENT / 100 <= budget : need <= budget;
            if (chosen < 0 || fits) {
                chosen = layer;
            }
        }
        return chosen < 0 ? ceiling : chosen;
    }
}
