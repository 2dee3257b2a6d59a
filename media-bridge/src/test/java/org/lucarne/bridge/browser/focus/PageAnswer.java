package org.lucarne.bridge.browser.focus;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.lucarne.bridge.colibri.IceUdpTransport;
import org.lucarne.bridge.colibri.MediaSource;
import org.lucarne.bridge.colibri.MediaType;
import org.lucarne.bridge.colibri.Source;
import org.lucarne.bridge.colibri.SsrcGroup;

/**
 * What the focus needs from a page's answer: its ICE and DTLS parameters, and the SSRCs it sends.
 *
 * @param transport   ufrag, pwd, rtcp-mux, the fingerprint with the page's setup, its host candidates
 * @param audioSsrcs  the SSRCs of the page's sending audio m-section, in order of appearance
 * @param videoSsrcs  the SSRCs of the page's sending video m-section, the primary SSRC first
 * @param videoGroups the video SSRC groups ({@code FID}: primary and its RTX SSRC)
 */
public record PageAnswer(IceUdpTransport transport, List<Long> audioSsrcs, List<Long> videoSsrcs,
                         List<SsrcGroup> videoGroups) {
    public PageAnswer {
        Objects.requireNonNull(transport, "transport");
        audioSsrcs = List.copyOf(audioSsrcs);
        videoSsrcs = List.copyOf(videoSsrcs);
        videoGroups = List.copyOf(videoGroups);
    }

    /**
     * The page's sources for a Colibri2 PATCH, named as JVB names them: {@code <endpoint>-a0} and
     * {@code <endpoint>-v0}, with the msid other pages will see (stream = endpoint id).
     */
    public List<MediaSource> sources(String endpointId) {
        List<MediaSource> sources = new ArrayList<>(2);
        if (!audioSsrcs.isEmpty()) {
            sources.add(source(endpointId, MediaType.AUDIO, endpointId + "-a0", audioSsrcs, List.of()));
        }
        if (!videoSsrcs.isEmpty()) {
            sources.add(source(endpointId, MediaType.VIDEO, endpointId + "-v0", videoSsrcs, videoGroups));
        }
        return sources;
    }

    private static MediaSource source(String endpointId, MediaType type, String id, List<Long> ssrcs,
                                      List<SsrcGroup> groups) {
        Map<String, String> msid = Map.of("msid", endpointId + " " + id);
        List<Source> list = new ArrayList<>();
        for (int i = 0; i < ssrcs.size(); i++) {
            String videoType = type == MediaType.VIDEO && i == 0 ? "camera" : null;
            list.add(new Source(ssrcs.get(i), id, videoType, null, msid));
        }
        return new MediaSource(type, id, list, groups);
    }
}
