package org.lucarne.bridge.conference;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.lucarne.bridge.colibri.ConferenceModified;
import org.lucarne.bridge.colibri.ConferenceModify;
import org.lucarne.bridge.colibri.Endpoint;
import org.lucarne.bridge.colibri.IceUdpTransport;
import org.lucarne.bridge.colibri.Sources;
import org.lucarne.bridge.colibri.Transport;
import org.lucarne.bridge.forward.ConferenceRouter;
import org.lucarne.bridge.forward.RouterEndpoint;
import org.lucarne.bridge.transport.EndpointTransport;
import org.lucarne.bridge.transport.TransportContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One conference (a meeting id): its endpoints and the router that forwards between them. Requests
 * are applied one at a time; each is checked whole before anything changes.
 */
public final class Conference {
    private static final Logger LOG = LoggerFactory.getLogger(Conference.class);

    private final String meetingId;
    private final ConferenceRouter router;
    private final TransportContext transports;
    private final Sources feedback;
    private final Clock clock;
    private final Consumer<Map<String, Long>> retiredDrops;
    private final Map<String, ConferenceEndpoint> endpoints = new LinkedHashMap<>();
    private Instant emptySince;
    private boolean closed;

    /**
     * @param retiredDrops receives the drop counters of each transport as it closes, so that the
     *                     bridge's totals survive its endpoints
     */
    Conference(String meetingId, ConferenceRouter router, TransportContext transports, Sources feedback, Clock clock,
               Consumer<Map<String, Long>> retiredDrops) {
        this.retiredDrops = retiredDrops;
        this.meetingId = meetingId;
        this.router = router;
        this.transports = transports;
        this.feedback = feedback;
        this.clock = clock;
        this.emptySince = clock.instant();
    }

    public String meetingId() {
        return meetingId;
    }

    public synchronized int endpointCount() {
        return endpoints.size();
    }

    synchronized boolean isClosed() {
        return closed;
    }

    /**
     * Applies a request that does not expire the conference.
     *
     * @param creating the conference is being created by this request (the answer then carries the
     *                 feedback sources, as when an endpoint is created)
     */
    synchronized ConferenceModified apply(ConferenceModify request, boolean creating) throws ConferenceRequestException {
        if (closed) {
            throw ConferenceRequestException.notFound("Conference not found for meeting-id " + meetingId);
        }
        RequestCheck.check(request, endpoints);
        List<Endpoint> answers = new ArrayList<>();
        boolean anyCreated = false;
        List<Endpoint> list = request.endpoints();
        for (int i = 0; i < list.size(); i++) {
            Endpoint e = list.get(i);
            if (e.expire()) {
                expireEndpoint(e.id(), "expired by request");
                answers.add(Endpoint.expire(e.id()));
            } else if (e.create()) {
                answers.add(create(i, e));
                anyCreated = true;
            } else {
                answers.add(modify(i, endpoints.get(e.id()), e));
            }
        }
        // JVB answers with its feedback sources whenever a conference or an endpoint is created.
        return new ConferenceModified(answers, creating || anyCreated ? feedback : null);
    }

    private Endpoint create(int index, Endpoint request) throws ConferenceRequestException {
        DeferredSender sender = new DeferredSender();
        RouterEndpoint routed = router.addEndpoint(request.id(), sender);
        EndpointTransport transport;
        try {
            transport = EndpointTransport.create(transports, request.transport().iceControlling(), routed);
        } catch (IOException | RuntimeException e) {
            router.removeEndpoint(request.id());
            LOG.warn("conference {}: no transport for endpoint {}: {}", meetingId, request.id(), e.toString());
            throw ConferenceRequestException.failed("could not allocate a transport for endpoint " + request.id());
        }
        sender.bind(transport);
        ConferenceEndpoint endpoint = new ConferenceEndpoint(request.id(), transport, routed);
        try {
            update(index, endpoint, request, true);
        } catch (ConferenceRequestException | RuntimeException e) {
            transport.close();
            router.removeEndpoint(request.id());
            throw e;
        }
        IceUdpTransport local = transport.localDescription();
        endpoints.put(request.id(), endpoint);
        emptySince = null;
        // The capability tells a focus it may send Lucarne's video heights (docs/colibri2.md).
        return new Endpoint(request.id(), false, false, List.of(), new Transport(false, false, local), null,
                List.of(Endpoint.VIDEO_HEIGHTS));
    }

    /**
     * Updates an existing endpoint. When the request restarted ICE (a new remote ufrag), the bridge's
     * new local credentials are in the answer, since the focus must put them in its next offer.
     */
    private Endpoint modify(int index, ConferenceEndpoint existing, Endpoint request) throws ConferenceRequestException {
        Transport answer = null;
        if (existing != null) {
            String ufragBefore = existing.transport().localDescription().ufrag();
            update(index, existing, request, false);
            IceUdpTransport local = existing.transport().localDescription();
            if (!local.ufrag().equals(ufragBefore)) {
                answer = new Transport(false, false, local);
            }
        }
        return new Endpoint(request.id(), false, false, List.of(), answer, null, List.of());
    }

    /** Transport first: it is the one step that may refuse, and refuses without changing anything. */
    private void update(int index, ConferenceEndpoint endpoint, Endpoint request, boolean created)
            throws ConferenceRequestException {
        if (request.transport() != null && request.transport().iceUdp() != null) {
            try {
                endpoint.transport().connect(request.transport().iceUdp());
            } catch (IllegalArgumentException e) {
                throw ConferenceRequestException.badRequest("endpoints[" + index + "].transport.transport."
                        + e.getMessage());
            }
        }
        if (created || !request.medias().isEmpty()) {
            endpoint.routed().setMedias(request.medias());
        }
        if (request.sources() != null) {
            endpoint.sources(request.sources().mediaSources());
        }
        if (request.videoHeights() != null) {
            endpoint.routed().setVideoHeights(request.videoHeights());
        }
    }

    private void expireEndpoint(String id, String why) {
        ConferenceEndpoint endpoint = endpoints.remove(id);
        if (endpoint == null) {
            return;
        }
        try {
            endpoint.transport().close();
            retiredDrops.accept(endpoint.transport().droppedDatagrams());
        } finally {
            router.removeEndpoint(id);
        }
        LOG.info("conference {}: endpoint {} {}", meetingId, id, why);
        if (endpoints.isEmpty()) {
            emptySince = clock.instant();
        }
    }

    /** Adds the drop counters of the live transports to {@code totals}. */
    synchronized void addTransportDrops(Map<String, Long> totals) {
        for (ConferenceEndpoint e : endpoints.values()) {
            e.transport().droppedDatagrams().forEach((k, v) -> totals.merge(k, v, Long::sum));
        }
    }

    /** Expires the endpoints silent for longer than {@code expire}; returns how many. */
    synchronized int expireSilentEndpoints(Instant now, Duration expire) {
        Instant limit = now.minus(expire);
        List<String> silent = new ArrayList<>();
        for (ConferenceEndpoint e : endpoints.values()) {
            if (e.lastActivity().isBefore(limit)) {
                silent.add(e.id());
            }
        }
        silent.forEach(id -> expireEndpoint(id, "expired after " + expire.toSeconds() + " s without activity"));
        return silent.size();
    }

    /** Whether the conference has had no endpoint for longer than {@code expire}. */
    synchronized boolean emptyLongerThan(Instant now, Duration expire) {
        return endpoints.isEmpty() && emptySince != null && emptySince.isBefore(now.minus(expire));
    }

    /** Expires every endpoint and closes the router. Idempotent. */
    synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (String id : List.copyOf(endpoints.keySet())) {
            try {
                expireEndpoint(id, "expired with its conference");
            } catch (RuntimeException e) {
                LOG.warn("conference {}: closing endpoint {} failed: {}", meetingId, id, e.toString());
            }
        }
        router.close();
    }
}
