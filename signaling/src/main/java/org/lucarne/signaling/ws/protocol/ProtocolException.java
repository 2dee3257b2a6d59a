package org.lucarne.signaling.ws.protocol;

/** A frame the codec refused, with the code sent back to the client and a developer message. */
public final class ProtocolException extends Exception {
    private final ErrorCode code;

    public ProtocolException(ErrorCode code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    public ErrorCode code() {
        return code;
    }
}
