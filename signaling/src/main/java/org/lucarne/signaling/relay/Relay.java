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
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.lucarne.signaling.audit.AuditAction;
import org.lucarne.signaling.audit.AuditEvent;
import org.lucarne.signaling.audit.AuditOutcome;
import org.lucarne.signaling.audit.AuditTrail;
import org.lucarne.signaling.config.E2eeSettings;
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
    private final RelayCircles circles;
    private final LinkSecrets linkSecrets;
    private final AuditTrail audit;
    private final RelayRequests requests;
    private final Map<String, Set<RelaySocket>> sockets = new ConcurrentHashMap<>();
    private final Cache<String, Boolean> audited = Caffeine.newBuilder().expireAfterWrite(AUDIT_EVERY)
            .maximumSize(100_000).build();

    private Relay(Database db, Clock clock, LongSupplier nanoTime, E2eeSettings settings, RelayCircles circles,
                  LinkSecrets linkSecrets, AuditTrail audit) {
        this.db = Objects.requireNonNull(db, "db");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.circles = Objects.requireNonNull(circles, "circles");
        this.linkSecrets = Objects.requireNonNull(linkSecrets, "linkSecrets");
        this.audit = Objects.requireNonNull(audit, "audit");
        this.requests = new RelayRequests(this, db, clock, settings, new RelayLimits(settings, nanoTime));
    }

    /** The relay, listening to the circles' changes; time from {@code clock} and {@code nanoTime} (rates). */
    public static Relay create(Database db, Clock clock, LongSupplier nanoTime, E2eeSettings settings,
                               RelayCircles circles, LinkSecrets linkSecrets, AuditTrail audit) {
        Relay relay = new Relay(db, clock, nanoTime, settings, circles, linkSecrets, audit);
        circles.addListener(relay::circleChanged);
        return relay;
    }

    RelayCircles circles() {
        return circles;
    }

    /**
     * A socket proved it is {@code deviceId} (a family device's proof, or the kiosk of a tablet with its identity):
     * from now on it may use the relay. It is sent its prekeys' state, its queue from the head, and, for a tablet,
     * the link secrets' values of its patient's live invites. Empty when the device is in no circle now.
     */
    public Optional<RelaySocket> attach(String deviceId, Consumer<Message> out) {
        Optional<RelayCircles.Member> member = circles.member(deviceId);
        if (member.isEmpty()) {
            return Optional.empty();
        }
        RelaySocket socket = new RelaySocket(member.get(), out);
        sockets.computeIfAbsent(deviceId, d -> ConcurrentHashMap.newKeySet()).add(socket);
        requests.sendState(socket);
        pump(socket);
        if (member.get().tablet()) {
            sendLinkSecrets(socket);
        }
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

    /** The relay's refusal of the circle's rule by {@code member}, audited once in {@link #AUDIT_EVERY} per kind. */
    RelayRefusal refusedByCircle(RelayCircles.Member member, String why, String words) {
        if (audited.asMap().putIfAbsent(member.deviceId() + " " + why, Boolean.TRUE) == null) {
            audit.record(AuditEvent.of(member.actor(), AuditAction.E2EE_RELAY_REFUSED, AuditOutcome.REFUSED)
                    .patient(member.circleId()).target("device", member.deviceId()).detail(why));
        }
        return new RelayRefusal(ErrorCode.E2EE_NOT_IN_CIRCLE, words);
    }

    /**
     * A circle changed: the devices that left it are forgotten (their queues, prekeys and photos deleted) and their
     * sockets lose the relay; the tablet's sockets get any new link secret.
     */
    void circleChanged(String circleId) {
        for (String gone : circles.departed(circleId)) {
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
     * Something was booked or changed in a ward: the tablets of its patients connected here get the link secrets'
     * values they have not had on this socket. Called after the change is committed.
     */
    public void patientChanged(String patientId) {
        for (RelayCircles.Member m : circles.members(patientId)) {
            if (m.tablet()) {
                socketsOf(m.deviceId()).forEach(this::sendLinkSecrets);
            }
        }
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
