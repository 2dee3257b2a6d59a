package org.lucarne.signaling.call.bridge;

import java.util.Objects;
import java.util.Optional;

/**
 * A bridge did not do what the focus asked. {@link #kind()} says what the caller should do about it;
 * {@link #bridgeMessage()} is the bridge's own explanation, when it gave one.
 */
public final class BridgeException extends Exception {
    /** What went wrong, and so what to do. */
    public enum Kind {
        /** 4xx other than 404: the bridge understood and said no. A bug in the focus or bad input; do not retry elsewhere. */
        REFUSED,
        /** 404 on a conference: the bridge does not know it (it expired it, or restarted). Start the call again. */
        CONFERENCE_GONE,
        /** Unreachable, timed out, or 5xx: the bridge is in trouble. Fail over to another bridge. */
        UNAVAILABLE,
        /** 200 with a body that is not a valid answer, or a status no bridge sends: not a bridge we can drive. */
        INVALID_ANSWER
    }

    private final transient Bridge bridge;
    private final Kind kind;
    private final int status;
    private final String bridgeMessage;

    BridgeException(Bridge bridge, Kind kind, int status, String request, String bridgeMessage, Throwable cause) {
        this(bridge, kind, status, request, bridgeMessage, null, cause);
    }

    /** {@code hint} is the focus's advice to the operator, added to the message after the bridge's own. */
    BridgeException(Bridge bridge, Kind kind, int status, String request, String bridgeMessage, String hint,
                    Throwable cause) {
        super(describe(bridge, kind, status, request, bridgeMessage) + (hint == null ? "" : " (" + hint + ")"), cause);
        this.bridge = Objects.requireNonNull(bridge, "bridge");
        this.kind = Objects.requireNonNull(kind, "kind");
        this.status = status;
        this.bridgeMessage = bridgeMessage;
    }

    public Bridge bridge() {
        return bridge;
    }

    public Kind kind() {
        return kind;
    }

    /** The HTTP status of the bridge's answer; 0 when there was none (unreachable, timed out). */
    public int status() {
        return status;
    }

    /** What the bridge said about the failure, cleaned of control characters and shortened. */
    public Optional<String> bridgeMessage() {
        return Optional.ofNullable(bridgeMessage);
    }

    /** Whether another bridge might do what this one could not. */
    public boolean shouldFailOver() {
        return kind == Kind.UNAVAILABLE;
    }

    private static String describe(Bridge bridge, Kind kind, int status, String request, String message) {
        String verb = switch (kind) {
            case REFUSED -> "refused";
            case CONFERENCE_GONE -> "does not know the conference of";
            case UNAVAILABLE -> "could not answer";
            case INVALID_ANSWER -> "gave an invalid answer to";
        };
        return "bridge " + bridge.name() + " " + verb + " " + request + (status > 0 ? " (HTTP " + status + ")" : "")
                + (message == null ? "" : ": " + message);
    }
}
