package org.lucarne.signaling.policy;

import java.util.Objects;
import java.util.Set;

/**
 * A signed-in member of staff as the policy sees them: who, in which role, on which wards. Read
 * afresh from the database at every request, so a role or ward change counts at once.
 */
public record StaffActor(String userId, Role role, Set<String> wards) {
    public StaffActor {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(role, "role");
        wards = Set.copyOf(wards);
    }

    public boolean worksOn(String wardId) {
        return wardId != null && wards.contains(wardId);
    }
}
