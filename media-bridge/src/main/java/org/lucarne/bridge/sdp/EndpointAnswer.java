package org.lucarne.bridge.sdp;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.lucarne.bridge.colibri.IceUdpTransport;
import org.lucarne.bridge.colibri.MediaSource;
import org.lucarne.bridge.colibri.MediaType;
import org.lucarne.bridge.colibri.Source;
import org.lucarne.bridge.colibri.Sources;
import org.lucarne.bridge.colibri.SsrcGroup;

/**
 * What the focus tells the bridge from an endpoint's answer: its ICE and DTLS parameters, and the
 * SSRCs it sends.
 *
 * @param transport   ufrag, pwd, rtcp-mux, the fingerprints with the endpoint's DTLS role (its
 *                    {@code a=setup}), its usable candidates: a Colibri2 {@code transport.transport}
 * @param audioSsrcs  the SSRCs of its sending audio m-section, in order of appearance
 * @param videoSsrcs  the SSRCs of its sending video m-section, the primary SSRC first
 * @param ssrcGroups  the SSRC groups of its sending m-sections ({@code FID}: a primary and its RTX)
 */
public record EndpointAnswer(IceUdpTransport transport, List<Long> audioSsrcs, List<Long> videoSsrcs,
                             List<SsrcGroup> ssrcGroups) {
    public EndpointAnswer {
        Objects.requireNonNull(transport, "transport");
        audioSsrcs = List.copyOf(audioSsrcs);
        videoSsrcs = List.copyOf(videoSsrcs);
        ssrcGroups = List.copyOf(ssrcGroups);
    }

    /**
     * The endpoint's sources for a Colibri2 PATCH, named as JVB names them: {@code <endpoint>-a0} and
     * {@code <endpoint>-v0}, each SSRC with the msid other endpoints will be offered (stream =
     * endpoint id, RFC 8830 §2) and the camera's {@code video-type}.
     */
    public Sources sources(String endpointId) {
        List<MediaSource> sources = new ArrayList<>(2);
        if (!audioSsrcs.isEmpty()) {
            sources.add(source(endpointId, MediaType.AUDIO, endpointId + "-a0", audioSsrcs));
        }
        if (!videoSsrcs.isEmpty()) {
            sources.add(source(endpointId, MediaType.VIDEO, endpointId + "-v0", videoSsrcs));
        }
        return new Sources(sources);
    }

    private MediaSource source(String endpointId, MediaType type, String id, List<Long> ssrcs) {
        Map<String, String> msid = Map.of("msid", endpointId + " " + id);
        List<Source> list = new ArrayList<>();
        for (int i = 0; i < ssrcs.size(); i++) {
            String videoType = type == MediaType.VIDEO && i == 0 ? "camera" : null;
            list.add(new Source(ssrcs.get(i), id, videoType, null, msid));
        }
        List<SsrcGroup> groups = ssrcGroups.stream().filter(g -> ssrcs.containsAll(g.sources())).toList();
        return new MediaSource(type, id, list, groups);
    }
}
