package org.lucarne.signaling.call;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import org.lucarne.bridge.colibri.IceUdpTransport;
import org.lucarne.bridge.colibri.Sources;
import org.lucarne.bridge.sdp.EndpointAnswer;
import org.lucarne.bridge.sdp.InvalidAnswerException;
import org.lucarne.bridge.sdp.RemoteSource;
import org.lucarne.signaling.call.bridge.Bridge;
import org.lucarne.signaling.call.bridge.BridgeException;
import org.lucarne.signaling.call.bridge.NoBridgeAvailableException;
import org.lucarne.signaling.visit.Visit;
import org.lucarne.signaling.ws.protocol.CallMessage;
import org.lucarne.signaling.ws.protocol.CallMessage.EndReason;
import org.lucarne.signaling.ws.protocol.CallMessage.Role;
import org.lucarne.signaling.ws.protocol.ErrorCode;
import org.lucarne.signaling.ws.protocol.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One live visit (docs/protocol.md, "A visit, in order"): its lobby, the people in the call, the
 * tablet's ring, and the conference on a bridge. Every method runs on the visit's own
 * {@link SerialExecutor}, so the state needs no lock; bridge requests block that executor only.
 */
final class VisitCall {
    private static final Logger LOG = LoggerFactory.getLogger(VisitCall.class);
    /** How long a newcomer's sources wait for every other browser's answer before the bridge gets them anyway. */
    static final Duration SOURCES_WAIT = Duration.ofSeconds(3);

    private final Visit visit;
    private final String patientName;
    private final CallContext ctx;
    final SerialExecutor queue;
    private final Map<String, Participant> lobby = new LinkedHashMap<>();
    private final Map<String, Participant> inCall = new LinkedHashMap<>();
    private BridgeConference conference;
    /** No bridge was available: sessions start again when one comes back. */
    private boolean waitingForBridge;
    /** Media sessions are being started again on a new conference; one lost now is not made again. */
    private boolean relocating;
    private ScheduledFuture<?> ringTimer;
    private boolean over;

    VisitCall(Visit visit, String patientName, CallContext ctx) {
        this.visit = Objects.requireNonNull(visit, "visit");
        this.patientName = Objects.requireNonNull(patientName, "patientName");
        this.ctx = Objects.requireNonNull(ctx, "ctx");
        this.queue = new SerialExecutor(ctx.pool());
    }

    Visit visit() {
        return visit;
    }

    boolean over() {
        return over;
    }

    /** Nobody in the lobby, in the call, or holding a seat: the focus may forget this visit. */
    boolean idle() {
        return lobby.isEmpty() && inCall.isEmpty();
    }

    // --- joining

    /** A family member with a valid invite: into the call if the patient is in it, else the lobby. */
    void familyJoin(CallPeer peer, String contactId) {
        String seat = "contact:" + contactId;
        peer.send(new CallMessage.VisitReady(visit.id(), visit.endsAt().toEpochMilli()));
        Participant known = bySeat(seat);
        if (known != null && inCall.containsKey(known.id)) {
            reattach(known, peer);
            return;
        }
        if (known != null) {
            lobby.remove(known.id);
            replacePeer(known, peer);
        }
        Participant p = known != null ? known
                : new Participant(ctx.newParticipantId(), Role.FAMILY, ctx.directory().contactName(contactId), seat, peer);
        if (patientInCall()) {
            admit(List.of(p));
            return;
        }
        lobby.put(p.id, p);
        p.send(new CallMessage.Lobby(visit.id(), patientName));
        for (CallPeer kiosk : ctx.kiosks(visit.tabletId())) {
            kiosk.send(new CallMessage.VisitReady(visit.id(), visit.endsAt().toEpochMilli()));
            kiosk.send(new CallMessage.Waiting(visit.id(), p.id, p.name));
            if (ringTimer == null) {
                kiosk.send(new CallMessage.Ring(visit.id(), visit.autoAnswer()));
            }
        }
        if (ringTimer == null) {
            ringTimer = ctx.schedule(queue, ctx.calls().ringTimeout(), this::ringUnanswered);
        }
    }

    /** A kiosk said hello: what it missed of this visit. */
    void kioskHello(CallPeer kiosk) {
        kiosk.send(new CallMessage.VisitReady(visit.id(), visit.endsAt().toEpochMilli()));
        if (!lobby.isEmpty() && !patientInCall()) {
            lobby.values().forEach(p -> kiosk.send(new CallMessage.Waiting(visit.id(), p.id, p.name)));
            kiosk.send(new CallMessage.Ring(visit.id(), visit.autoAnswer()));
        }
    }

    /**
     * The patient's tablet answers, or joins again after a reconnect: the patient takes (or takes
     * back) their seat, and everyone in the lobby comes in.
     */
    void patientJoin(CallPeer kiosk) {
        cancelRing();
        String seat = "tablet:" + visit.tabletId();
        Participant patient = bySeat(seat);
        List<Participant> newcomers = new ArrayList<>();
        if (patient != null && inCall.containsKey(patient.id)) {
            reattach(patient, kiosk);
        } else {
            newcomers.add(new Participant(ctx.newParticipantId(), Role.PATIENT, patientName, seat, kiosk));
        }
        newcomers.addAll(lobby.values());
        lobby.clear();
        admit(newcomers);
    }

    /** {@code answer} or {@code decline} from a kiosk that is not ringing. */
    boolean ringing() {
        return ringTimer != null;
    }

    void decline(CallPeer kiosk) {
        cancelRing();
        endLobby(EndReason.DECLINED, kiosk);
    }

    /**
     * {@code admit} from the kiosk: the patient lets that person in, and so comes into the call; as
     * anyone with an invite joins a call the patient is in, everyone waiting comes in too.
     */
    void admitOne(CallPeer kiosk, String participantId) {
        if (!lobby.containsKey(participantId)) {
            kiosk.send(new Message.Error(ErrorCode.PARTICIPANT_UNKNOWN, "nobody with that id waits in the lobby"));
            return;
        }
        patientJoin(kiosk);
    }

    private void admit(List<Participant> newcomers) {
        for (Participant n : newcomers) {
            n.cancelGrace();
            inCall.put(n.id, n);
        }
        for (Participant n : newcomers) {
            n.send(new CallMessage.Joined(visit.id(), n.id));
            for (Participant o : inCall.values()) {
                if (o == n) {
                    continue;
                }
                n.send(new CallMessage.ParticipantJoined(visit.id(), o.id, o.role, o.name));
                if (o.muted || o.cameraOff) {
                    n.send(new CallMessage.ParticipantMedia(visit.id(), o.id, o.muted, o.cameraOff));
                }
                if (!o.connected()) {
                    n.send(new CallMessage.ParticipantReconnecting(visit.id(), o.id));
                }
                if (!newcomers.contains(o)) {
                    o.send(new CallMessage.ParticipantJoined(visit.id(), n.id, n.role, n.name));
                }
            }
        }
        newcomers.forEach(this::startMedia);
    }

    /** The participant's connection is back (or replaced): same id, a fresh media session. */
    private void reattach(Participant p, CallPeer peer) {
        boolean wasAway = !p.connected();
        replacePeer(p, peer);
        p.cancelGrace();
        p.send(new CallMessage.Joined(visit.id(), p.id));
        for (Participant o : inCall.values()) {
            if (o != p) {
                p.send(new CallMessage.ParticipantJoined(visit.id(), o.id, o.role, o.name));
                if (o.muted || o.cameraOff) {
                    p.send(new CallMessage.ParticipantMedia(visit.id(), o.id, o.muted, o.cameraOff));
                }
                if (wasAway) {
                    o.send(new CallMessage.ParticipantJoined(visit.id(), p.id, p.role, p.name));
                }
            }
        }
        startMedia(p);
    }

    /** A second connection for the same seat (another tab, a reload before the socket closed) takes it over. */
    private void replacePeer(Participant p, CallPeer peer) {
        if (p.peer != null && p.peer != peer) {
            p.peer.send(new CallMessage.Ended(visit.id(), EndReason.REMOVED));
        }
        p.peer = peer;
    }

    // --- media sessions and offers

    /** A new endpoint for the participant, then {@code sdp_offer}; the old endpoint, if any, is expired. */
    private void startMedia(Participant p) {
        BridgeConference before = conference;
        dropMedia(p);
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
            bridgeFailed(e);
            return;
        }
        p.media = new MediaSession(endpointId, transport, ctx.random().nextLong() >>> 1);
        offer(p);
    }

    /** A session to restart on demand: {@code joined} again, then a fresh offer. */
    void restartMedia(CallPeer peer) {
        Participant p = member(peer);
        if (p == null) {
            return;
        }
        if (waitingForBridge) {
            return;
        }
        p.send(new CallMessage.Joined(visit.id(), p.id));
        startMedia(p);
    }

    private void offer(Participant p) {
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
        p.send(new CallMessage.SdpOffer(visit.id(), p.revision, sdp));
    }

    void sdpAnswer(CallPeer peer, long revision, String sdp) {
        Participant p = member(peer);
        if (p == null) {
            return;
        }
        MediaSession m = p.media;
        if (m == null || m.outstandingRevision == 0 || revision != m.outstandingRevision) {
            peer.send(new Message.Error(ErrorCode.STALE_REVISION, "this answer is to revision " + revision
                    + ", which is not the offer waiting for an answer; answer the newest offer"));
            return;
        }
        EndpointAnswer answer;
        try {
            answer = m.negotiation.answer(sdp);
        } catch (InvalidAnswerException e) {
            peer.send(new Message.Error(ErrorCode.SDP_INVALID, "the SDP answer cannot be used: " + e.getMessage()));
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
            List<Long> ssrcs = new ArrayList<>(m.answer.audioSsrcs());
            ssrcs.addAll(m.answer.videoSsrcs());
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

    /** Expires the participant's endpoint, if any; the bridge stops sending their media to the others. */
    private void dropMedia(Participant p) {
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
                LOG.warn("visit {}: the bridge refused to expire endpoint {}: {}", visit.id(), m.endpointId,
                        e.getMessage());
            }
        }
    }

    // --- the bridge

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
                LOG.warn("visit {}: no media bridge for the call, waiting for one: {}", visit.id(), e.getMessage());
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
            LOG.error("visit {}: the media bridge refused a request: {}", visit.id(), e.getMessage());
            return;
        }
        if (relocating && e.kind() == BridgeException.Kind.CONFERENCE_GONE) {
            // A conference just created is unknown already: making it again would loop.
            LOG.error("visit {}: the media bridge lost the conference it just created: {}", visit.id(), e.getMessage());
            return;
        }
        LOG.warn("visit {}: moving the call off its media bridge: {}", visit.id(), e.getMessage());
        relocate();
    }

    /** The bridge is gone, or forgot the conference (JVB restarted, doc/rest-colibri2.md: 404): the call starts again. */
    private static boolean lost(BridgeException e) {
        return e.shouldFailOver() || e.kind() == BridgeException.Kind.CONFERENCE_GONE;
    }

    void bridgeDown(Bridge bridge) {
        if (conference != null && conference.bridge().equals(bridge)) {
            LOG.warn("visit {}: media bridge {} is down; moving the call", visit.id(), bridge.name());
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
                    p.send(new CallMessage.Joined(visit.id(), p.id));
                    startMedia(p);
                    if (conference != fresh) {
                        return; // this one failed too: a nested relocate() moved the call again, or it waits
                    }
                }
            }
        } finally {
            relocating = false;
        }
    }

    // --- leaving and ending

    void leave(CallPeer peer) {
        Participant p = member(peer);
        if (p != null) {
            remove(p);
        }
    }

    /** The connection closed: a lobby place is given up; a seat in the call is kept for the grace period. */
    void peerClosed(CallPeer peer) {
        Participant p = member(peer);
        if (p == null) {
            return;
        }
        if (lobby.containsKey(p.id)) {
            remove(p);
            return;
        }
        p.peer = null;
        dropMedia(p);
        inCall.values().stream().filter(o -> o != p)
                .forEach(o -> o.send(new CallMessage.ParticipantReconnecting(visit.id(), p.id)));
        p.graceTimer = ctx.schedule(queue, ctx.calls().reconnectGrace(), () -> {
            if (!p.connected() && inCall.containsKey(p.id)) {
                LOG.info("visit {}: participant {} did not come back in time", visit.id(), p.id);
                remove(p);
            }
        });
    }

    private void remove(Participant p) {
        p.cancelGrace();
        if (lobby.remove(p.id) != null) {
            ctx.kiosks(visit.tabletId()).forEach(k -> k.send(new CallMessage.ParticipantLeft(visit.id(), p.id)));
            if (lobby.isEmpty() && ringing()) {
                cancelRing();
                ctx.kiosks(visit.tabletId()).forEach(k -> k.send(new CallMessage.Ended(visit.id(), EndReason.ENDED)));
            }
            return;
        }
        if (inCall.remove(p.id) == null) {
            return;
        }
        dropMedia(p);
        for (Participant o : inCall.values()) {
            o.send(new CallMessage.ParticipantLeft(visit.id(), p.id));
            offer(o);
        }
        if (inCall.isEmpty()) {
            expireConference();
        }
    }

    /** {@code end} from the kiosk: the call is over for everyone; the slot stays open for a new call. */
    void end(CallPeer by) {
        finish(EndReason.ENDED, by);
    }

    /** The slot is over. */
    void timeUp() {
        finish(EndReason.TIME_UP, null);
        over = true;
    }

    private void finish(EndReason reason, CallPeer by) {
        cancelRing();
        for (Participant p : inCall.values()) {
            p.cancelGrace();
            p.send(new CallMessage.Ended(visit.id(), reason));
        }
        inCall.clear();
        endLobby(reason, by);
        expireConference();
    }

    private void endLobby(EndReason reason, CallPeer by) {
        lobby.values().forEach(p -> p.send(new CallMessage.Ended(visit.id(), reason)));
        lobby.clear();
        for (CallPeer k : ctx.kiosks(visit.tabletId())) {
            if (k != by) {
                k.send(new CallMessage.Ended(visit.id(), reason));
            }
        }
    }

    private void ringUnanswered() {
        if (ringTimer == null) {
            return;
        }
        ringTimer = null;
        endLobby(EndReason.NO_ANSWER, null);
    }

    private void cancelRing() {
        if (ringTimer != null) {
            ringTimer.cancel(false);
            ringTimer = null;
        }
    }

    private void expireConference() {
        BridgeConference old = conference;
        conference = null;
        waitingForBridge = false;
        if (old != null) {
            try {
                old.expire();
            } catch (BridgeException e) {
                LOG.info("visit {}: expiring the conference failed ({}); the bridge expires it by itself",
                        visit.id(), e.getMessage());
            }
        }
    }

    // --- the others' screens

    void mediaState(CallPeer peer, boolean muted, boolean cameraOff) {
        Participant p = member(peer);
        if (p == null) {
            return;
        }
        p.muted = muted;
        p.cameraOff = cameraOff;
        inCall.values().stream().filter(o -> o != p)
                .forEach(o -> o.send(new CallMessage.ParticipantMedia(visit.id(), p.id, muted, cameraOff)));
    }

    // --- lookups

    /** The participant on this connection, in the lobby or the call; answers {@code not_in_visit} when none. */
    private Participant member(CallPeer peer) {
        Optional<Participant> p = find(peer);
        if (p.isEmpty()) {
            peer.send(new Message.Error(ErrorCode.NOT_IN_VISIT, "this connection has not joined visit " + visit.id()));
            return null;
        }
        return p.get();
    }

    Optional<Participant> find(CallPeer peer) {
        for (Participant p : inCall.values()) {
            if (p.peer == peer) {
                return Optional.of(p);
            }
        }
        for (Participant p : lobby.values()) {
            if (p.peer == peer) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    boolean inLobby(CallPeer peer) {
        return lobby.values().stream().anyMatch(p -> p.peer == peer);
    }

    private Participant bySeat(String seat) {
        for (Participant p : inCall.values()) {
            if (p.seat.equals(seat)) {
                return p;
            }
        }
        for (Participant p : lobby.values()) {
            if (p.seat.equals(seat)) {
                return p;
            }
        }
        return null;
    }

    private boolean patientInCall() {
        return inCall.values().stream().anyMatch(p -> p.role == Role.PATIENT);
    }
}
