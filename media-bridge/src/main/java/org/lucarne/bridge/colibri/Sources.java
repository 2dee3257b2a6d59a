package org.lucarne.bridge.colibri;

import java.util.List;

/**
 * A set of media sources ({@code sources}, a JSON array). Present but empty means "no sources";
 * where a source set is optional, absence is a null {@code Sources}.
 */
public record Sources(List<MediaSource> mediaSources) {
    public Sources {
        mediaSources = Copies.list(mediaSources);
    }
}
