package org.lucarne.signaling.call;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiPredicate;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.lucarne.signaling.audit.AuditAction;
import org.lucarne.signaling.audit.AuditEvent;
import org.lucarne.signaling.audit.AuditOutcome;
import org.lucarne.signaling.audit.AuditTrail;
import org.lucarne.signaling.call.bridge.Bridge;
import org.lucarne.signaling.call.bridge.BridgePool;
import org.lucarne.signaling.config.SignalingConfig;
import org.lucarne.signaling.invite.InviteId;
import org.lucarne.signaling.visit.JoinDecision;
import org.lucarne.signaling.visit.JoinRules;
import org.lucarne.signaling.visit.LiveCalls;
import org.lucarne.signaling.visit.Visit;
import org.lucarne.signaling.visit.Visits;
import org.lucarne.signaling.ws.protocol.CallMessage;
import org.lucarne.signaling.ws.protocol.ErrorCode;
import org.lucarne.signaling.ws.protocol.Message;
import org.lucarne.signaling.ws.protocol.TabletMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The call focus (the role Jicofo plays for JVB): it takes the call messages of every connection,
 * decides who may join which visit ({@link JoinRules}), and runs each live visit as a
 * {@link VisitCall} with a conference on a bridge of the {@link BridgePool}. A bridge that goes
 * down takes its calls elsewhere. Joins, refusals and each call's life go to the audit trail.
 *
 * <p>It makes no thread of its own: the server gives it the pool that runs the visits' work and
 * the timers (ring, reconnect grace, end of slot), which a test replaces by a manual scheduler.
 */
public final class CallFocus implements BridgePool.HealthListener, LiveCalls, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CallFocus.class);
    /** How long {@link #close} waits for the visits' queued work, then again for their audit entries. */
    private static final Duration DRAIN = Duration.ofSeconds(2);

    private final JoinRules rules;
    private final Visits visits;
    private final CallDirectory directory;
    private final Clock clock;
    private final CallAudit audit;
    private final CallContext ctx;
    private final Map<String, VisitCall> live = new ConcurrentHashMap<>();
    private final Map<String, Set<CallPeer>> kiosks = new ConcurrentHashMap<>();
    /** The visits each connection joined (or rang on), for its later messages and its close. */
    private final Map<CallPeer, Set<String>> joined = new ConcurrentHashMap<>();
    /** Who decides a staff join; until set, staff joins are refused. */
    private volatile StaffGate staffGate;
    /** Who hears that someone came into or left a visit of a ward; nobody until set. */
    private volatile Consumer<String> wardChanges = wardId -> { };
    /** Whether a device is bound to a contact (docs/e2ee.md): no family page joins until set. */
    private volatile BiPredicate<String, String> boundDevice = (device, contact) -> false;
    /** Which tablets are not to ring now ("do not disturb"); none until set. */
    private volatile Predicate<String> doNotDisturb = tabletId -> false;

    /**
     * @param pool   runs the visits' work, each visit's one task at a time; bridge requests block it
     * @param timers the server's timers; the focus's tasks on them only hand work over to a visit
     * @param trail  where joins, refusals and calls are recorded, off the visits' executors
     */
    public CallFocus(JoinRules rules, Visits visits, CallDirectory directory, BridgePool bridges,
                     SignalingConfig.Calls calls, Clock clock, Executor pool, ScheduledExecutorService timers,
                     AuditTrail trail) {
        this.rules = Objects.requireNonNull(rules, "rules");
        this.visits = Objects.requireNonNull(visits, "visits");
        this.directory = Objects.requireNonNull(directory, "directory");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.audit = new CallAudit(trail, clock, Objects.requireNonNull(pool, "pool"));
        this.ctx = new CallContext(bridges, directory, calls, clock, new SecureRandom(), pool,
                Objects.requireNonNull(timers, "timers"), this::kiosksOf, audit, w -> wardChanges.accept(w),
                t -> doNotDisturb.test(t));
        bridges.addHealthListener(this);
    }

    /** Set once at wiring: staff joins go through {@code gate} (session, policy, audit). */
    public void admitStaffWith(StaffGate gate) {
        this.staffGate = Objects.requireNonNull(gate, "gate");
    }

    /**
     * Set once at wiring: a family page joins only once its socket proved a device that {@code bound} says is bound
     * (first, or let in) to its invite's contact ({@code device, contact}); it may read the database.
     */
    public void admitFamilyDevicesWith(BiPredicate<String, String> bound) {
        this.boundDevice = Objects.requireNonNull(bound, "bound");
    }

    /**
     * Set once at wiring: {@code listener} hears the ward's id whenever who is in one of its visits' lobby
     * or call changes (a join, a leave, a lost connection, a call's start or end). Called on a visit's
     * executor: it must return at once.
     */
    public void tellWardChangesTo(Consumer<String> listener) {
        this.wardChanges = Objects.requireNonNull(listener, "listener");
    }

    /**
     * Set once at wiring: no visit rings a tablet while {@code quiet} says its "do not disturb" is on (asked on
     * a visit's executor whenever it would ring; it may read the database).
     */
    public void keepQuietWhile(Predicate<String> quiet) {
        this.doNotDisturb = Objects.requireNonNull(quiet, "quiet");
    }

    /**
     * The tablet's kiosks here hear the new state; when it ended, a visit of the tablet whose lobby has someone
     * waiting rings now (as the ring interval allows). Any thread; returns at once.
     */
    @Override
    public void doNotDisturbChanged(String tabletId, Optional<Instant> until) {
        var state = new TabletMessage.DoNotDisturbState(until.map(Instant::toEpochMilli).orElse(null));
        kiosksOf(tabletId).forEach(k -> k.send(state));
        if (until.isPresent()) {
            return;
        }
        for (VisitCall c : live.values()) {
            if (c.visit().tabletId().equals(tabletId)) {
                run(c, VisitCall::ringIfWaiting);
            }
        }
    }

    /** Who is in the visit's call and lobby now, in the order they came; empty when no call is live. Any thread. */
    public List<LiveParticipant> participants(String visitId) {
        VisitCall c = live.get(visitId);
        return c == null ? List.of() : c.present();
    }

    /** Whether the tablet's patient is in a call now (not waiting to answer, not reconnecting). Any thread. */
    public boolean tabletInCall(String tabletId) {
        for (VisitCall c : live.values()) {
            if (c.visit().tabletId().equals(tabletId) && c.present().stream().anyMatch(p ->
                    p.role() == CallMessage.Role.PATIENT && p.presence() == LiveParticipant.Presence.IN_CALL)) {
                return true;
            }
        }
        return false;
    }

    /** After {@code welcome}: a kiosk is told of its tablet's open visit, and rings if someone waits. */
    public void greeted(CallPeer peer) {
        Optional<String> tablet = peer.tablet();
        if (tablet.isEmpty()) {
            return;
        }
        kiosks.computeIfAbsent(tablet.get(), t -> ConcurrentHashMap.newKeySet()).add(peer);
        visits.currentOnTablet(tablet.get(), clock.instant()).ifPresent(v -> {
            joined(peer, v.id());
            run(callFor(v), c -> c.kioskHello(peer));
        });
    }

    /**
     * A call message from a connection that said hello as {@code app}. Only a client's requests
     * can be passed, and {@link Requests} must have a method for each (see {@link CallMessage.Request}).
     */
    public void handle(CallPeer peer, Message.App app, CallMessage.Request message) {
        message.accept(new Requests(peer, app));
    }

    /** What the focus does with each request of one connection. */
    private final class Requests implements CallMessage.Handler {
        private final CallPeer peer;
        private final Message.App app;

        Requests(CallPeer peer, Message.App app) {
            this.peer = peer;
            this.app = app;
        }

        @Override
        public void join(CallMessage.Join join) {
            CallFocus.this.join(peer, app, join);
        }

        @Override
        public void answer(CallMessage.Answer answer) {
            kioskVisit(peer, answer.type(), answer.visit(), (c, v) -> c.patientJoin(peer));
        }

        @Override
        public void decline(CallMessage.Decline decline) {
            kioskVisit(peer, decline.type(), decline.visit(), (c, v) -> {
                if (c.ringing()) {
                    c.decline(peer);
                } else {
                    peer.send(new Message.Error(ErrorCode.NOT_RINGING, "the tablet is not ringing for this visit"));
                }
            });
        }

        @Override
        public void admit(CallMessage.Admit admit) {
            kioskVisit(peer, admit.type(), admit.visit(), (c, v) -> c.admitOne(peer, admit.participant()));
        }

        @Override
        public void end(CallMessage.End end) {
            kioskVisit(peer, end.type(), end.visit(), (c, v) -> c.end(peer));
        }

        @Override
        public void leave(CallMessage.Leave leave) {
            member(peer, leave.visit(), c -> c.leave(peer));
        }

        @Override
        public void mediaState(CallMessage.MediaState m) {
            member(peer, m.visit(), c -> c.mediaState(peer, m.muted(), m.cameraOff()));
        }

        @Override
        public void sdpAnswer(CallMessage.SdpAnswer s) {
            member(peer, s.visit(), c -> c.sdpAnswer(peer, s.revision(), s.sdp()));
        }

        @Override
        public void iceRestart(CallMessage.IceRestart r) {
            member(peer, r.visit(), c -> c.restartMedia(peer));
        }

        @Override
        public void linkQuality(CallMessage.LinkQuality q) {
            member(peer, q.visit(), c -> c.linkQuality(peer, q.quality()));
        }

        @Override
        public void videoSizes(CallMessage.VideoSizes v) {
            member(peer, v.visit(), c -> c.videoSizes(peer, v.sizes()));
        }
    }

    /** The connection closed: kiosks are forgotten, seats in a call wait for a reconnect. */
    public void closed(CallPeer peer) {
        peer.tablet().ifPresent(t -> kiosks.computeIfPresent(t, (k, set) -> {
            set.remove(peer);
            return set.isEmpty() ? null : set;
        }));
        Set<String> visitIds = joined.remove(peer);
        if (visitIds != null) {
            for (String id : visitIds) {
                VisitCall c = live.get(id);
                if (c != null) {
                    run(c, x -> x.peerClosed(peer));
                }
            }
        }
    }

    private void join(CallPeer peer, Message.App app, CallMessage.Join j) {
        if (j.invite() != null) {
            if (app != Message.App.FAMILY) {
                peer.send(new Message.Error(ErrorCode.NOT_ALLOWED, "only the family page joins with an invite"));
                return;
            }
            JoinDecision d = rules.family(j.invite());
            if (d instanceof JoinDecision.Refused r) {
                inviteRefused(peer, j.invite(), r);
                peer.send(new Message.Error(r.code(), r.message()));
                return;
            }
            JoinDecision.Admitted a = (JoinDecision.Admitted) d;
            String contact = a.contactId().orElseThrow();
            Optional<String> device = peer.provenDevice().filter(dev -> boundDevice.test(dev, contact));
            if (device.isEmpty()) {
                // Nothing of the call before the device is bound: a forwarded link waits for the patient or staff.
                inviteRefused(peer, j.invite(), new JoinDecision.Refused(ErrorCode.E2EE_NOT_BOUND, ""));
                peer.send(new Message.Error(ErrorCode.E2EE_NOT_BOUND, "this page has not bound its link, or another"
                        + " device holds it: bind it (e2ee_bind), or wait to be let in, then join"));
                return;
            }
            VisitCall call = callFor(a.visit());
            audit.record(call.audit().event(AuditEvent.family(contact), AuditAction.INVITE_OPENED,
                    AuditOutcome.SUCCESS).from(peer.address()).detail("invite=" + a.inviteIdHash().orElseThrow()));
            joined(peer, a.visit().id());
            String inviteHash = a.inviteIdHash().orElseThrow();
            run(call, c -> c.familyJoin(peer, contact, inviteHash, device.get()));
            return;
        }
        if (app == Message.App.STAFF && peer.staff().isPresent() && staffGate != null) {
            staffJoin(peer, peer.staff().get(), j.visit());
            return;
        }
        if (peer.tablet().isEmpty()) {
            peer.send(new Message.Error(ErrorCode.NOT_ALLOWED, app == Message.App.FAMILY
                    ? "a family page joins with its invite, not a visit id"
                    : "only the bedside tablet and signed-in staff join by visit id"));
            return;
        }
        kioskVisit(peer, j.type(), j.visit(), (c, v) -> c.patientJoin(peer));
    }

    /**
     * A member of staff joins a visit of their ward, to help the patient: like a family member, into the
     * call if the patient is in it, else into the lobby while the tablet rings with their name.
     */
    private void staffJoin(CallPeer peer, StaffMember member, String visitId) {
        JoinDecision d = staffGate.admit(member, visitId);
        if (d instanceof JoinDecision.Refused r) {
            peer.send(new Message.Error(r.code(), r.message()));
            return;
        }
        Visit visit = ((JoinDecision.Admitted) d).visit();
        joined(peer, visit.id());
        run(callFor(visit), c -> c.staffJoin(peer, member.userId(), member.displayName()));
    }

    /** The staff session of this connection ended: out of every call and lobby at once, no grace. */
    public void signedOut(CallPeer peer) {
        Set<String> visitIds = joined.remove(peer);
        if (visitIds != null) {
            for (String id : visitIds) {
                VisitCall c = live.get(id);
                if (c != null) {
                    run(c, x -> x.removePeer(peer));
                }
            }
        }
    }

    /**
     * Staff revoked an invite of {@code visitId}: its holder is taken out of the visit's call now, if it is
     * live on this node (they get {@code ended} {@code removed}; the audit trail {@code call.left}
     * {@code reason=removed}). The revocation is already in the database, so joining again is refused.
     */
    @Override
    public void inviteRevoked(String visitId, String inviteIdHash) {
        VisitCall c = live.get(visitId);
        if (c != null) {
            run(c, x -> x.inviteRevoked(inviteIdHash));
        }
    }

    /**
     * Staff revoked the tablet (committed, its sockets closing): each live call of its visits ends now for
     * the family and staff in it and in its lobby, as if the kiosk had sent {@code end}, without waiting for
     * the patient's reconnect grace, since a revoked tablet cannot come back. The slot stays open.
     */
    @Override
    public void tabletRevoked(String tabletId) {
        for (VisitCall c : live.values()) {
            if (c.visit().tabletId().equals(tabletId)) {
                run(c, VisitCall::tabletRevoked);
            }
        }
    }

    @Override
    public boolean inCall(String visitId) {
        VisitCall c = live.get(visitId);
        return c != null && !c.over() && c.peopleInCall() >= 2;
    }

    /**
     * The visit was cancelled (committed): its live call, if any, leaves the focus now, so that no message
     * reaches it any more ({@code visit_ended}), and ends on its executor with {@code ended}
     * {@code cancelled} for everyone. A join after this is refused by {@link JoinRules} ({@code visit_ended}).
     */
    @Override
    public void cancelled(String visitId) {
        VisitCall c = live.remove(visitId);
        if (c != null) {
            run(c, VisitCall::cancelled);
        }
    }

    /** Runs {@code action} (on the call's executor) if this connection is in a live call now. */
    public void ifInCall(CallPeer peer, Runnable action) {
        for (String id : joined.getOrDefault(peer, Set.of())) {
            VisitCall c = live.get(id);
            if (c != null) {
                run(c, x -> {
                    if (x.inCall(peer)) {
                        action.run();
                    }
                });
            }
        }
    }

    /**
     * A family join refused: recorded with the invite's hash (which the ward's invite table knows)
     * and the refusal's code, unless the text is no invite id at all. Such garbage cannot be a link
     * the ward ever issued and costs nothing to send, so it is not worth a database write each: the
     * socket's rate limits bound it, and the connection counts its refusals.
     */
    private void inviteRefused(CallPeer peer, String inviteText, JoinDecision.Refused refused) {
        InviteId.parse(inviteText).ifPresent(id -> audit.record(
                AuditEvent.of(AuditEvent.ANONYMOUS, AuditAction.ACCESS_REFUSED, AuditOutcome.REFUSED)
                        .target("invite", id.hash()).from(peer.address())
                        .detail("request=join code=" + refused.code().wireName())));
    }

    /**
     * A kiosk's message about its tablet's visit: checked against the tablet's certificate and the
     * clock. A refusal (another tablet's visit, one over or not started) is recorded.
     */
    private void kioskVisit(CallPeer peer, Message.Type request, String visitId, KioskAction action) {
        if (peer.tablet().isEmpty()) {
            peer.send(new Message.Error(ErrorCode.NOT_ALLOWED, "only the bedside tablet answers, declines, admits"
                    + " and ends a call"));
            return;
        }
        JoinDecision d = rules.kiosk(peer.tablet().get(), visitId);
        if (d instanceof JoinDecision.Refused r) {
            audit.record(AuditEvent.of(AuditEvent.tablet(peer.tablet().get()), AuditAction.ACCESS_REFUSED,
                    AuditOutcome.REFUSED).target("visit", visitId).from(peer.address())
                    .detail("request=" + request.wireName() + " code=" + r.code().wireName()));
            peer.send(new Message.Error(r.code(), r.message()));
            return;
        }
        Visit visit = ((JoinDecision.Admitted) d).visit();
        joined(peer, visit.id());
        run(callFor(visit), c -> action.apply(c, visit));
    }

    private void member(CallPeer peer, String visitId, Consumer<VisitCall> action) {
        Set<String> mine = joined.getOrDefault(peer, Set.of());
        VisitCall c = live.get(visitId);
        if (!mine.contains(visitId)) {
            peer.send(new Message.Error(ErrorCode.NOT_IN_VISIT, "this connection has not joined visit " + visitId));
        } else if (c == null || c.over()) {
            peer.send(new Message.Error(ErrorCode.VISIT_ENDED, "this visit is over"));
        } else {
            run(c, action);
        }
    }

    private void joined(CallPeer peer, String visitId) {
        joined.computeIfAbsent(peer, p -> ConcurrentHashMap.newKeySet()).add(visitId);
    }

    /** The live call of the visit, made on first use; it ends by itself at the end of the slot. */
    private VisitCall callFor(Visit visit) {
        return live.computeIfAbsent(visit.id(), id -> {
            VisitCall c = new VisitCall(visit, directory.patientName(visit.patientId()), audit.wardOf(visit), ctx);
            c.endAtSlotEnd(() -> live.remove(id, c));
            return c;
        });
    }

    private static boolean run(VisitCall c, Consumer<VisitCall> action) {
        try {
            c.queue.execute(() -> action.accept(c));
            return true;
        } catch (RejectedExecutionException e) {
            LOG.debug("visit {}: the server is stopping; a call task was dropped", c.visit().id());
            return false;
        }
    }

    private Collection<CallPeer> kiosksOf(String tabletId) {
        Set<CallPeer> set = kiosks.get(tabletId);
        return set == null ? List.of() : List.copyOf(set);
    }

    @Override
    public void bridgeDown(Bridge bridge) {
        live.values().forEach(c -> run(c, x -> x.bridgeDown(bridge)));
    }

    @Override
    public void bridgeUp(Bridge bridge) {
        live.values().forEach(c -> run(c, VisitCall::bridgeUp));
    }

    /**
     * Ends every live call (the server is stopping, the sockets are closed): participants hear
     * nothing, their pages will reconnect; the audit trail records the calls' end. Waits for the
     * visits' queued work (their peerClosed() tasks come first) and then for the audit entries, up to
     * {@link #DRAIN} each. The pool and the timers are the server's: it stops them after this.
     */
    @Override
    public void close() {
        List<VisitCall> calls = List.copyOf(live.values());
        CountDownLatch stopped = new CountDownLatch(calls.size());
        for (VisitCall c : calls) {
            if (!run(c, x -> {
                try {
                    x.serverStopping();
                } finally {
                    stopped.countDown();
                }
            })) {
                stopped.countDown();
            }
        }
        try {
            if (!stopped.await(DRAIN.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("call focus: {} of {} visits still busy after {} s; stopping anyway", stopped.getCount(),
                        calls.size(), DRAIN.toSeconds());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (!audit.flush(DRAIN)) {
            LOG.warn("call focus: audit entries still unwritten after {} s; stopping anyway", DRAIN.toSeconds());
        }
        live.clear();
        LOG.debug("call focus stopped with {} live visits", calls.size());
    }

    @FunctionalInterface
    private interface KioskAction {
        void apply(VisitCall call, Visit visit);
    }
}
