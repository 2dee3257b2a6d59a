package org.lucarne.bridge.colibri;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One participant's connection to the bridge ({@code endpoints[i]}), in a request or a response.
 *
 * @param id           the endpoint's id, unique in the conference
 * @param create       the endpoint is to be created (written only when true)
 * @param expire       the endpoint is to be removed (written only when true)
 * @param medias       the media lines and codecs the endpoint may send and receive
 * @param transport    ICE and DTLS: the remote side's in a request, the bridge's in a response; may be absent
 * @param sources      the endpoint's sources; absent means "unchanged", an empty list means "none"
 * @param capabilities feature words the endpoint supports (for example {@code source-names}); a
 *                     Lucarne bridge lists {@value #VIDEO_HEIGHTS} in its answer to a create
 * @param videoHeights Lucarne's extension {@value #VIDEO_HEIGHTS}: the tallest picture, in pixels, the
 *                     endpoint shows of each other endpoint (by id), for the choice of simulcast
 *                     layers; null means unchanged. Never sent to a bridge that did not list it
 */
public record Endpoint(String id, boolean create, boolean expire, List<Media> medias, Transport transport,
                       Sources sources, List<String> capabilities, Map<String, Integer> videoHeights) {
    /** The wire name of Lucarne's extension, and the capability word that announces it. */
    public static final String VIDEO_HEIGHTS = "lucarne-video-heights";

    public Endpoint {
        Objects.requireNonNull(id, "id");
        medias = Copies.list(medias);
        capabilities = Copies.list(capabilities);
        if (videoHeights != null) {
            videoHeights.forEach((k, v) -> Objects.requireNonNull(v, "videoHeights of " + k));
            videoHeights = Collections.unmodifiableMap(new LinkedHashMap<>(videoHeights));
        }
    }

    /** An endpoint without Lucarne's extension: what JVB reads and writes. */
    public Endpoint(String id, boolean create, boolean expire, List<Media> medias, Transport transport,
                    Sources sources, List<String> capabilities) {
        this(id, create, expire, medias, transport, sources, capabilities, null);
    }

    /** An endpoint that only names itself, for example in an expire request. */
    public static Endpoint expire(String id) {
        return new Endpoint(id, false, true, List.of(), null, null, List.of(), null);
    }
}
