package org.lucarne.signaling.call;

import java.util.Optional;
import org.lucarne.signaling.ws.protocol.Message;

/** One client connection on {@code /ws}, as the call focus sees it. */
public interface CallPeer {
    /** The connection's session id, for logs. */
    String id();

    /** The tablet proven by the connection's device certificate, on the kiosk listener only. */
    Optional<String> tablet();

    /** The member of staff signed in on this connection (the staff app only). */
    default Optional<StaffMember> staff() {
        return Optional.empty();
    }

    /** Sends one message; never blocks, never throws for a closed socket. */
    void send(Message message);
}
