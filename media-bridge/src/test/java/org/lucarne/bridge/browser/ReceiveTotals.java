package org.lucarne.bridge.browser;

/**
 * What a test page's {@code receiveTotals()} measured, summed over its inbound tracks: audio
 * samples received and concealed (lost or late, filled in by the decoder), video frames decoded
 * and the largest frame size received; {@code epochMs} is when, comparable across pages.
 */
public record ReceiveTotals(long concealedSamples, long totalSamplesReceived, long framesDecoded, long frameWidth,
                            long frameHeight, double epochMs) {
}
