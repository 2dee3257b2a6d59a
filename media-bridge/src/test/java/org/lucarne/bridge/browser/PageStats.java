package org.lucarne.bridge.browser;

import java.util.List;
import java.util.Optional;

/**
 * What a test page measured (its {@code stats()}): times are the page's {@code performance.now()}
 * in milliseconds.
 *
 * @param connectedAt      when the peer connection first became connected; null before
 * @param selectedProtocol the selected candidate pair's transport, {@code udp} or {@code tcp}; null before
 * @param tracks           one entry per receiving m-section that has received RTP
 */
public record PageStats(double now, Double connectedAt, String connectionState, String selectedProtocol,
                        List<Track> tracks) {
    public PageStats {
        tracks = tracks == null ? List.of() : List.copyOf(tracks);
    }

    /**
     * One inbound track.
     *
     * @param streamId       the msid stream id of its m-section: the remote endpoint's id
     * @param audioLevel     the audio level now, 0 to 1 (0 between the fake microphone's beeps)
     * @param peakAudioLevel the highest audio level the page sampled (every 20 ms) so far
     * @param firstFrameAt   when its first frame was decoded (video only); null before
     * @param frameHeight    the height of the last decoded frame (video only), 0 before
     * @param freezeCount    how many times the video froze, as Chromium counts it (W3C webrtc-stats)
     * @param totalFreezesDuration how long those freezes lasted in all, in seconds
     * @param concealedSamples     audio samples the decoder had to make up for lost packets (audio only)
     * @param totalSamplesReceived audio samples received, concealed ones included (audio only)
     */
    public record Track(String mid, String kind, long ssrc, String streamId, long packetsReceived, long framesDecoded,
                        long keyFramesDecoded, double audioLevel, double peakAudioLevel, Double firstFrameAt,
                        long frameHeight, long freezeCount, double totalFreezesDuration, long concealedSamples, long totalSamplesReceived) {
    }

    public Optional<Track> from(String remoteEndpoint, String kind) {
        return tracks.stream().filter(t -> remoteEndpoint.equals(t.streamId()) && kind.equals(t.kind())).findFirst();
    }

    public long framesDecodedFrom(String remoteEndpoint) {
        return from(remoteEndpoint, "video").map(Track::framesDecoded).orElse(0L);
    }
}
