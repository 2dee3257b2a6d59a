package org.lucarne.bridge.forward;

import java.util.Arrays;

/**
 * Which layers of one sender's simulcast source are arriving, and how tall each one's pictures are
 * (read from its keyframes, RFC 6386 §9.1). A browser stops sending its upper layers when its
 * bandwidth estimate or its camera cannot feed them; a layer silent for {@value #ACTIVE_MILLIS} ms
 * is not chosen. Each layer's bitrate is measured over windows of {@value #WINDOW_MILLIS} ms (the
 * last full window's), for the choice by bandwidth. Written and read on the sender's worker only.
 */
final class LayerActivity {
    static final long ACTIVE_MILLIS = 1000;
    static final long WINDOW_MILLIS = 1000;

    private final long[] lastMillis = new long[SimulcastSource.MAX_LAYERS];
    private final boolean[] seen = new boolean[SimulcastSource.MAX_LAYERS];
    private final int[] heights = new int[SimulcastSource.MAX_LAYERS];
    private final long[] windowBytes = new long[SimulcastSource.MAX_LAYERS];
    private final long[] bitrates = new long[SimulcastSource.MAX_LAYERS];
    private long windowStart = -1;

    LayerActivity() {
        Arrays.fill(heights, -1);
    }

    /** A media packet of {@code layer}; {@code keyframeHeight} when it starts a keyframe, else -1. */
    void packet(int layer, long nowMillis, int keyframeHeight) {
        packet(layer, nowMillis, keyframeHeight, 0);
    }

    /** The same, counting its {@code bytes} into the layer's bitrate. */
    void packet(int layer, long nowMillis, int keyframeHeight, int bytes) {
        if (windowStart < 0) {
            windowStart = nowMillis;
        } else if (nowMillis - windowStart >= WINDOW_MILLIS) {
            long span = nowMillis - windowStart;
            for (int i = 0; i < bitrates.length; i++) {
                bitrates[i] = windowBytes[i] * 8_000 / span;
                windowBytes[i] = 0;
            }
            windowStart = nowMillis;
        }
        windowBytes[layer] += bytes;
        lastMillis[layer] = nowMillis;
        seen[layer] = true;
        if (keyframeHeight > 0) {
            heights[layer] = keyframeHeight;
        }
    }

    boolean active(int layer, long nowMillis) {
        return seen[layer] && nowMillis - lastMillis[layer] < ACTIVE_MILLIS;
    }

    /** The layer's bitrate in bit/s over the last full window, 0 before one. */
    long bitrate(int layer) {
        return bitrates[layer];
    }

    /** The height of the layer's last keyframe, or -1 before its first. */
    int height(int layer) {
        return heights[layer];
    }
}
