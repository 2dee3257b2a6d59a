package org.lucarne.signaling.circle;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.lucarne.signaling.ws.protocol.BindingMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sockets of each circle and what they are told: {@code e2ee_circle} to every member's socket and the kiosks of
 * the patient's bed at each change ({@link Circles#addListener}), an empty {@code e2ee_circle} to a socket whose device
 * left it.
 * Changes no write announces (a visit over, an invite revoked, a contact removed, a patient discharged or moved)
 * are found by {@link #watch}: every {@link #WATCH_INTERVAL}, the circles with sockets here are read again.
 */
public final class CircleFeed implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CircleFeed.class);
    public static final Duration WATCH_INTERVAL = Duration.ofSeconds(30);

    private final Circles circles;
    private final DeviceDirectory directory;
    private final CircleNames names;
    /** The sockets of each circle: members' and kiosks'. */
    private final Map<String, Set<DevicePeer>> byCircle = new ConcurrentHashMap<>();
    /** The sockets each device waits on. */
    private final Map<String, Set<DevicePeer>> waitingOn = new ConcurrentHashMap<>();
    /** The circle each kiosk socket is in (the patient in its bed when last read), or "" for none. */
    private final Map<DevicePeer, String> kiosks = new ConcurrentHashMap<>();
    /** The members each circle had when last told, by device id. */
    private final Map<String, List<String>> told = new ConcurrentHashMap<>();
    private volatile ScheduledFuture<?> watching;

    public CircleFeed(Circles circles, DeviceDirectory directory, CircleNames names) {
        this.circles = Objects.requireNonNull(circles, "circles");
        this.directory = Objects.requireNonNull(directory, "directory");
        this.names = Objects.requireNonNull(names, "names");
        circles.addListener(this::tell);
    }

    /** Reads the circles with sockets here again every {@link #WATCH_INTERVAL}, on {@code pool}. */
    public void watch(ScheduledExecutorService timers, Executor pool) {
        long every = WATCH_INTERVAL.toMillis();
        watching = timers.scheduleWithFixedDelay(() -> {
            try {
                pool.execute(this::reread);
            } catch (RejectedExecutionException e) {
                LOG.debug("circle watch: the server is stopping");
            }
        }, every, every, TimeUnit.MILLISECONDS);
    }

    /** A kiosk said hello: it hears its bed's circle (none for an empty bed) and who waits to be let in. */
    void kioskGreeted(DevicePeer kiosk) {
        String circle = directory.patientInBed(kiosk.tablet().orElseThrow()).orElse("");
        kiosks.put(kiosk, circle);
        if (!circle.isEmpty()) {
            join(circle, kiosk);
        }
        kiosk.send(message(circle.isEmpty() ? null : circle, circle.isEmpty() ? List.of() : circles.members(circle)));
        if (!circle.isEmpty()) {
            for (DeviceRow w : directory.waiting(circle)) {
                kiosk.send(new BindingMessage.E2eeWaitingDevice(w.deviceId(), names.contactName(w.contactId())));
            }
        }
    }

    /** The kiosk's circle now, as last read: empty for an empty bed or a socket that is no greeted kiosk. */
    Optional<String> kioskCircle(DevicePeer kiosk) {
        String c = kiosks.get(kiosk);
        return c == null || c.isEmpty() ? Optional.empty() : Optional.of(c);
    }

    /**
     * The socket proved a member device: it is told its circle at every change, and now unless {@code tellNow} is
     * false (the caller announces a change of the circle, which tells it).
     */
    void proven(DevicePeer peer, CircleDevice device, boolean tellNow) {
        leaveWaiting(peer);
        join(device.circleId(), peer);
        if (tellNow) {
            peer.send(message(device.circleId(), circles.members(device.circleId())));
        }
        peer.device().prove(device); // then the relay attaches it: the circle comes before what waited for it
    }

    /** The socket's device waits to be let in: it hears the decision. */
    void waiting(DevicePeer peer, String deviceId) {
        peer.device().waitAs(deviceId);
        waitingOn.computeIfAbsent(deviceId, d -> ConcurrentHashMap.newKeySet()).add(peer);
    }

    /** The sockets whose device {@code deviceId} waits. */
    List<DevicePeer> waitingSockets(String deviceId) {
        Set<DevicePeer> s = waitingOn.get(deviceId);
        return s == null ? List.of() : List.copyOf(s);
    }

    /** The kiosks in the circle (those of the tablet in the patient's bed). */
    List<DevicePeer> kiosksOf(String circleId) {
        Set<DevicePeer> s = byCircle.get(circleId);
        return s == null ? List.of() : s.stream().filter(DevicePeer::kiosk).toList();
    }

    /** The socket closed. */
    void closed(DevicePeer peer) {
        kiosks.remove(peer);
        leaveWaiting(peer);
        byCircle.values().forEach(s -> s.remove(peer));
        byCircle.entrySet().removeIf(e -> e.getValue().isEmpty());
    }

    private void join(String circle, DevicePeer peer) {
        byCircle.computeIfAbsent(circle, c -> ConcurrentHashMap.newKeySet()).add(peer);
    }

    private void leaveWaiting(DevicePeer peer) {
        peer.device().waiting().ifPresent(d -> waitingOn.computeIfPresent(d, (k, s) -> {
            s.remove(peer);
            return s.isEmpty() ? null : s;
        }));
    }

    /**
     * The members of a circle may have changed: the sockets of its member devices hear the circle, those whose device
     * left it an {@code e2ee_circle} of no circle and no device. A kiosk that published no identity yet was told the circle's id at its greeting
     * and hears no more of it.
     */
    private void tell(String circle) {
        Set<DevicePeer> peers = byCircle.get(circle);
        List<CircleDevice> members = circles.members(circle);
        told.put(circle, members.stream().map(CircleDevice::deviceId).toList());
        if (peers == null || peers.isEmpty()) {
            return;
        }
        BindingMessage.E2eeCircle now = message(circle, members);
        for (DevicePeer p : List.copyOf(peers)) {
            Optional<CircleDevice> mine = p.device().proven();
            if (mine.isPresent() && members.stream().anyMatch(m -> m.deviceId().equals(mine.get().deviceId()))) {
                p.send(now);
            } else if (mine.isPresent()) {
                p.device().forget();
                if (!p.kiosk()) {
                    peers.remove(p);
                }
                p.send(new BindingMessage.E2eeCircle(null, List.of())); // in no circle now: it hears nobody's keys
            }
        }
    }

    /** One round of the watch: circles whose members changed are told; kiosks whose bed's patient changed too. */
    void reread() {
        for (var k : Map.copyOf(kiosks).entrySet()) {
            String now = k.getKey().tablet().flatMap(directory::patientInBed).orElse("");
            if (!now.equals(k.getValue())) {
                LOG.info("kiosk {}: its bed's circle changed", k.getKey().id());
                byCircle.values().forEach(s -> s.remove(k.getKey()));
                k.getKey().device().forget(); // the tablet's identity was the former stay's
                kioskGreeted(k.getKey());
            }
        }
        for (String circle : List.copyOf(byCircle.keySet())) {
            List<String> ids = circles.members(circle).stream().map(CircleDevice::deviceId).toList();
            if (!ids.equals(told.get(circle))) {
                circles.changed(circle);
            }
        }
        told.keySet().retainAll(byCircle.keySet());
    }

    /** {@code e2ee_circle}: the members with their roles and names (read once per message). */
    BindingMessage.E2eeCircle message(String circle, List<CircleDevice> members) {
        Map<String, String> seen = new HashMap<>();
        List<BindingMessage.CircleDevice> out = new ArrayList<>(members.size());
        for (CircleDevice d : members) {
            boolean tablet = d.kind() == CircleDevice.Kind.TABLET;
            String name = tablet ? seen.computeIfAbsent("p:" + circle, k -> names.patientName(circle))
                    : seen.computeIfAbsent("c:" + d.contactId(), k -> names.contactName(d.contactId()));
            out.add(new BindingMessage.CircleDevice(d.deviceId(), d.identityText(),
                    tablet ? BindingMessage.Role.PATIENT : BindingMessage.Role.FAMILY, name));
        }
        return new BindingMessage.E2eeCircle(circle, out.subList(0, Math.min(out.size(), BindingMessage.MAX_CIRCLE_DEVICES)));
    }

    @Override
    public void close() {
        ScheduledFuture<?> w = watching;
        if (w != null) {
            w.cancel(false);
        }
    }
}
