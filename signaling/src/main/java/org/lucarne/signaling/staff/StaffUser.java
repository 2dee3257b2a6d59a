package org.lucarne.signaling.staff;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.lucarne.signaling.policy.Role;
import org.lucarne.signaling.ward.WardRef;

/**
 * A staff account as the console shows it: no password hash, no second-factor secret.
 *
 * @param username        normalized ({@link Usernames})
 * @param passwordOneTime the password must be changed at the next sign-in
 * @param secondFactor    an authenticator app is enrolled (confirmed)
 * @param sso             the account is linked to the hospital's SSO
 */
public record StaffUser(String id, String username, String displayName, Role role, boolean active,
                        List<WardRef> wards, boolean hasPassword, boolean passwordOneTime, boolean secondFactor,
                        boolean sso, Instant createdAt) {
    public StaffUser {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(displayName, "displayName");
        Objects.requireNonNull(role, "role");
        wards = List.copyOf(wards);
    }

    public List<String> wardIds() {
        return wards.stream().map(WardRef::id).toList();
    }

    /** Ids only: a username or a name never reaches a log. */
    @Override
    public String toString() {
        return "StaffUser[" + id + ", " + role.stored() + (active ? "" : ", disabled") + "]";
    }
}
