package org.lucarne.signaling.circle;

import java.util.Optional;
import org.lucarne.signaling.ws.protocol.Message;

/** One socket as the device directory sees it: who is on the other end, and this socket's device state. */
public interface DevicePeer {
    /** The socket's session id, for logs. */
    String id();

    /** The tablet proven by the socket's device certificate, on the tablets' listener only. */
    Optional<String> tablet();

    /** Whether this is a kiosk on the tablets' listener, greeted (hello as {@code kiosk}). */
    boolean kiosk();

    /** Whether the socket said hello as the family app. */
    boolean family();

    /** The client's IP address, for the audit trail. */
    String address();

    /** Sends one message; never blocks, never throws for a closed socket. */
    void send(Message message);

    /** This socket's challenge and proven device. */
    SocketDevice device();
}
