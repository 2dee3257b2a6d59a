package org.lucarne.signaling.call;

import java.util.Objects;

/**
 * A member of staff on a signaling socket, signed in when it said {@code hello}: who (for the call's
 * seat and the audit), the name the others see, the session the socket belongs to (re-checked at every
 * {@code join}), and the socket's address.
 */
public record StaffMember(String userId, String displayName, String sessionHash, String address) {
    public StaffMember {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(displayName, "displayName");
        Objects.requireNonNull(sessionHash, "sessionHash");
    }

    @Override
    public String toString() {
        return "StaffMember[" + userId + "]";
    }
}
