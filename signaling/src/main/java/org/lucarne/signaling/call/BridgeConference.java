package org.lucarne.signaling.call;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.lucarne.bridge.colibri.ConferenceModified;
import org.lucarne.bridge.colibri.ConferenceModify;
import org.lucarne.bridge.colibri.Endpoint;
import org.lucarne.bridge.colibri.IceUdpTransport;
import org.lucarne.bridge.colibri.Sources;
import org.lucarne.bridge.colibri.Transport;
import org.lucarne.bridge.sdp.CallCodecs;
import org.lucarne.signaling.call.bridge.Bridge;
import org.lucarne.signaling.call.bridge.BridgeException;
import org.lucarne.signaling.call.bridge.Colibri2Client;

/**
 * A visit's conference on one bridge, as Jicofo drives JVB (doc/rest-colibri2.md): created with its
 * first endpoint, one endpoint per media session, expired when the call empties or ends.
 */
final class BridgeConference {
    /** JVB's "source-names" capability: sources are named, as our offers name them. */
    private static final List<String> CAPABILITIES = List.of("source-names");

    private final Colibri2Client client;
    private final String meetingId;
    private boolean created;
    /** The bridge announced Lucarne's video heights in its answer to the last allocation. */
    private boolean takesVideoHeights;

    BridgeConference(Colibri2Client client, String meetingId) {
        this.client = Objects.requireNonNull(client, "client");
        this.meetingId = Objects.requireNonNull(meetingId, "meetingId");
    }

    Bridge bridge() {
        return client.bridge();
    }

    String meetingId() {
        return meetingId;
    }

    /**
     * Allocates an endpoint; the bridge controls ICE since its transport goes out in our offer
     * (RFC 8445 §6.1.1). The first one creates the conference.
     *
     * @return the bridge's ICE and DTLS parameters for the endpoint
     */
    IceUdpTransport allocate(String endpointId) throws BridgeException {
        Endpoint allocate = new Endpoint(endpointId, true, false, CallCodecs.medias(),
                new Transport(true, false, null), null, CAPABILITIES);
        ConferenceModified answer = created
                ? client.addEndpoint(meetingId, allocate)
                : client.createConference(new ConferenceModify(meetingId, null, true, false, List.of(allocate)));
        created = true;
        for (Endpoint e : answer.endpoints()) {
            if (e.id().equals(endpointId) && e.transport() != null && e.transport().iceUdp() != null) {
                takesVideoHeights = e.capabilities().contains(Endpoint.VIDEO_HEIGHTS);
                return e.transport().iceUdp();
            }
        }
        throw new IllegalStateException(client.bridge().name() + " allocated no ICE transport for endpoint "
                + endpointId + " (no endpoints[id].transport.transport in its answer)");
    }

    /** Tells the bridge the browser's transport, its sources, or both (a null one is left as it is). */
    void update(String endpointId, IceUdpTransport transport, Sources sources) throws BridgeException {
        client.updateEndpoint(meetingId, new Endpoint(endpointId, false, false, List.of(),
                transport == null ? null : new Transport(true, false, transport), sources, List.of()));
    }

    /**
     * Tells the bridge how tall the endpoint shows each other endpoint (Lucarne's Colibri2 extension,
     * docs/colibri2.md); does nothing on a bridge that did not announce it (a JVB).
     */
    void videoHeights(String endpointId, Map<String, Integer> heights) throws BridgeException {
        if (takesVideoHeights) {
            client.updateEndpoint(meetingId, new Endpoint(endpointId, false, false, List.of(), null, null, List.of(),
                    heights));
        }
    }

    /** The bridge announced Lucarne's video heights when it allocated the last endpoint. */
    boolean takesVideoHeights() {
        return takesVideoHeights;
    }

    void expireEndpoint(String endpointId) throws BridgeException {
        if (created) {
            client.expireEndpoint(meetingId, endpointId);
        }
    }

    void expire() throws BridgeException {
        if (created) {
            created = false;
            client.expireConference(meetingId);
        }
    }
}
