package org.lucarne.bridge.bench;

import java.net.InetSocketAddress;

/**
 * A synthetic peer's side of one transport, for an SDP offer or a Colibri2 PATCH.
 *
 * @param setup      actpass when offering, active when answering an actpass offer
 * @param audioSsrc  the SSRC its Opus-sized stream is sent from
 * @param videoSsrc  the SSRC its VP8-sized stream is sent from
 */
record LocalDescription(String ufrag, String pwd, String sdpFingerprint, String setup, InetSocketAddress candidate,
                        long audioSsrc, long videoSsrc) {
}
