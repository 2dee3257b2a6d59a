package org.lucarne.signaling.policy;

import java.util.Optional;

/** What a member of staff is, for the authorization policy (docs/security.md, "Who may do what"). */
public enum Role {
    /** Cares for the patients of their wards: their visits, contacts, tablets and calls. */
    NURSE("nurse"),
    /** A nurse who also runs their wards: tablets, ward settings, the wards' audit entries. */
    WARD_MANAGER("ward_manager"),
    /** Manages every staff account and reads every ward's audit entries; a ward manager on their own wards. */
    ADMIN("admin");

    private final String stored;

    Role(String stored) {
        this.stored = stored;
    }

    /** The name in the database, the API and the command line. */
    public String stored() {
        return stored;
    }

    public static Optional<Role> fromStored(String s) {
        for (Role r : values()) {
            if (r.stored.equals(s)) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }
}
