package org.lucarne.signaling.call;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.lucarne.bridge.colibri.IceUdpTransport;
import org.lucarne.bridge.sdp.EndpointAnswer;
import org.lucarne.bridge.sdp.InvalidAnswerException;
import org.lucarne.bridge.sdp.RemoteSource;
import org.lucarne.signaling.call.bridge.Bridge;
import org.lucarne.signaling.call.bridge.BridgeException;
import org.lucarne.signaling.call.bridge.NoBridgeAvailableException;
import org.lucarne.signaling.ws.protocol.CallMessage;
import org.lucarne.signaling.ws.protocol.ErrorCode;
import org.lucarne.signaling.ws.protocol.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The media side of one visit's call: its conference on a bridge, each participant's media
 * session, the offers and answers (docs/protocol.md, steps 5, 6 and 9), and the move to another
 * bridge when one fails. Runs on the visit's executor, like {@link VisitCall}.
 */
final class CallMedia {
    private static final Logger LOG = LoggerFactory.getLogger(CallMedia.class);
    /** How long a newcomer's sources wait for every other browser's answer before the bridge gets them anyway. */
    static final Duration SOURCES_WAIT = Duration.ofSeconds(3);
    /** The least time between two updates of one endpoint's tile heights on the bridge: a page being resized sends many. */
    static final Duration HEIGHTS_INTERVAL = Duration.ofSeconds(1);

    private final String visitId;
    private final CallContext ctx;
    private final SerialExecutor queue;
    /** The visit's participants in the call, owned by {@link VisitCall}. */
    private final Map<String, Participant> inCall;
    private BridgeConference conference;
    /** No bridge was available: sessions start again when one comes back. */
    private boolean waitingForBridge;
    /** Media sessions are being started again on a new conference; one lost now is not made again. */
    private boolean relocating;

    CallMedia(String visitId, CallContext ctx, SerialExecutor queue, Map<String, Participant> inCall) {
        this.visitId = Objects.requireNonNull(visitId, "visitId");
        this.ctx = Objects.requireNonNull(ctx, "ctx");
        this.queue = Objects.requireNonNull(queue, "queue");
        this.inCall = Objects.requireNonNull(inCall, "inCall");
    }


    /** A new endpoint for the participant, then {@code sdp_offer}; the old endpoint, if any, is expired. */
    void start(Participant p) {
        BridgeConference before = conference;
        drop(p);
        if (conference != before) {
            return; // expiring the old endpoint found the conference lost: relocate() started everyone's media
        }
        if (!p.connected() || !ensureConference()) {
            return;
        }
        String endpointId = p.nextEndpointId();
        IceUdpTransport transport;
        try {
            transport = conference.allocate(endpointId);
        } catch (BridgeException e) {
            if (!lost(e)) {
                // Not the participant's doing: the page says the call could not start, the log says why.
                p.send(new Message.Error(ErrorCode.INTERNAL, "the media bridge refused to set up this call"));
            }
            bridgeFailed(e);
            return;
        }
        p.media = new MediaSession(endpointId, transport, ctx.random().nextLong() >>> 1);
        offer(p);
    }

    /** A session started again on demand: {@code joined} again, then a fresh offer (unless no bridge is up yet). */
    void restart(Participant p) {
        if (waitingForBridge) {
            return;
        }
        p.send(ctx.joined(visitId, p.id));
        start(p);
    }

    void offer(Participant p) {
        MediaSession m = p.media;
        if (m == null || !p.connected()) {
            return;
        }
        if (m.outstandingRevision != 0) {
            m.offerAgain = true;
            return;
        }
        List<RemoteSource> remotes = new ArrayList<>();
        for (Participant o : inCall.values()) {
            if (o != p && o.media != null && o.media.answer != null) {
                remotes.addAll(RemoteSource.of(o.media.endpointId, o.media.sources()));
            }
        }
        String sdp = m.negotiation.offer(m.bridgeTransport, remotes);
        m.outstandingRevision = ++p.revision;
        p.send(new CallMessage.SdpOffer(visitId, p.revision, sdp));
    }

    /** The browser's {@code sdp_answer}: checked against the offer, then its transport and sources to the bridge. */
    void answer(Participant p, long revision, String sdp) {
        MediaSession m = p.media;
        if (m == null || m.outstandingRevision == 0 || revision != m.outstandingRevision) {
            p.send(new Message.Error(ErrorCode.STALE_REVISION, "this answer is to revision " + revision
                    + ", which is not the offer waiting for an answer; answer the newest offer"));
            return;
        }
        EndpointAnswer answer;
        try {
            answer = m.negotiation.answer(sdp);
        } catch (InvalidAnswerException e) {
            p.send(new Message.Error(ErrorCode.SDP_INVALID, "the SDP answer cannot be used: " + e.getMessage()));
            return;
        }
        boolean firstAnswer = m.answer == null;
        boolean sourcesChanged = !firstAnswer && !answer.sources(m.endpointId).equals(m.sources());
        m.outstandingRevision = 0;
        m.answer = answer;
        m.answeredAt = ctx.clock().instant();
        try {
            if (!answer.transport().equals(m.toldTransport)) {
                conference.update(m.endpointId, answer.transport(), null);
                m.toldTransport = answer.transport();
            }
        } catch (BridgeException e) {
            bridgeFailed(e);
            return;
        }
        if (firstAnswer || sourcesChanged) {
            // Everyone else is offered the newcomer's sources; the bridge gets them once all answered.
            inCall.values().stream().filter(o -> o != p).forEach(this::offer);
            ctx.schedule(queue, SOURCES_WAIT, this::tellBridgeSources);
        }
        if (firstAnswer) {
            // A new endpoint: its own wishes, and the others' about it, go to the bridge under its new id.
            new ArrayList<>(inCall.values()).forEach(this::tellBridgeHeights);
        }
        if (m.offerAgain) {
            m.offerAgain = false;
            offer(p);
        }
        tellBridgeSources();
    }

    /**
     * Gives the bridge each browser's sources once every other connected browser has answered an
     * offer that has them (or {@link #SOURCES_WAIT} has passed): a browser never gets RTP from an
     * SSRC it was not offered, which Chromium could bind to the wrong m-section (RFC 8843 §9.2).
     */
    private void tellBridgeSources() {
        if (conference == null) {
            return;
        }
        for (Participant p : new ArrayList<>(inCall.values())) {
            MediaSession m = p.media;
            if (m == null || m.answer == null || m.sources().equals(m.toldSources)) {
                continue;
            }
            // What the others are offered of it: of a simulcast camera, the first layer and its RTX only.
            List<Long> ssrcs = RemoteSource.of(m.endpointId, m.sources()).stream()
                    .flatMap(r -> r.ssrcs().stream()).toList();
            boolean waited = !ctx.clock().instant().isBefore(m.answeredAt.plus(SOURCES_WAIT));
            boolean everyoneHasThem = inCall.values().stream().filter(o -> o != p && o.connected() && o.media != null)
                    .allMatch(o -> o.media.receives(ssrcs));
            if (everyoneHasThem || waited) {
                try {
                    conference.update(m.endpointId, null, m.sources());
                    m.toldSources = m.sources();
                } catch (BridgeException e) {
                    bridgeFailed(e);
                    return;
                }
            }
        }
    }

    /** The participant's {@code video_sizes}: kept, and told to the bridge (at most every {@link #HEIGHTS_INTERVAL}). */
    void videoSizes(Participant p, List<CallMessage.TileSize> sizes) {
        Map<String, Integer> heights = new LinkedHashMap<>();
        sizes.forEach(s -> heights.put(s.participant(), s.height()));
        p.videoHeights = Collections.unmodifiableMap(heights);
        tellBridgeHeights(p);
    }

    /** The participant's tile heights by the endpoint ids of the others' current sessions, to the bridge when changed. */
    private void tellBridgeHeights(Participant p) {
        MediaSession m = p.media;
        if (m == null || m.answer == null || conference == null || m.heightsPending) {
            return;
        }
        Instant now = ctx.clock().instant();
        if (m.heightsToldAt != null && now.isBefore(m.heightsToldAt.plus(HEIGHTS_INTERVAL))) {
            m.heightsPending = true;
            ctx.schedule(queue, Duration.between(now, m.heightsToldAt.plus(HEIGHTS_INTERVAL)), () -> {
                m.heightsPending = false;
                if (p.media == m) {
                    tellBridgeHeights(p);
                }
            });
            return;
        }
        Map<String, Integer> byEndpoint = new LinkedHashMap<>();
        p.videoHeights.forEach((participant, height) -> {
            Participant o = inCall.get(participant);
            if (o != null && o != p && o.media != null) {
                byEndpoint.put(o.media.endpointId, height);
            }
        });
        if (byEndpoint.equals(m.toldHeights)) {
            return;
        }
        try {
            conference.videoHeights(m.endpointId, byEndpoint);
            m.toldHeights = byEndpoint;
            m.heightsToldAt = now;
        } catch (BridgeException e) {
            bridgeFailed(e);
        }
    }

    /** Expires the participant's endpoint, if any; the bridge stops sending their media to the others. */
    void drop(Participant p) {
        MediaSession m = p.media;
        p.media = null;
        if (m == null || conference == null) {
            return;
        }
        try {
            conference.expireEndpoint(m.endpointId);
        } catch (BridgeException e) {
            if (lost(e)) {
                bridgeFailed(e);
            } else {
                LOG.warn("visit {}: the bridge refused to expire endpoint {}: {}", visitId, m.endpointId,
                        e.getMessage());
            }
        }
    }


    private boolean ensureConference() {
        if (conference != null) {
            return true;
        }
        try {
            conference = new BridgeConference(ctx.bridges().choose(), ctx.newMeetingId());
            waitingForBridge = false;
            return true;
        } catch (NoBridgeAvailableException e) {
            if (!waitingForBridge) {
                LOG.warn("visit {}: no media bridge for the call, waiting for one: {}", visitId, e.getMessage());
            }
            waitingForBridge = true;
            return false;
        }
    }

    /**
     * A request to the conference's bridge failed. If the bridge is gone or lost the conference,
     * the call moves: a new conference (on the least loaded healthy bridge) and a fresh media
     * session for everyone. A refusal is a bug here: logged, the call goes on as it can.
     */
    private void bridgeFailed(BridgeException e) {
        if (!lost(e)) {
            LOG.error("visit {}: the media bridge refused a request: {}", visitId, e.getMessage());
            return;
        }
        if (relocating && e.kind() == BridgeException.Kind.CONFERENCE_GONE) {
            // A conference just created is unknown already: making it again would loop.
            LOG.error("visit {}: the media bridge lost the conference it just created: {}", visitId, e.getMessage());
            return;
        }
        LOG.warn("visit {}: moving the call off its media bridge: {}", visitId, e.getMessage());
        relocate();
    }

    /** The bridge is gone, or forgot the conference (JVB restarted, doc/rest-colibri2.md: 404): the call starts again. */
    private static boolean lost(BridgeException e) {
        return e.shouldFailOver() || e.kind() == BridgeException.Kind.CONFERENCE_GONE;
    }

    void bridgeDown(Bridge bridge) {
        if (conference != null && conference.bridge().equals(bridge)) {
            LOG.warn("visit {}: media bridge {} is down; moving the call", visitId, bridge.name());
            relocate();
        }
    }

    void bridgeUp() {
        if (waitingForBridge) {
            relocate();
        }
    }

    private void relocate() {
        BridgeConference old = conference;
        conference = null;
        inCall.values().forEach(p -> p.media = null);
        if (old != null) {
            ctx.pool().execute(() -> {
                try {
                    old.expire();
                } catch (BridgeException ignored) {
                    // Gone with its bridge.
                }
            });
        }
        if (inCall.isEmpty() || !ensureConference()) {
            return;
        }
        BridgeConference fresh = conference;
        relocating = true;
        try {
            for (Participant p : new ArrayList<>(inCall.values())) {
                if (p.connected()) {
                    p.send(ctx.joined(visitId, p.id));
                    start(p);
                    if (conference != fresh) {
                        return; // this one failed too: a nested relocate() moved the call again, or it waits
                    }
                }
            }
        } finally {
            relocating = false;
        }
    }

    void expire() {
        BridgeConference old = conference;
        conference = null;
        waitingForBridge = false;
        if (old != null) {
            try {
                old.expire();
            } catch (BridgeException e) {
                LOG.info("visit {}: expiring the conference failed ({}); the bridge expires it by itself",
                        visitId, e.getMessage());
            }
        }
    }
}
