package org.lucarne.bridge.browser;

/**
 * What a test page's {@code sendStats()} measured on its sending side.
 *
 * @param availableOutgoingBitrate the sender's congestion controller estimate in bit/s (the selected
 *                                 candidate pair's), 0 before there is one
 * @param videoBytesSent           the camera's outbound-rtp bytes so far
 * @param timestamp                the page's {@code performance.now()} in milliseconds
 * @param epochMs                  the same instant in milliseconds since the epoch, comparable across pages
 * @param audioFractionLost        the microphone's loss as the other side (the bridge) last reported it, 0 to 1
 */
public record SendStats(double availableOutgoingBitrate, long videoBytesSent, double timestamp, long frameWidth,
                        long frameHeight, double epochMs, double audioFractionLost) {
}
