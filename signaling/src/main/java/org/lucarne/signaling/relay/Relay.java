package org.lucarne.signaling.relay;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.LongSupplier;
import org.lucarne.signaling.audit.AuditAction;
import org.lucarne.signaling.circle.CircleDevice;
import org.lucarne.signaling.circle.Circles;
import org.lucarne.signaling.audit.AuditEvent;
import org.lucarne.signaling.audit.AuditOutcome;
import org.lucarne.signaling.audit.AuditTrail;
import org.lucarne.signaling.config.E2eeSettings;
import org.lucarne.signaling.policy.AccessPolicy;
import org.lucarne.signaling.storage.Database;
import org.lucarne.signaling.ws.protocol.ErrorCode;
import org.lucarne.signaling.ws.protocol.Message;
import org.lucarne.signaling.ws.protocol.RelayMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The end-to-end encryption relay (docs/e2ee.md, "The server"): the sockets of proven devices on this node, the
 * delivery of their queues, what happens when a circle changes, and the tablet's link secrets. The requests
 * themselves are {@link RelayRequests}. Devices are named by their base64url ids, in logs too: never people.
 */
public final class Relay {
    private static final Logger LOG = LoggerFactory.getLogger(Relay.class);
    /** A device's refusals of one kind are audited once in this long, whatever their number. */
    static final Duration AUDIT_EVERY = Duration.ofMinutes(10);

    private final Database db;
    private final Clock clock;
    private final Circles circles;
    private final LinkSecrets linkSecrets;
    private final AuditTrail audit;
    private final RelayRequests requests;
    private final Map<String, Set<RelaySocket>> sockets = new ConcurrentHashMap<>();
    private final Cache<String, Boolean> audited = Caffeine.newBuilder().expireAfterWrite(AUDIT_EVERY)
            .maximumSize(100_000).build();

    private final Executor executor;
    private final Function<String, List<String>> tabletsOfWard;

    private Relay(Database db, Clock clock, LongSupplier nanoTime, E2eeSettings settings, Circles circles,
                  LinkSecrets linkSecrets, AuditTrail audit, AccessPolicy policy,
                  Function<String, List<String>> tabletsOfWard, Executor executor) {
        this.tabletsOfWard = Objects.requireNonNull(tabletsOfWard, "tabletsOfWard");
        this.db = Objects.requireNonNull(db, "db");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.circles = Objects.requireNonNull(circles, "circles");
        this.linkSecrets = Objects.requireNonNull(linkSecrets, "linkSecrets");
        this.audit = Objects.requireNonNull(audit, "audit");
        this.executor = Objects.requireNonNull(executor, "executor");
        this.requests = new RelayRequests(this, db, clock, settings, new RelayLimits(settings, nanoTime),
                Objects.requireNonNull(policy, "policy"));
    }

    /**
     * The relay, listening to the circles' changes; time from {@code clock} and {@code nanoTime} (rates); the policy
     * decides {@code message.send}; {@code tabletsOfWard} names a ward's tablets, read on {@code executor} when the
     * ward changes.
     */
    public static Relay create(Database db, Clock clock, LongSupplier nanoTime, E2eeSettings settings,
                               Circles circles, LinkSecrets linkSecrets, AuditTrail audit, AccessPolicy policy,
                               Function<String, List<String>> tabletsOfWard, Executor executor) {
        Relay relay = new Relay(db, clock, nanoTime, settings, circles, linkSecrets, audit, policy, tabletsOfWard,
                executor);
        circles.addListener(relay::circleChanged);
        return relay;
    }

    Circles circles() {
        return circles;
    }

    /**
     * A socket proved it is {@code deviceId} (a family device's proof, or the kiosk of a tablet with its identity):
     * from now on it may use the relay. It is sent its prekeys' state when there is news (one-time prekeys handed out,
     * or fewer than {@value Prekeys#REFILL_BELOW} left of a device that published a signed prekey), for a tablet the
     * link secrets' values of its patient's live invites, then its queue from the head (a family's first envelope can
     * only be opened with its link's value). Empty when the device is in no circle now.
     */
    public Optional<RelaySocket> attach(String deviceId, Consumer<Message> out) {
        Optional<CircleDevice> member = circles.member(deviceId);
        if (member.isEmpty()) {
            return Optional.empty();
        }
        RelaySocket socket = new RelaySocket(member.get(), out);
        sockets.computeIfAbsent(deviceId, d -> ConcurrentHashMap.newKeySet()).add(socket);
        requests.sendStateIfNews(socket);
        if (member.get().kind() == CircleDevice.Kind.TABLET) {
            sendLinkSecrets(socket); // before the queue: a family's first message needs its link's value
        }
        pump(socket);
        return Optional.of(socket);
    }

    /** The socket closed: nothing more goes to it; what it had in flight waits in the queue. */
    public void detach(RelaySocket socket) {
        socket.close();
        sockets.computeIfPresent(socket.device(), (d, set) -> {
            set.remove(socket);
            return set.isEmpty() ? null : set;
        });
    }

    /**
     * One request of the socket's device. Refusals come out as {@link RelayRefusal} (an error frame for the socket):
     * the device left its circle, a limit, a bad envelope or prekey.
     */
    public void handle(RelaySocket socket, RelayMessage message) {
        requests.handle(socket, message);
    }

    /** The sockets of {@code device} on this node, for pushes. */
    Set<RelaySocket> socketsOf(String device) {
        return sockets.getOrDefault(device, Set.of());
    }

    /** Sends {@code socket} what fits its window of its queue. */
    void pump(RelaySocket socket) {
        if (socket.closed()) {
            return;
        }
        long[] window = socket.window();
        if (window[0] <= 0) {
            return;
        }
        List<EnvelopeQueue.Queued> queued = db.inTransaction(c -> EnvelopeQueue.after(c, socket.device(), window[1],
                (int) window[0]));
        socket.deliver(queued);
    }

    /**
     * The relay's refusal of the circle's rule (the policy's {@code message.send}) to {@code member}, about
     * {@code other} (a device id): audited, but once in {@link #AUDIT_EVERY} per device and kind, never once a message.
     */
    RelayRefusal refusedByCircle(CircleDevice member, String other, String why, String words) {
        if (audited.asMap().putIfAbsent(member.deviceId() + " " + why, Boolean.TRUE) == null) {
            audit.record(AuditEvent.of(actor(member), AuditAction.E2EE_RELAY_REFUSED, AuditOutcome.REFUSED)
                    .patient(member.circleId()).target("device", other)
                    .detail("action=message.send device=" + member.deviceId() + " " + why));
        }
        return new RelayRefusal(ErrorCode.E2EE_NOT_IN_CIRCLE, words);
    }

    /** Who acts, as the audit trail names them: the tablet, or the family contact. */
    static String actor(CircleDevice d) {
        return d.kind() == CircleDevice.Kind.TABLET ? AuditEvent.tablet(d.tabletId()) : AuditEvent.family(d.contactId());
    }

    /**
     * A circle changed: the devices that left it are forgotten (their queues, prekeys and photos deleted) and their
     * sockets lose the relay; the tablet's sockets get any new link secret.
     */
    void circleChanged(String circleId) {
        List<String> members = circles.members(circleId).stream().map(CircleDevice::deviceId).toList();
        List<String> departed = db.inTransaction(c -> RelayStore.departed(c, circleId, members));
        for (String gone : departed) {
            db.inTransaction(c -> {
                RelayStore.forget(c, gone);
                return null;
            });
            for (RelaySocket s : Set.copyOf(socketsOf(gone))) {
                detach(s);
            }
            LOG.info("relay: device {} left circle {}; its queue and prekeys are deleted", gone, circleId);
        }
    }

    /**
     * Something was booked or changed in a ward (after the commit): the kiosks of its tablets connected here get the
     * link secrets' values they have not had on this socket. Returns at once; the work is done on the executor.
     */
    public void wardChanged(String wardId) {
        if (wardId == null) {
            return;
        }
        executor.execute(() -> {
            List<String> tablets = tabletsOfWard.apply(wardId);
            for (Set<RelaySocket> set : sockets.values()) {
                for (RelaySocket s : set) {
                    if (s.member().kind() == CircleDevice.Kind.TABLET && tablets.contains(s.member().tabletId())) {
                        sendLinkSecrets(s);
                    }
                }
            }
        });
    }

    private void sendLinkSecrets(RelaySocket socket) {
        List<RelayMessage.LinkSecret> live = db.inTransaction(c -> linkSecrets.forPatient(c, socket.member().circleId(),
                clock.instant()));
        for (RelayMessage.LinkSecret s : live) {
            if (socket.firstTime(s.invite())) {
                socket.send(s);
            }
        }
    }
}
