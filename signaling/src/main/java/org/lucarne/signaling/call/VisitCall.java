package org.lucarne.signaling.call;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.lucarne.signaling.audit.AuditEvent;
import org.lucarne.signaling.call.bridge.Bridge;
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

    private final Visit visit;
    private final String patientName;
    private final String wardId;
    private final CallContext ctx;
    final SerialExecutor queue;
    private final Map<String, Participant> lobby = new LinkedHashMap<>();
    private final Map<String, Participant> inCall = new LinkedHashMap<>();
    private final CallMedia media;
    private final VisitAudit audit;
    private final RingPacer pacer;
    private ScheduledFuture<?> ringTimer;
    private ScheduledFuture<?> slotTimer;
    private volatile boolean over;
    /** Who is in the lobby and the call, as last published for the console (read from any thread). */
    private volatile List<LiveParticipant> present = List.of();

    /** {@code wardId}: the ward of the visit's patient, for the audit trail (null if unknown). */
    VisitCall(Visit visit, String patientName, String wardId, CallContext ctx) {
        this.visit = Objects.requireNonNull(visit, "visit");
        this.patientName = Objects.requireNonNull(patientName, "patientName");
        this.wardId = wardId;
        this.ctx = Objects.requireNonNull(ctx, "ctx");
        this.queue = new SerialExecutor(ctx.pool());
        this.media = new CallMedia(visit.id(), ctx, queue, inCall);
        this.audit = new VisitAudit(visit, wardId, ctx.audit());
        this.pacer = new RingPacer(ctx, queue);
    }

    Visit visit() {
        return visit;
    }

    /** This visit's entries in the audit trail; {@link VisitAudit#event} may be called from any thread. */
    VisitAudit audit() {
        return audit;
    }

    boolean over() {
        return over;
    }

    /** Who is in the call and the lobby now, for the staff console; any thread. */
    List<LiveParticipant> present() {
        return present;
    }

    /** How many people are in the call now (the lobby not counted); readable from any thread. */
    int peopleInCall() {
        return (int) present.stream().filter(p -> p.presence() != LiveParticipant.Presence.WAITING).count();
    }

    /**
     * After anything that may change who is in the lobby or the call: publishes who is there now and,
     * if that changed, tells the ward's staff (the feed returns at once; it pushes elsewhere).
     */
    private void published() {
        List<LiveParticipant> now = Stream.concat(
                inCall.values().stream().map(p -> new LiveParticipant(p.role, p.name,
                        p.connected() ? LiveParticipant.Presence.IN_CALL : LiveParticipant.Presence.RECONNECTING)),
                lobby.values().stream().map(p -> new LiveParticipant(p.role, p.name, LiveParticipant.Presence.WAITING)))
                .toList();
        if (!now.equals(present)) {
            present = now;
            ctx.wardChanged(wardId);
        }
    }

    /**
     * Ends the call at the end of the slot ({@code time_up}), then runs {@code after}. Called once,
     * by the focus, before the call is shared.
     */
    void endAtSlotEnd(Runnable after) {
        Duration left = Duration.between(ctx.clock().instant(), visit.endsAt());
        slotTimer = ctx.schedule(queue, left.isNegative() ? Duration.ZERO : left, () -> {
            timeUp();
            after.run();
            ctx.wardChanged(wardId); // the call is gone: its visit's status may read differently now
        });
    }

    // --- joining

    /** A family member with a valid invite: into the call if the patient is in it, else the lobby. */
    void familyJoin(CallPeer peer, String contactId, String inviteHash, String device) {
        enter(peer, AuditEvent.family(contactId), device, Role.FAMILY, () -> ctx.directory().contactName(contactId));
        find(peer).ifPresent(p -> p.inviteHash = inviteHash);
        published();
    }

    /** A member of staff of the visit's ward: as a family member, with their display name. */
    void staffJoin(CallPeer peer, String userId, String displayName) {
        enter(peer, AuditEvent.staff(userId), null, Role.STAFF, () -> CallDirectory.displayable(displayName));
        published();
    }

    /**
     * Into the call if the patient is in it, else the lobby, where the tablet hears who waits and rings. A seat is
     * a contact's device (or a member of staff): the same device in a second tab takes its seat over, another device
     * of the contact (one the patient or staff let in) has a seat of its own.
     */
    private void enter(CallPeer peer, String seat, String device, Role role, Supplier<String> name) {
        peer.send(new CallMessage.VisitReady(visit.id(), visit.endsAt().toEpochMilli()));
        audit.visitorCame();
        Participant known = bySeat(seat, device);
        if (known != null && inCall.containsKey(known.id)) {
            reattach(known, peer);
            return;
        }
        if (known != null) {
            lobby.remove(known.id);
            replacePeer(known, peer);
        }
        Participant p = known != null ? known : new Participant(ctx.newParticipantId(), role, name.get(), seat, peer);
        p.device = device;
        if (patientInCall()) {
            admit(List.of(p), seat);
            return;
        }
        // Decided (and a held-back ring scheduled) before anyone is told: whoever hears "waiting" may count
        // the interval from then. A tablet on "do not disturb" does not ring: they wait in the lobby.
        boolean ringNow = !ringing() && !ctx.quiet(visit.tabletId()) && pacer.mayRing(this::ringIfStillWaiting);
        lobby.put(p.id, p);
        audit.arrived();
        p.send(new CallMessage.Lobby(visit.id(), patientName));
        for (CallPeer kiosk : ctx.kiosks(visit.tabletId())) {
            kiosk.send(new CallMessage.VisitReady(visit.id(), visit.endsAt().toEpochMilli()));
            kiosk.send(new CallMessage.Waiting(visit.id(), p.id, p.name));
        }
        if (ringNow) {
            ring();
        }
    }

    /** The tablet starts ringing for those in the lobby. */
    private void ring() {
        pacer.rang();
        // The timer first: the ring's timeout counts from the instant the tablet is told to ring.
        ringTimer = ctx.schedule(queue, ctx.calls().ringTimeout(), this::ringUnanswered);
        ctx.kiosks(visit.tabletId()).forEach(k -> k.send(new CallMessage.Ring(visit.id(), visit.autoAnswer())));
    }

    /** A ring held back by the interval is due: the tablet rings if someone still waits for it. */
    private void ringIfStillWaiting() {
        if (!over && !ringing() && !lobby.isEmpty() && !patientInCall() && !ctx.quiet(visit.tabletId())) {
            LOG.info("visit {}: the ring held back by call.ring.interval.seconds is due", visit.id());
            ring();
        }
    }

    /** The tablet's "do not disturb" ended: it rings for whoever waits, now or when the ring interval allows. */
    void ringIfWaiting() {
        if (!over && !ringing() && !lobby.isEmpty() && !patientInCall() && !ctx.quiet(visit.tabletId())
                && pacer.mayRing(this::ringIfStillWaiting)) {
            ring();
        }
    }

    /** A kiosk said hello: what it missed of this visit. */
    void kioskHello(CallPeer kiosk) {
        kiosk.send(new CallMessage.VisitReady(visit.id(), visit.endsAt().toEpochMilli()));
        if (!lobby.isEmpty() && !patientInCall()) {
            lobby.values().forEach(p -> kiosk.send(new CallMessage.Waiting(visit.id(), p.id, p.name)));
        }
        if (ringing()) {
            kiosk.send(new CallMessage.Ring(visit.id(), visit.autoAnswer()));
        }
    }

    /**
     * The patient's tablet answers, or joins again after a reconnect: the patient takes (or takes
     * back) their seat, and everyone in the lobby comes in.
     */
    void patientJoin(CallPeer kiosk) {
        cancelRing();
        String seat = AuditEvent.tablet(visit.tabletId());
        Participant patient = bySeat(seat, null);
        List<Participant> newcomers = new ArrayList<>();
        if (patient != null && inCall.containsKey(patient.id)) {
            reattach(patient, kiosk);
        } else {
            newcomers.add(new Participant(ctx.newParticipantId(), Role.PATIENT, patientName, seat, kiosk));
        }
        newcomers.addAll(lobby.values());
        lobby.clear();
        admit(newcomers, seat);
        published();
    }

    /** {@code answer} or {@code decline} from a kiosk that is not ringing. */
    boolean ringing() {
        return ringTimer != null;
    }

    void decline(CallPeer kiosk) {
        cancelRing();
        endLobby(EndReason.DECLINED, kiosk);
        endIfEmpty(EndReason.DECLINED.wireName(), actor(kiosk));
        published();
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

    /** The newcomers come into the call; {@code cause} is who let them in (the audit trail's actor of a start). */
    private void admit(List<Participant> newcomers, String cause) {
        for (Participant n : newcomers) {
            n.cancelGrace();
            inCall.put(n.id, n);
            audit.joined(n, inCall.size(), cause);
        }
        published();
        for (Participant n : newcomers) {
            greet(n, o -> !newcomers.contains(o));
        }
        newcomers.forEach(media::start);
    }

    /** The participant's connection is back (or replaced): same id, a fresh media session. */
    private void reattach(Participant p, CallPeer peer) {
        boolean wasAway = !p.connected();
        replacePeer(p, peer);
        p.cancelGrace();
        greet(p, o -> wasAway);
        media.start(p);
    }

    /**
     * {@code joined}, then who else is in the call as they stand (muted, camera off, reconnecting);
     * those that {@code tellOf} picks hear that {@code n} joined.
     */
    private void greet(Participant n, Predicate<Participant> tellOf) {
        n.send(ctx.joined(visit.id(), n.id));
        for (Participant o : inCall.values()) {
            if (o == n) {
                continue;
            }
            n.send(new CallMessage.ParticipantJoined(visit.id(), o.id, o.role, o.name));
            if (o.muted || o.cameraOff) {
                n.send(new CallMessage.ParticipantMedia(visit.id(), o.id, o.muted, o.cameraOff));
            }
            if (o.link != CallMessage.Link.UNKNOWN) {
                n.send(new CallMessage.ParticipantLink(visit.id(), o.id, o.link));
            }
            if (!o.connected()) {
                n.send(new CallMessage.ParticipantReconnecting(visit.id(), o.id));
            }
            if (tellOf.test(o)) {
                o.send(new CallMessage.ParticipantJoined(visit.id(), n.id, n.role, n.name));
            }
        }
    }

    /** A second connection for the same seat (another tab, a reload before the socket closed) takes it over. */
    private void replacePeer(Participant p, CallPeer peer) {
        if (p.peer != null && p.peer != peer) {
            p.peer.send(new CallMessage.Ended(visit.id(), EndReason.REMOVED));
        }
        p.peer = peer;
    }

    // --- media

    /** {@code ice_restart}: the participant gets {@code joined} again and a fresh media session. */
    void restartMedia(CallPeer peer) {
        Participant p = member(peer);
        if (p != null) {
            media.restart(p);
        }
    }

    void sdpAnswer(CallPeer peer, long revision, String sdp) {
        Participant p = member(peer);
        if (p != null) {
            media.answer(p, revision, sdp);
        }
    }

    void bridgeDown(Bridge bridge) {
        media.bridgeDown(bridge);
    }

    void bridgeUp() {
        media.bridgeUp();
    }

    // --- leaving and ending

    void leave(CallPeer peer) {
        Participant p = member(peer);
        if (p != null) {
            remove(p, VisitAudit.LEFT);
            published();
        }
    }

    /** The connection's staff session ended: it leaves the lobby or the call now, without a grace period. */
    void removePeer(CallPeer peer) {
        find(peer).ifPresent(p -> remove(p, VisitAudit.SIGNED_OUT));
        published();
    }

    /**
     * Staff revoked an invite: whoever came in with it (in the call, in the lobby, or away within their
     * reconnect grace) gets {@code ended} {@code removed} and leaves at once; joining again with it is refused
     * by {@link org.lucarne.signaling.visit.JoinRules}.
     */
    void inviteRevoked(String inviteHash) {
        List<Participant> holders = everyone().filter(p -> inviteHash.equals(p.inviteHash)).toList();
        for (Participant p : holders) {
            p.send(new CallMessage.Ended(visit.id(), EndReason.REMOVED));
            remove(p, VisitAudit.REMOVED);
            p.peer = null;
        }
    }

    /** Whether this connection is in the call (not the lobby). */
    boolean inCall(CallPeer peer) {
        return inCall.values().stream().anyMatch(p -> p.peer == peer);
    }

    /** The connection closed: a lobby place is given up; a seat in the call is kept for the grace period. */
    void peerClosed(CallPeer peer) {
        Participant p = find(peer).orElse(null);
        if (p == null) {
            return; // a kiosk that never answered, or a seat already taken over by a newer connection
        }
        if (lobby.containsKey(p.id)) {
            remove(p, VisitAudit.LEFT);
            published();
            return;
        }
        p.peer = null;
        // The timer first: the grace counts from the instant the others hear of the drop.
        p.graceTimer = ctx.schedule(queue, ctx.calls().reconnectGrace(), () -> {
            if (!p.connected() && inCall.containsKey(p.id)) {
                LOG.info("visit {}: participant {} did not come back in time", visit.id(), p.id);
                remove(p, VisitAudit.CONNECTION_LOST);
                published();
            }
        });
        media.drop(p);
        inCall.values().stream().filter(o -> o != p)
                .forEach(o -> o.send(new CallMessage.ParticipantReconnecting(visit.id(), p.id)));
        published();
    }

    private void remove(Participant p, String why) {
        p.cancelGrace();
        if (lobby.remove(p.id) != null) {
            ctx.kiosks(visit.tabletId()).forEach(k -> k.send(new CallMessage.ParticipantLeft(visit.id(), p.id)));
            if (lobby.isEmpty() && ringing()) {
                cancelRing();
                ctx.kiosks(visit.tabletId()).forEach(k -> k.send(new CallMessage.Ended(visit.id(), EndReason.ENDED)));
            }
            endIfEmpty(VisitAudit.EVERYONE_LEFT, AuditEvent.SYSTEM);
            return;
        }
        if (inCall.remove(p.id) == null) {
            return;
        }
        published();
        audit.left(p, why);
        media.drop(p);
        for (Participant o : inCall.values()) {
            o.send(new CallMessage.ParticipantLeft(visit.id(), p.id));
            media.offer(o);
        }
        if (inCall.isEmpty()) {
            media.expire();
        }
        endIfEmpty(VisitAudit.EVERYONE_LEFT, AuditEvent.SYSTEM);
    }

    /** {@code end} from the kiosk: the call is over for everyone; the slot stays open for a new call. */
    void end(CallPeer by) {
        finish(EndReason.ENDED, by);
        published();
    }

    /** The tablet was revoked: the call is over for everyone, as with {@code end}, with no one to blame. */
    void tabletRevoked() {
        finish(EndReason.ENDED, null);
        published();
    }

    /** The slot is over. */
    void timeUp() {
        finish(EndReason.TIME_UP, null);
        over = true;
        published();
    }

    /**
     * Staff cancelled the visit: the call is over for everyone, at once ({@code ended} {@code cancelled}
     * to the people in the call, in the lobby and to the tablet), and the visit takes no one any more.
     */
    void cancelled() {
        if (slotTimer != null) {
            slotTimer.cancel(false);
        }
        finish(EndReason.CANCELLED, null);
        over = true;
    }

    /**
     * The server stops: for the audit trail the call is over; nobody is told (the sockets closed
     * already, the pages will reconnect) and the bridge expires the conference by itself.
     */
    void serverStopping() {
        cancelRing();
        if (slotTimer != null) {
            slotTimer.cancel(false);
        }
        for (Participant p : inCall.values()) {
            p.cancelGrace();
            audit.left(p, VisitAudit.SERVER_STOPPED);
        }
        inCall.clear();
        published();
        lobby.clear();
        endIfEmpty(VisitAudit.SERVER_STOPPED, AuditEvent.SYSTEM);
        over = true;
        published();
    }

    private void finish(EndReason reason, CallPeer by) {
        String actor = by == null ? AuditEvent.SYSTEM : actor(by);
        cancelRing();
        for (Participant p : inCall.values()) {
            p.cancelGrace();
            p.send(new CallMessage.Ended(visit.id(), reason));
            audit.left(p, reason.wireName());
        }
        inCall.clear();
        published();
        endLobby(reason, by);
        media.expire();
        endIfEmpty(reason.wireName(), actor);
    }

    /** Nobody is left in the call nor in the lobby: the call is over, for the audit trail. */
    private void endIfEmpty(String reason, String actor) {
        if (inCall.isEmpty() && lobby.isEmpty()) {
            audit.ended(reason, actor);
        }
    }

    /** Who a connection is for the audit trail: its participant's seat, or the tablet of a kiosk. */
    private String actor(CallPeer peer) {
        return find(peer).map(p -> p.seat)
                .or(() -> peer.tablet().map(AuditEvent::tablet))
                .orElse(AuditEvent.ANONYMOUS);
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
        endIfEmpty(EndReason.NO_ANSWER.wireName(), AuditEvent.SYSTEM);
        published();
    }

    /** The tablet stops ringing, and a ring held back by the interval will not come. */
    private void cancelRing() {
        pacer.cancel();
        if (ringTimer != null) {
            ringTimer.cancel(false);
            ringTimer = null;
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

    /** {@code link_quality}: the others hear of a change only, so a browser repeating itself costs nothing. */
    void linkQuality(CallPeer peer, CallMessage.Link quality) {
        Participant p = member(peer);
        if (p == null || p.link == quality) {
            return;
        }
        p.link = quality;
        inCall.values().stream().filter(o -> o != p)
                .forEach(o -> o.send(new CallMessage.ParticipantLink(visit.id(), p.id, quality)));
    }

    /** {@code video_sizes}: the bridge forwards the sender the simulcast layers that fit its tiles. */
    void videoSizes(CallPeer peer, List<CallMessage.TileSize> sizes) {
        Participant p = member(peer);
        if (p != null) {
            media.videoSizes(p, sizes);
        }
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
        return everyone().filter(p -> p.peer == peer).findFirst();
    }

    private Participant bySeat(String seat, String device) {
        return everyone().filter(p -> p.seat.equals(seat) && Objects.equals(p.device, device)).findFirst().orElse(null);
    }

    /** The people in the call, then those in the lobby. */
    private Stream<Participant> everyone() {
        return Stream.concat(inCall.values().stream(), lobby.values().stream());
    }

    private boolean patientInCall() {
        return inCall.values().stream().anyMatch(p -> p.role == Role.PATIENT);
    }
}
