package org.lucarne.signaling.relay;

import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import org.lucarne.signaling.circle.CircleDevice;
import org.lucarne.signaling.ws.protocol.ErrorCode;
import org.lucarne.signaling.ws.protocol.Message;
import org.lucarne.signaling.ws.protocol.RelayMessage;

/**
 * One socket's side of the relay: attached once the socket's device is proven (the binding's {@code SocketDevice}),
 * again if it proves another, detached when the socket closes. Until then every relay type is refused
 * {@code not_allowed}.
 */
public final class RelayConnection {
    private final Relay relay;
    private final Consumer<Message> out;
    private RelaySocket socket;

    public RelayConnection(Relay relay, Consumer<Message> out) {
        this.relay = Objects.requireNonNull(relay, "relay");
        this.out = Objects.requireNonNull(out, "out");
    }

    /** The socket's proven device after a device message: attaches it to the relay if it is new. */
    public synchronized void proven(Optional<CircleDevice> device) {
        if (device.isEmpty() || (socket != null && socket.device().equals(device.get().deviceId()))) {
            return;
        }
        if (socket != null) {
            relay.detach(socket);
        }
        socket = relay.attach(device.get().deviceId(), out).orElse(null);
    }

    /** One relay request; the error frame to answer when it is refused. */
    public Optional<Message.Error> handle(RelayMessage message) {
        RelaySocket s;
        synchronized (this) {
            s = socket;
        }
        if (s == null) {
            return Optional.of(new Message.Error(ErrorCode.NOT_ALLOWED, "prove this device first: e2ee_hello with its"
                    + " proof or e2ee_bind (the kiosk: e2ee_identity), then send " + message.type().wireName()));
        }
        try {
            relay.handle(s, message);
            return Optional.empty();
        } catch (RelayRefusal refused) {
            return Optional.of(new Message.Error(refused.code(), refused.getMessage()));
        }
    }

    public synchronized void closed() {
        if (socket != null) {
            relay.detach(socket);
            socket = null;
        }
    }
}
