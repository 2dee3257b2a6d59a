package org.lucarne.signaling.session;

import java.security.Principal;
import java.util.Objects;

/**
 * A member of staff whose session cookie was valid at the {@code /ws} upgrade on the public listener:
 * the user principal of that upgrade, as {@code TabletPrincipal} is a tablet's on the kiosk listener.
 * It names the session by its token hash, which the socket re-checks at {@code hello} and at every
 * {@code join}.
 */
public record StaffPrincipal(String tokenHash, String userId) implements Principal {
    public StaffPrincipal {
        Objects.requireNonNull(tokenHash, "tokenHash");
        Objects.requireNonNull(userId, "userId");
    }

    @Override
    public String getName() {
        return userId;
    }

    @Override
    public String toString() {
        return "StaffPrincipal[" + userId + "]";
    }
}
