package org.lucarne.signaling.audit;

import java.util.Collection;
import java.util.Optional;
import java.util.Set;

/**
 * Which wards' entries a reader of the trail may see: every ward and the entries of no ward
 * (sign-ins, the command line: admins), or only the entries of some wards (a ward manager's own).
 * The authorization policy decides which; the search only applies it.
 */
public record AuditScope(Optional<Set<String>> wards) {

    public AuditScope {
        wards = wards.map(Set::copyOf);
    }

    /** Every entry, those of no ward included. */
    public static AuditScope everyWard() {
        return new AuditScope(Optional.empty());
    }

    /** The entries of these wards only (none when the set is empty). */
    public static AuditScope wards(Collection<String> wardIds) {
        return new AuditScope(Optional.of(Set.copyOf(wardIds)));
    }

    /** Whether an entry of {@code wardId} (null: of no ward) may be seen. */
    public boolean allows(String wardId) {
        return wards.isEmpty() || (wardId != null && wards.get().contains(wardId));
    }
}
