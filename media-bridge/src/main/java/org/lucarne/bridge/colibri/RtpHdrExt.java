package org.lucarne.bridge.colibri;

import java.util.Objects;

/** One RTP header extension of a media line ({@code rtp-hdrexts[i]}): its id (a JSON number, 1 to 255) and URI. */
public record RtpHdrExt(int id, String uri) {
    public RtpHdrExt {
        Objects.requireNonNull(uri, "uri");
    }
}
