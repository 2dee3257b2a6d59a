package org.lucarne.bridge.forward;

import java.util.Arrays;

/**
 * Which layers of one sender's simulcast source are arriving, and how tall each one's pictures are
 * (read from its keyframes, RFC 6386 §9.1). A browser stops sending its upper layers when its
 * bandwidth estimate or its camera cannot feed them; a layer silent for {@value #ACTIVE_MILLIS} ms
 * is not chosen. Written and read on the sender's worker only.
 */
final class LayerActivity {
    static final long ACTIVE_MILLIS = 1000;

    private final long[] lastMillis = new long[SimulcastSource.MAX_LAYERS];
    private final boolean[] seen = new boolean[SimulcastSource.MAX_LAYERS];
    private final int[] heights = new int[SimulcastSource.MAX_LAYERS];

    LayerActivity() {
        Arrays.fill(heights, -1);
    }

    /** A media packet of {@code layer}; {@code keyframeHeight} when it starts a keyframe, else -1. */
    void packet(int layer, long nowMillis, int keyframeHeight) {
        lastMillis[layer] = nowMillis;
        seen[layer] = true;
        if (keyframeHeight > 0) {
            heights[layer] = keyframeHeight;
        }
    }

    boolean active(int layer, long nowMillis) {
        return seen[layer] && nowMillis - lastMillis[layer] < ACTIVE_MILLIS;
    }

    /** The height of the layer's last keyframe, or -1 before its first. */
    int height(int layer) {
        return heights[layer];
    }
}
