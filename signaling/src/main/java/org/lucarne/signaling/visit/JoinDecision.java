package org.lucarne.signaling.visit;

import java.util.Objects;
import java.util.Optional;
import org.lucarne.signaling.ws.protocol.ErrorCode;

/** What {@link JoinRules} decided: let the sender in to a visit, or refuse with a protocol error. */
public sealed interface JoinDecision permits JoinDecision.Admitted, JoinDecision.Refused {

    /**
     * The sender may join {@code visit}.
     *
     * @param contactId the family contact whose invite it was; empty for staff and kiosks
     * @param inviteIdHash the invite's stored hash, to find the seat when staff revoke it; empty
     *                     for staff and kiosks
     */
    record Admitted(Visit visit, Optional<String> contactId, Optional<String> inviteIdHash)
            implements JoinDecision {
        public Admitted {
            Objects.requireNonNull(visit, "visit");
            Objects.requireNonNull(contactId, "contactId");
            Objects.requireNonNull(inviteIdHash, "inviteIdHash");
        }
    }

    /**
     * The sender may not join: send an {@code error} frame with {@code code}. The message says
     * why in English for logs and the frame's {@code message}; it never tells an unknown invite
     * from an expired one.
     */
    record Refused(ErrorCode code, String message) implements JoinDecision {
        public Refused {
            Objects.requireNonNull(code, "code");
            Objects.requireNonNull(message, "message");
        }
    }

    default boolean admitted() {
        return this instanceof Admitted;
    }
}
