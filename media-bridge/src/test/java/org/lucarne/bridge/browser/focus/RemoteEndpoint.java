package org.lucarne.bridge.browser.focus;

import java.util.Objects;
import org.lucarne.bridge.colibri.MediaSource;
import org.lucarne.bridge.colibri.MediaType;

/**
 * Another participant as a page sees it in its offer: one microphone and one camera source, each
 * with its SSRCs (the camera with its RTX SSRC in an FID group) and the msid the page will see.
 */
public record RemoteEndpoint(String id, MediaSource audio, MediaSource video) {
    public RemoteEndpoint {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(audio, "audio");
        Objects.requireNonNull(video, "video");
        if (audio.type() != MediaType.AUDIO || video.type() != MediaType.VIDEO) {
            throw new IllegalArgumentException(id + ": audio and video sources are swapped");
        }
        if (audio.sources().isEmpty() || video.sources().isEmpty()) {
            throw new IllegalArgumentException(id + ": a source without SSRCs cannot be offered");
        }
    }

    public MediaSource source(MediaType type) {
        return type == MediaType.AUDIO ? audio : video;
    }
}
