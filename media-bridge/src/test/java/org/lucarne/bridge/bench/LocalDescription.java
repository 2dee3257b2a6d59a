package org.lucarne.bridge.bench;

import java.net.InetSocketAddress;
import java.util.List;

/**
 * A synthetic peer's side of one transport, for an SDP offer or a Colibri2 PATCH.
 *
 * @param setup      actpass when offering, active when answering an actpass offer
 * @param audioSsrc  the SSRC its Opus-sized stream is sent from
 * @param videoSsrcs the SSRCs its VP8-sized video is sent from: one, or one per simulcast layer, low to high
 */
record LocalDescription(String ufrag, String pwd, String sdpFingerprint, String setup, InetSocketAddress candidate,
                        long audioSsrc, List<Long> videoSsrcs) {
    LocalDescription {
        videoSsrcs = List.copyOf(videoSsrcs);
        if (videoSsrcs.isEmpty() || videoSsrcs.size() > 3) {
            throw new IllegalArgumentException("one video SSRC, or two or three simulcast layers, not " + videoSsrcs);
        }
    }

    /** The video is sent as simulcast layers (an {@code a=ssrc-group:SIM}, RFC 5576 §4.2). */
    boolean simulcast() {
        return videoSsrcs.size() > 1;
    }
}
