package org.lucarne.signaling.call;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.lucarne.bridge.colibri.IceUdpTransport;
import org.lucarne.bridge.colibri.Sources;
import org.lucarne.bridge.sdp.EndpointAnswer;
import org.lucarne.bridge.sdp.EndpointNegotiation;
import org.lucarne.bridge.sdp.OfferLayout;

/**
 * One participant's endpoint on the bridge, from {@code joined} to the next {@code joined}: the
 * bridge's transport, the offer/answer state, and what the bridge was told of the browser.
 */
final class MediaSession {
    final String endpointId;
    final IceUdpTransport bridgeTransport;
    final EndpointNegotiation negotiation;
    /** The revision of the offer waiting for an answer, or 0. */
    long outstandingRevision;
    /** Something changed while an offer was out: offer again after its answer. */
    boolean offerAgain;
    /** The last accepted answer, or null before the first. */
    EndpointAnswer answer;
    Instant answeredAt;
    IceUdpTransport toldTransport;
    Sources toldSources;
    /** What the bridge was last told of the tiles' heights, by endpoint id, and when; null before. */
    Map<String, Integer> toldHeights;
    Instant heightsToldAt;
    /** A change of heights waits for {@link CallMedia#HEIGHTS_INTERVAL} to pass. */
    boolean heightsPending;

    MediaSession(String endpointId, IceUdpTransport bridgeTransport, long sessionId) {
        this.endpointId = Objects.requireNonNull(endpointId, "endpointId");
        this.bridgeTransport = Objects.requireNonNull(bridgeTransport, "bridgeTransport");
        this.negotiation = new EndpointNegotiation(endpointId, sessionId);
    }

    /** The browser's own sources from its last answer, or null before the first. */
    Sources sources() {
        return answer == null ? null : answer.sources(endpointId);
    }

    /** The browser receives every one of {@code ssrcs} in its last answered layout. */
    boolean receives(List<Long> ssrcs) {
        Set<Long> received = new HashSet<>();
        for (OfferLayout.MSection s : negotiation.layout().sections()) {
            if (s.remote() != null) {
                received.addAll(s.remote().ssrcs());
            }
        }
        return received.containsAll(ssrcs);
    }
}
