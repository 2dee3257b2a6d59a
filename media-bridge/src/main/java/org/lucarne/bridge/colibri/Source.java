package org.lucarne.bridge.colibri;

import java.util.Map;

/**
 * One SSRC of a media source ({@code sources[i].sources[j]}). On the wire it is either a bare
 * number (an SSRC and nothing else) or an object {@code {"ssrc": …, "name": …, "parameters": {…}}};
 * the codec writes the bare number exactly when nothing but the SSRC is set.
 *
 * @param ssrc       0 to 2^32 − 1 (RFC 3550 §5.1), a JSON number
 * @param name       the source's name; may be absent
 * @param videoType  {@code camera} or {@code desktop} ({@code video-type}); may be absent
 * @param rid        the RTP stream id (RFC 8852); may be absent
 * @param parameters further attributes, for example {@code msid}
 */
public record Source(long ssrc, String name, String videoType, String rid, Map<String, String> parameters) {
    public Source {
        parameters = Copies.map(parameters);
    }

    public static Source of(long ssrc) {
        return new Source(ssrc, null, null, null, Map.of());
    }

    boolean isBare() {
        return name == null && videoType == null && rid == null && parameters.isEmpty();
    }
}
