package org.lucarne.signaling.call;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.lucarne.signaling.call.bridge.Bridge;
import org.lucarne.signaling.call.bridge.BridgePool;
import org.lucarne.signaling.config.SignalingConfig;
import org.lucarne.signaling.visit.JoinDecision;
import org.lucarne.signaling.visit.JoinRules;
import org.lucarne.signaling.visit.Visit;
import org.lucarne.signaling.visit.Visits;
import org.lucarne.signaling.ws.protocol.CallMessage;
import org.lucarne.signaling.ws.protocol.ErrorCode;
import org.lucarne.signaling.ws.protocol.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The call focus (the role Jicofo plays for JVB): it takes the call messages of every connection,
 * decides who may join which visit ({@link JoinRules}), and runs each live visit as a
 * {@link VisitCall} with a conference on a bridge of the {@link BridgePool}. A bridge that goes
 * down takes its calls elsewhere.
 */
public final class CallFocus implements BridgePool.HealthListener, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CallFocus.class);

    private final JoinRules rules;
    private final Visits visits;
    private final CallDirectory directory;
    private final Clock clock;
    private final CallContext ctx;
    private final Map<String, VisitCall> live = new ConcurrentHashMap<>();
    private final Map<String, Set<CallPeer>> kiosks = new ConcurrentHashMap<>();
    /** The visits each connection joined (or rang on), for its later messages and its close. */
    private final Map<CallPeer, Set<String>> joined = new ConcurrentHashMap<>();
    /** Who decides a staff join; until set, staff joins are refused. */
    private volatile StaffGate staffGate;

    public CallFocus(JoinRules rules, Visits visits, CallDirectory directory, BridgePool bridges,
                     SignalingConfig.Calls calls, Clock clock) {
        this.rules = Objects.requireNonNull(rules, "rules");
        this.visits = Objects.requireNonNull(visits, "visits");
        this.directory = Objects.requireNonNull(directory, "directory");
        this.clock = Objects.requireNonNull(clock, "clock");
        AtomicInteger n = new AtomicInteger();
        ExecutorService pool = Executors.newCachedThreadPool(r -> daemon(r, "lucarne-call-" + n.incrementAndGet()));
        ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "lucarne-call-timers"));
        this.ctx = new CallContext(bridges, directory, calls, clock, new SecureRandom(), pool, timers, this::kiosksOf);
        bridges.addHealthListener(this);
    }

    /** Set once at wiring: staff joins go through {@code gate} (session, policy, audit). */
    public void admitStaffWith(StaffGate gate) {
        this.staffGate = Objects.requireNonNull(gate, "gate");
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
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

    /** A call message from a connection that said hello as {@code app}. */
    public void handle(CallPeer peer, Message.App app, CallMessage message) {
        if (message instanceof CallMessage.Join j) {
            join(peer, app, j);
            return;
        }
        if (message instanceof CallMessage.Answer a) {
            kioskVisit(peer, a.visit(), (c, v) -> c.patientJoin(peer));
        } else if (message instanceof CallMessage.Decline d) {
            kioskVisit(peer, d.visit(), (c, v) -> {
                if (c.ringing()) {
                    c.decline(peer);
                } else {
                    peer.send(new Message.Error(ErrorCode.NOT_RINGING, "the tablet is not ringing for this visit"));
                }
            });
        } else if (message instanceof CallMessage.Admit a) {
            kioskVisit(peer, a.visit(), (c, v) -> c.admitOne(peer, a.participant()));
        } else if (message instanceof CallMessage.End e) {
            kioskVisit(peer, e.visit(), (c, v) -> c.end(peer));
        } else if (message instanceof CallMessage.Leave l) {
            member(peer, l.visit(), c -> c.leave(peer));
        } else if (message instanceof CallMessage.MediaState m) {
            member(peer, m.visit(), c -> c.mediaState(peer, m.muted(), m.cameraOff()));
        } else if (message instanceof CallMessage.SdpAnswer s) {
            member(peer, s.visit(), c -> c.sdpAnswer(peer, s.revision(), s.sdp()));
        } else if (message instanceof CallMessage.IceRestart r) {
            member(peer, r.visit(), c -> c.restartMedia(peer));
        } else {
            throw new IllegalStateException("a server message from a client: " + message.type().wireName());
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
                peer.send(new Message.Error(r.code(), r.message()));
                return;
            }
            JoinDecision.Admitted a = (JoinDecision.Admitted) d;
            joined(peer, a.visit().id());
            String contact = a.contactId().orElseThrow();
            run(callFor(a.visit()), c -> c.familyJoin(peer, contact));
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
        kioskVisit(peer, j.visit(), (c, v) -> c.patientJoin(peer));
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

    /** A kiosk's message about its tablet's visit: checked against the tablet's certificate and the clock. */
    private void kioskVisit(CallPeer peer, String visitId, KioskAction action) {
        if (peer.tablet().isEmpty()) {
            peer.send(new Message.Error(ErrorCode.NOT_ALLOWED, "only the bedside tablet answers, declines, admits"
                    + " and ends a call"));
            return;
        }
        JoinDecision d = rules.kiosk(peer.tablet().get(), visitId);
        if (d instanceof JoinDecision.Refused r) {
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
            VisitCall c = new VisitCall(visit, directory.patientName(visit.patientId()), ctx);
            Duration left = Duration.between(clock.instant(), visit.endsAt());
            ctx.schedule(c.queue, left.isNegative() ? Duration.ZERO : left, () -> {
                c.timeUp();
                live.remove(id, c);
            });
            return c;
        });
    }

    private static void run(VisitCall c, Consumer<VisitCall> action) {
        try {
            c.queue.execute(() -> action.accept(c));
        } catch (RejectedExecutionException e) {
            LOG.debug("visit {}: the server is stopping; a call task was dropped", c.visit().id());
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

    /** Ends every live call (the server is stopping): participants hear nothing; their pages reconnect. */
    @Override
    public void close() {
        // The sockets closed just before: their peerClosed() tasks, still queued, schedule grace timers.
        ctx.pool().shutdown();
        try {
            if (!ctx.pool().awaitTermination(2, TimeUnit.SECONDS)) {
                ctx.pool().shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            ctx.timers().shutdownNow();
        }
        LOG.debug("call focus stopped with {} live visits", live.size());
    }

    @FunctionalInterface
    private interface KioskAction {
        void apply(VisitCall call, Visit visit);
    }
}
