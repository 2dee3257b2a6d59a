package org.lucarne.signaling.call;

import java.util.Optional;
import org.lucarne.signaling.ws.protocol.Message;

/** One client connection on {@code /ws}, as the call focus sees it. */
public interface CallPeer {
    /** The connection's session id, for logs. */
    String id();

    /** The tablet proven by the connection's device certificate, on the kiosk listener only. */
    Optional<String> tablet();

    /** The client's IP address, for the audit trail. */
    String address();

    /** The member of staff signed in on this connection (the staff app only). */
    default Optional<StaffMember> staff() {
        return Optional.empty();
    }

    /**
     * The device this connection proved to be a member of a patient's circle (docs/protocol.md, "Devices and
     * circles"), by its id: a family page joins only with a device bound to its invite's contact.
     */
    default Optional<String> provenDevice() {
        return Optional.empty();
    }

    /** Sends one message; never blocks, never throws for a closed socket. */
    void send(Message message);
}
