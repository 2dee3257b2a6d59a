package org.lucarne.bridge.bench;

import java.util.List;

/**
 * What each synthetic peer sends: Opus-sized audio and VP8-sized video, the video as one layer
 * or as the three simulcast layers of a 720p camera (each on its own SSRC, low to high).
 */
enum Traffic {
    ONE_LAYER(List.of(SyntheticStream.Shape.VIDEO)),
    SIMULCAST(List.of(SyntheticStream.Shape.LAYER_180P, SyntheticStream.Shape.LAYER_360P,
            SyntheticStream.Shape.LAYER_720P));

    /** The video layers, low to high; an SFU is expected to forward the last. */
    final List<SyntheticStream.Shape> videoLayers;

    Traffic(List<SyntheticStream.Shape> videoLayers) {
        this.videoLayers = videoLayers;
    }

    boolean simulcast() {
        return videoLayers.size() > 1;
    }

    /** Media packets a second each peer sends. */
    int packetsPerSecond() {
        return rate(SyntheticStream.Shape.AUDIO) + videoLayers.stream().mapToInt(Traffic::rate).sum();
    }

    /** Media packets a second an SFU forwards to each receiver: audio and the top layer. */
    int forwardedPerSecond() {
        return rate(SyntheticStream.Shape.AUDIO) + rate(videoLayers.get(videoLayers.size() - 1));
    }

    private static int rate(SyntheticStream.Shape s) {
        return (int) Math.round(s.packetsPerFrame() * 1e9 / s.frameNanos());
    }
}
