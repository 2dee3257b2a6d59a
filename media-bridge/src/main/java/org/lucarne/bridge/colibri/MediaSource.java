package org.lucarne.bridge.colibri;

import java.util.List;
import java.util.Objects;

/**
 * One logical source of an endpoint ({@code sources[i]}): a microphone or a camera, with the SSRCs
 * that carry it (several with simulcast and RTX) and how those SSRCs group (RFC 5576 §4.2).
 *
 * @param id the source's name, for example {@code 79f0273e-v0}
 */
public record MediaSource(MediaType type, String id, List<Source> sources, List<SsrcGroup> ssrcGroups) {
    public MediaSource {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(id, "id");
        sources = Copies.list(sources);
        ssrcGroups = Copies.list(ssrcGroups);
    }
}
