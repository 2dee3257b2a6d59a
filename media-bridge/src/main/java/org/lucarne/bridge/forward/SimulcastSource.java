package org.lucarne.bridge.forward;

import java.util.Arrays;
import java.util.List;
import org.lucarne.bridge.colibri.SsrcGroup;

/**
 * One sender's simulcast video source, from its Colibri2 {@code SIM} group (layers low → high, as
 * JVB reads it) and the {@code FID} groups of each layer (RFC 5576 §4.2, RFC 4588 §8). Receivers
 * are offered only the first layer's SSRC and its RTX: whichever layer the bridge forwards goes
 * out on those. Immutable; equal to another with the same SSRCs, so that a sender's sources told
 * again without change keep every receiver's stream as it was.
 */
final class SimulcastSource {
    /** JVB's limit, and Chromium's: at most three spatial layers. */
    static final int MAX_LAYERS = 3;

    private final long[] layers;
    private final long[] rtx;

    private SimulcastSource(long[] layers, long[] rtx) {
        this.layers = layers;
        this.rtx = rtx;
    }

    /** The source a {@code SIM} group of 2 to {@value #MAX_LAYERS} SSRCs describes, or null for any other group. */
    static SimulcastSource of(SsrcGroup sim, List<SsrcGroup> groups) {
        if (!"SIM".equals(sim.semantics()) || sim.sources().size() < 2 || sim.sources().size() > MAX_LAYERS) {
            return null;
        }
        long[] layers = sim.sources().stream().mapToLong(Long::longValue).toArray();
        if (Arrays.stream(layers).distinct().count() != layers.length) {
            return null;
        }
        long[] rtx = new long[layers.length];
        Arrays.fill(rtx, -1);
        for (SsrcGroup g : groups) {
            if ("FID".equals(g.semantics()) && g.sources().size() == 2) {
                for (int i = 0; i < layers.length; i++) {
                    if (g.sources().get(0) == layers[i]) {
                        rtx[i] = g.sources().get(1);
                    }
                }
            }
        }
        return new SimulcastSource(layers, rtx);
    }

    int layerCount() {
        return layers.length;
    }

    /** The SSRC receivers are offered and get every layer on. */
    long primary() {
        return layers[0];
    }

    /** The RTX SSRC receivers are offered, or -1 when the first layer has none. */
    long primaryRtx() {
        return rtx[0];
    }

    long layerSsrc(int layer) {
        return layers[layer];
    }

    long rtxSsrc(int layer) {
        return rtx[layer];
    }

    /** The layer {@code ssrc} carries (media or RTX), or -1. */
    int layerOf(long ssrc) {
        for (int i = 0; i < layers.length; i++) {
            if (layers[i] == ssrc || rtx[i] == ssrc) {
                return i;
            }
        }
        return -1;
    }

    boolean isRtx(long ssrc) {
        for (long r : rtx) {
            if (r == ssrc) {
                return true;
            }
        }
        return false;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SimulcastSource other && Arrays.equals(layers, other.layers) && Arrays.equals(rtx, other.rtx);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(layers) + Arrays.hashCode(rtx);
    }
}
