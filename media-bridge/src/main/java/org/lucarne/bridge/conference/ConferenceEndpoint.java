package org.lucarne.bridge.conference;

import java.time.Instant;
import java.util.List;
import org.lucarne.bridge.colibri.MediaSource;
import org.lucarne.bridge.forward.RouterEndpoint;
import org.lucarne.bridge.transport.EndpointTransport;

/** One endpoint of a {@link Conference}: its transport, its place in the router and its announced sources. */
final class ConferenceEndpoint {
    private final String id;
    private final EndpointTransport transport;
    private final RouterEndpoint routed;
    private List<MediaSource> sources = List.of();

    ConferenceEndpoint(String id, EndpointTransport transport, RouterEndpoint routed) {
        this.id = id;
        this.transport = transport;
        this.routed = routed;
    }

    String id() {
        return id;
    }

    EndpointTransport transport() {
        return transport;
    }

    RouterEndpoint routed() {
        return routed;
    }

    List<MediaSource> sources() {
        return sources;
    }

    void sources(List<MediaSource> announced) {
        routed.setSources(announced);
        this.sources = List.copyOf(announced);
    }

    Instant lastActivity() {
        return routed.lastActivity();
    }
}
