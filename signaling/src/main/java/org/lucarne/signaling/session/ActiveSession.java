package org.lucarne.signaling.session;

import java.time.Instant;
import java.util.Objects;
import java.util.Set;
import org.lucarne.signaling.policy.Role;
import org.lucarne.signaling.policy.StaffActor;

/**
 * A session that is open now, with its user's role and wards as the database holds them at this
 * instant.
 *
 * @param tokenHash what identifies the session in the database and in the socket registry
 */
public record ActiveSession(String tokenHash, String userId, Role role, Set<String> wards, Instant createdAt,
                            Instant lastSeenAt, Instant expiresAt) {
    public ActiveSession {
        Objects.requireNonNull(tokenHash, "tokenHash");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(role, "role");
        wards = Set.copyOf(wards);
    }

    /** Who this is, for the authorization policy. */
    public StaffActor actor() {
        return new StaffActor(userId, role, wards);
    }

    @Override
    public String toString() {
        return "ActiveSession[user " + userId + "]";
    }
}
