package org.lucarne.signaling.call;

import java.util.Locale;
import java.util.Objects;
import org.lucarne.signaling.ws.protocol.CallMessage.Role;

/**
 * Someone in a live visit, as the staff console lists them: their role, the name the others see,
 * and where they are. No ids: the console shows who is there, nothing to act on.
 */
public record LiveParticipant(Role role, String name, Presence presence) {
    public LiveParticipant {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(presence, "presence");
    }

    /** Where a participant is. */
    public enum Presence {
        /** In the call. */
        IN_CALL,
        /** In the call, their connection lost; their seat is kept during the reconnect grace. */
        RECONNECTING,
        /** In the lobby: the tablet rings, the patient has not answered yet. */
        WAITING;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    @Override
    public String toString() {
        return "LiveParticipant[" + role + ", " + presence + "]"; // never the name in a log
    }
}
