package org.lucarne.bridge.colibri;

import java.util.List;
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
 * @param capabilities feature words the endpoint supports (for example {@code source-names})
 */
public record Endpoint(String id, boolean create, boolean expire, List<Media> medias, Transport transport,
                       Sources sources, List<String> capabilities) {
    public Endpoint {
        Objects.requireNonNull(id, "id");
        medias = Copies.list(medias);
        capabilities = Copies.list(capabilities);
    }

    /** An endpoint that only names itself, for example in an expire request. */
    public static Endpoint expire(String id) {
        return new Endpoint(id, false, true, List.of(), null, null, List.of());
    }
}
