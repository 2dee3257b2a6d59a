package org.lucarne.bridge.colibri;

import java.util.List;
import java.util.Objects;

/**
 * One media line of an endpoint ({@code medias[i]}): its codecs and RTP header extensions.
 *
 * @param extmapAllowMixed one- and two-byte header extensions may be mixed (RFC 8285 §6);
 *                         written as {@code extmap-allow-mixed: true} only when true
 */
public record Media(MediaType type, List<PayloadType> payloadTypes, List<RtpHdrExt> rtpHdrExts,
                    boolean extmapAllowMixed) {
    public Media {
        Objects.requireNonNull(type, "type");
        payloadTypes = Copies.list(payloadTypes);
        rtpHdrExts = Copies.list(rtpHdrExts);
    }
}
