package org.lucarne.bridge.colibri;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One codec of a media line ({@code payload-types[i]}), as in an SDP {@code a=rtpmap},
 * {@code a=fmtp} and {@code a=rtcp-fb}.
 *
 * @param id         the RTP payload type, 0 to 127 (JVB writes it as a string)
 * @param name       the encoding name, for example {@code opus}, {@code VP8}, {@code rtx}
 * @param clockrate  the RTP clock rate in Hz (JVB writes it as a string)
 * @param channels   the audio channel count, absent for video (JVB writes it as a string)
 * @param parameters the fmtp parameters in order; JVB writes a parameter without a name
 *                   (red's {@code 111/111}) under the key {@code "null"}, kept as is here
 * @param rtcpFbs    the RTCP feedback this codec supports
 */
public record PayloadType(int id, String name, long clockrate, Integer channels, Map<String, String> parameters,
                          List<RtcpFb> rtcpFbs) {
    public PayloadType {
        Objects.requireNonNull(name, "name");
        parameters = Copies.map(parameters);
        rtcpFbs = Copies.list(rtcpFbs);
    }
}
