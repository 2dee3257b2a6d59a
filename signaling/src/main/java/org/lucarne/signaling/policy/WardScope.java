package org.lucarne.signaling.policy;

import java.util.Optional;
import java.util.Set;

/**
 * The wards on which someone may do an action: every ward, or these (maybe none). For searches over
 * many wards' data, such as the audit trail: filter by {@link #wards()} unless {@link #everyWard()}.
 */
public record WardScope(boolean everyWard, Set<String> wards) {
    public static final WardScope EVERY_WARD = new WardScope(true, Set.of());

    public WardScope {
        wards = Set.copyOf(wards);
    }

    public static WardScope of(Set<String> wards) {
        return new WardScope(false, wards);
    }

    public boolean includes(String wardId) {
        return everyWard || (wardId != null && wards.contains(wardId));
    }

    public boolean none() {
        return !everyWard && wards.isEmpty();
    }

    /** The wards to filter by, or empty for no filter (every ward). */
    public Optional<Set<String>> filter() {
        return everyWard ? Optional.empty() : Optional.of(wards);
    }
}
