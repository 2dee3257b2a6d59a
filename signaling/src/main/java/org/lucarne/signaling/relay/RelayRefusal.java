package org.lucarne.signaling.relay;

import org.lucarne.signaling.ws.protocol.ErrorCode;

/**
 * A request of the relay refused for a reason its sender can act on: the socket answers it as an {@code error}
 * frame with {@link #code()} and the message. Thrown inside a transaction, it rolls it back: nothing half-written.
 */
public final class RelayRefusal extends RuntimeException {
    private final ErrorCode code;

    public RelayRefusal(ErrorCode code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    public ErrorCode code() {
        return code;
    }
}
