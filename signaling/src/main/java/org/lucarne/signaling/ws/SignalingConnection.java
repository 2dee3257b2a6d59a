package org.lucarne.signaling.ws;

import java.util.HexFormat;
import java.util.Optional;
import java.security.SecureRandom;
import org.lucarne.signaling.call.CallFocus;
import org.lucarne.signaling.call.CallPeer;
import org.lucarne.signaling.call.StaffMember;
import org.lucarne.signaling.circle.BindingService;
import org.lucarne.signaling.circle.CircleDevice;
import org.lucarne.signaling.circle.DevicePeer;
import org.lucarne.signaling.circle.SocketDevice;
import org.lucarne.signaling.config.SignalingConfig;
import org.lucarne.signaling.device.KioskMessages;
import org.lucarne.signaling.device.NextVisitFeed;
import org.lucarne.signaling.device.TabletStatus;
import org.lucarne.signaling.device.Tablets;
import org.lucarne.signaling.relay.Relay;
import org.lucarne.signaling.relay.RelayConnection;
import org.lucarne.signaling.session.StaffPrincipal;
import org.lucarne.signaling.ws.protocol.BindingMessage;
import org.lucarne.signaling.ws.protocol.CallMessage;
import org.lucarne.signaling.ws.protocol.ErrorCode;
import org.lucarne.signaling.ws.protocol.Message;
import org.lucarne.signaling.ws.protocol.ProtocolCodec;
import org.lucarne.signaling.ws.protocol.ProtocolException;
import org.lucarne.signaling.ws.protocol.RelayMessage;
import org.lucarne.signaling.ws.protocol.TabletMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client's conversation on {@code /ws}, independent of the socket API: it reads text frames
 * and answers through a {@link Peer}. Every refusal is an {@code error} frame; repeated abuse
 * closes the socket with 1008.
 */
public final class SignalingConnection implements CallPeer, DevicePeer {
    private static final Logger LOG = LoggerFactory.getLogger(SignalingConnection.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    /** What the connection can do to its socket. */
    public interface Peer {
        void send(String text);

        void close(int code, String reason);
    }

    /**
     * What every connection shares; {@code calls} is null where calls are not served (unit tests of the
     * socket), {@code staff} where staff sign-in is not, {@code tablets}, {@code nextVisits} and {@code kiosks}
     * where no tablet connects, {@code devices} and {@code relay} where end-to-end encryption is not served.
     */
    public record Shared(ProtocolCodec codec, RateLimits limits, SignalingStats stats,
                         SignalingConfig.WebSocketLimits config, String serverVersion, CallFocus calls,
                         StaffSockets staff, Tablets tablets, NextVisitFeed nextVisits, KioskMessages kiosks,
                         BindingService devices, Relay relay) {
        public Shared(ProtocolCodec codec, RateLimits limits, SignalingStats stats,
                      SignalingConfig.WebSocketLimits config, String serverVersion, CallFocus calls) {
            this(codec, limits, stats, config, serverVersion, calls, null, null, null, null, null, null);
        }
    }

    private final Shared shared;
    private final Peer peer;
    private final String address;
    private final TokenBucket bucket;
    private final TokenBucket addressBucket;
    private final String id;
    private final Optional<String> tablet;
    private final Optional<StaffPrincipal> staffPrincipal;
    private volatile StaffMember staff;
    private final SocketDevice device = new SocketDevice();
    private final RelayConnection relayed;
    private volatile Message.App app;
    private int consecutiveErrors;

    public SignalingConnection(Shared shared, Peer peer, String address) {
        this(shared, peer, address, Optional.empty());
    }

    /** {@code tablet}: the tablet id verified at the upgrade on the kiosk listener, if any. */
    public SignalingConnection(Shared shared, Peer peer, String address, Optional<String> tablet) {
        this(shared, peer, address, tablet, Optional.empty());
    }

    /** {@code staff}: the member of staff whose session cookie the upgrade found valid, if any. */
    public SignalingConnection(Shared shared, Peer peer, String address, Optional<String> tablet,
                               Optional<StaffPrincipal> staff) {
        this.shared = shared;
        this.tablet = tablet;
        this.staffPrincipal = staff;
        this.peer = peer;
        this.address = address;
        this.bucket = shared.limits().newConnectionBucket();
        this.addressBucket = shared.limits().addressBucket(address);
        byte[] b = new byte[12];
        RANDOM.nextBytes(b);
        this.id = "s-" + HexFormat.of().formatHex(b);
        this.relayed = shared.relay() == null ? null : new RelayConnection(shared.relay(), this::send);
        if (relayed != null) {
            // The relay serves a proven device (docs/protocol.md), proven by this socket or let in from elsewhere.
            device.whenProven(d -> relayed.proven(Optional.of(d)));
        }
    }

    @Override
    public String id() {
        return id;
    }

    /**
     * The bedside tablet on the other end, proven by its device certificate on the kiosk listener and
     * enrolled and not revoked when the socket opened; empty on the public listener, whatever app says hello.
     */
    @Override
    public Optional<String> tablet() {
        return tablet;
    }

    /** The client's IP address, as the socket saw it. */
    @Override
    public String address() {
        return address;
    }

    /** The signed-in member of staff, once this connection said hello as the staff app. */
    @Override
    public Optional<StaffMember> staff() {
        return Optional.ofNullable(staff);
    }

    /** The app that said hello, or null before. */
    public Message.App app() {
        return app;
    }

    /**
     * This socket's device state: its challenge and the circle member it proved (docs/protocol.md, "Devices and
     * circles"), if any. The relay takes {@code device().proven()} as the sender of every envelope on this socket.
     */
    @Override
    public SocketDevice device() {
        return device;
    }

    /** The id of the member device this socket proved, if any: what a family join needs. */
    @Override
    public Optional<String> provenDevice() {
        return device.proven().map(CircleDevice::deviceId);
    }

    @Override
    public boolean kiosk() {
        return app == Message.App.KIOSK && tablet.isPresent();
    }

    @Override
    public boolean family() {
        return app == Message.App.FAMILY && tablet.isEmpty();
    }

    public void onText(String text) {
        if (!bucket.tryTake() || !addressBucket.tryTake()) {
            shared.stats().messageRateLimited();
            refuse(ErrorCode.RATE_LIMITED, "too many messages; slow down");
            return;
        }
        Message message;
        try {
            message = shared.codec().decodeFromClient(text);
        } catch (ProtocolException e) {
            refuse(e.code(), e.getMessage());
            return;
        }
        try {
            if (tablet.isPresent() && shared.kiosks() != null && !shared.kiosks().seen(tablet.get())) {
                LOG.info("closing connection {} from {}: tablet {} is revoked", id, address, tablet.get());
                peer.close(CloseCodes.POLICY, "tablet revoked");
                return;
            }
            handle(message);
        } catch (RuntimeException e) {
            LOG.error("connection {} failed on a {} message", id, message.type().wireName(), e);
            refuse(ErrorCode.INTERNAL, "the server failed on this message; it was not processed");
        }
    }

    private void handle(Message message) {
        switch (message.type()) {
            case HELLO -> {
                if (app != null) {
                    refuse(ErrorCode.ALREADY_GREETED, "hello was already received on this connection");
                    return;
                }
                Message.App greeted = ((Message.Hello) message).app();
                if (greeted == Message.App.STAFF && !greetStaff()) {
                    return;
                }
                app = greeted;
                var c = shared.config();
                send(new Message.Welcome(id, shared.serverVersion(), c.heartbeatSeconds(),
                        (int) c.idleTimeout().toSeconds()));
                if (greeted == Message.App.KIOSK && shared.nextVisits() != null) {
                    shared.nextVisits().greeted(this); // the idle screen's ward, language and next visit
                }
                if (tabletKiosk()) {
                    // Before the call focus's news of a visit, which it sends from the visit's executor.
                    send(shared.kiosks().greeted(tablet.get()));
                }
                if (shared.devices() != null) {
                    shared.devices().greeted(this); // the kiosk's circle, before a visit's news
                }
                if (shared.calls() != null) {
                    shared.calls().greeted(this);
                }
            }
            case PING -> {
                if (app == null) {
                    refuse(ErrorCode.HELLO_REQUIRED, "send hello first");
                    return;
                }
                send(new Message.Pong(((Message.Ping) message).seq()));
                StaffMember m = staff;
                if (m != null && shared.calls() != null) {
                    // A console sends no request during a call: being in one keeps the session alive.
                    shared.calls().ifInCall(this, () -> shared.staff().keepAlive(m.sessionHash()));
                }
            }
            case JOIN, ANSWER, DECLINE, ADMIT, LEAVE, END, MEDIA_STATE, SDP_ANSWER, ICE_RESTART, LINK_QUALITY,
                 VIDEO_SIZES -> {
                if (app == null) {
                    refuse(ErrorCode.HELLO_REQUIRED, "send hello first");
                    return;
                }
                if (shared.calls() == null) {
                    refuse(ErrorCode.NOT_AVAILABLE_YET, "this server does not handle calls");
                    return;
                }
                if (!stillEnrolled()) {
                    return;
                }
                shared.calls().handle(this, app, (CallMessage.Request) message);
            }
            case TABLET_STATUS, DO_NOT_DISTURB -> {
                if (!tabletMessage((TabletMessage) message)) {
                    return;
                }
            }
            case E2EE_HELLO, E2EE_BIND, E2EE_IDENTITY, E2EE_ADMIT_DEVICE -> {
                if (app == null) {
                    refuse(ErrorCode.HELLO_REQUIRED, "send hello first");
                    return;
                }
                if (shared.devices() == null) {
                    refuse(ErrorCode.NOT_AVAILABLE_YET, "this server does not serve end-to-end encryption's devices");
                    return;
                }
                if (!stillEnrolled()) {
                    return;
                }
                shared.devices().handle(this, (BindingMessage) message);
            }
            case E2EE_PREKEYS, E2EE_BUNDLE_GET, E2EE_SEND, E2EE_ACK, E2EE_BLOB_PUT, E2EE_BLOB_GET -> {
                if (!relayMessage((RelayMessage) message)) {
                    return;
                }
            }
            // The codec only lets client types through; these cannot arrive.
            case WELCOME, PONG, ERROR, VISIT_READY, RING, LOBBY, WAITING, JOINED, PARTICIPANT_JOINED,
                    PARTICIPANT_LEFT, PARTICIPANT_MEDIA, PARTICIPANT_RECONNECTING, SDP_OFFER, ENDED, WARD_CHANGED,
                    NEXT_VISIT, DO_NOT_DISTURB_STATE, E2EE_CHALLENGE, E2EE_BOUND, E2EE_REFUSED, E2EE_CIRCLE,
                    E2EE_WAITING_DEVICE, E2EE_DEVICE_DECIDED, E2EE_PREKEYS_STATE, E2EE_BUNDLE, E2EE_SENT,
                    E2EE_DELIVERED, E2EE_DELIVER,
                    E2EE_BLOB_STORED, E2EE_BLOB_CHUNK, E2EE_LINK_SECRET ->
                    throw new IllegalStateException("server type from a client");
        }
        consecutiveErrors = 0;
    }

    /** A message of the end-to-end encryption relay (docs/protocol.md, "Messages"); whether it was taken. */
    private boolean relayMessage(RelayMessage message) {
        if (app == null) {
            refuse(ErrorCode.HELLO_REQUIRED, "send hello first");
            return false;
        }
        if (relayed == null) {
            refuse(ErrorCode.NOT_AVAILABLE_YET, "this server does not relay end-to-end encrypted messages");
            return false;
        }
        if (!stillEnrolled()) {
            return false;
        }
        Optional<Message.Error> refused = relayed.handle(message);
        if (refused.isPresent()) {
            if (refused.get().code() == ErrorCode.RATE_LIMITED) {
                shared.stats().messageRateLimited();
            }
            refuse(refused.get().code(), refused.get().message());
            return false;
        }
        return true;
    }

    /** Whether this is a kiosk on the tablets' listener, greeted: the only sender of the tablet's own messages. */
    private boolean tabletKiosk() {
        return kiosk() && shared.kiosks() != null;
    }

    /**
     * A tablet's status or "do not disturb": only from its kiosk (anyone else gets {@code not_allowed}). Whether
     * it was taken (false: refused, with the error sent).
     */
    private boolean tabletMessage(TabletMessage message) {
        if (app == null) {
            refuse(ErrorCode.HELLO_REQUIRED, "send hello first");
            return false;
        }
        if (!tabletKiosk()) {
            refuse(ErrorCode.NOT_ALLOWED, "only the bedside tablet's kiosk sends " + message.type().wireName());
            return false;
        }
        if (message instanceof TabletMessage.TabletStatus s) {
            Optional<Message.Error> refused = shared.kiosks().status(tablet.get(), s);
            if (refused.isPresent()) {
                shared.stats().messageRateLimited();
                refuse(refused.get().code(), refused.get().message());
                return false;
            }
        } else if (message instanceof TabletMessage.DoNotDisturb d && stillEnrolled()) {
            shared.kiosks().doNotDisturb(tablet.get(), address, d.on()).ifPresent(this::send);
        }
        return true;
    }

    /**
     * Whether this connection may act for its tablet now (true for any other connection). The upgrade
     * checked the tablet once, but another node may have revoked it since, and only that node's sockets
     * close at once: so every call message of a kiosk reads the tablet's row again. It is one read by
     * primary key and a call takes a handful of messages (pings do not ask), so no cache is worth its
     * staleness. A revoked (or deleted) tablet's socket is closed with 1008 and the message dropped.
     */
    private boolean stillEnrolled() {
        if (tablet.isEmpty() || shared.tablets() == null
                || shared.tablets().status(tablet.get()) == TabletStatus.ENROLLED) {
            return true;
        }
        LOG.info("closing connection {} from {}: tablet {} is revoked", id, address, tablet.get());
        peer.close(CloseCodes.POLICY, "tablet revoked");
        return false;
    }

    @Override
    public void send(Message m) {
        peer.send(shared.codec().encode(m));
    }

    /**
     * {@code hello} as the staff app: only with a session that is open now. Without one the socket is
     * refused ({@code not_signed_in}) and closed with 1008: the console signs in first, then connects.
     */
    private boolean greetStaff() {
        Optional<StaffMember> m = shared.staff() == null || staffPrincipal.isEmpty() ? Optional.empty()
                : shared.staff().greet(this, staffPrincipal.get().tokenHash(), address);
        if (m.isEmpty()) {
            refuse(ErrorCode.NOT_SIGNED_IN, "the staff console needs a signed-in session: sign in, then connect");
            peer.close(CloseCodes.POLICY, "not signed in");
            return false;
        }
        staff = m.get();
        return true;
    }

    /** The staff session of this socket ended: out of every call at once, and closed with 1008. */
    void signedOut() {
        if (shared.calls() != null) {
            shared.calls().signedOut(this);
        }
        peer.close(CloseCodes.POLICY, "signed out");
    }

    /** The socket closed: the call focus keeps a seat in a call for a while, and forgets a kiosk. */
    public void closed() {
        StaffMember m = staff;
        if (m != null && shared.staff() != null) {
            shared.staff().forget(m.sessionHash(), this);
        }
        if (shared.nextVisits() != null) {
            shared.nextVisits().closed(this);
        }
        if (shared.devices() != null) {
            shared.devices().closed(this);
        }
        if (relayed != null) {
            relayed.closed();
        }
        if (shared.calls() != null) {
            shared.calls().closed(this);
        }
    }

    private void refuse(ErrorCode code, String why) {
        shared.stats().protocolError();
        send(new Message.Error(code, why));
        if (++consecutiveErrors >= shared.config().maxConsecutiveErrors()) {
            LOG.info("closing connection {} from {}: {} refused messages in a row (last: {})",
                    id, address, consecutiveErrors, code.wireName());
            peer.close(CloseCodes.POLICY, "too many refused messages");
        }
    }

    /** The close codes Lucarne uses (RFC 6455 §7.4.1). */
    public static final class CloseCodes {
        public static final int NORMAL = 1000;
        public static final int GOING_AWAY = 1001;
        public static final int UNSUPPORTED_DATA = 1003;
        public static final int POLICY = 1008;
        public static final int TOO_BIG = 1009;
        public static final int SERVER_ERROR = 1011;

        private CloseCodes() {
        }
    }
}
