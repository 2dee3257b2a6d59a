package org.lucarne.signaling.audit;

import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One page of the console's audit search (docs/staff-api.md, "Audit trail"): filters, all optional
 * and combined with AND, the reader's scope, and a page of at most {@code limit} entries, newest
 * first, older than {@code before}.
 *
 * @param actor   {@code staff:<id>}, {@code cli}, … exactly as stored
 * @param wardId  entries of this ward
 * @param patient entries about this patient
 * @param action  entries of this action
 * @param from    first day, in the hospital's time zone (included)
 * @param to      last day, in the hospital's time zone (included)
 * @param scope   what the reader may see
 * @param before  only entries whose seq is below this (the {@code next} of the previous page)
 * @param limit   1 to {@value #MAX_LIMIT}
 * @throws IllegalArgumentException naming the parameter and what is accepted
 */
public record AuditQuery(Optional<String> actor, Optional<String> wardId, Optional<String> patient,
                         Optional<AuditAction> action, Optional<LocalDate> from, Optional<LocalDate> to,
                         AuditScope scope, OptionalLong before, int limit) {
    public static final int MAX_LIMIT = 200;
    public static final int DEFAULT_LIMIT = 50;

    public AuditQuery {
        Objects.requireNonNull(scope, "scope");
        notBlank("actor", actor);
        notBlank("ward", wardId);
        notBlank("patient", patient);
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT + ", not " + limit);
        }
        if (before.isPresent() && before.getAsLong() < 1) {
            throw new IllegalArgumentException("before must be an entry number from 1, not " + before.getAsLong());
        }
        if (from.isPresent() && to.isPresent() && to.get().isBefore(from.get())) {
            throw new IllegalArgumentException("to " + to.get() + " is before from " + from.get()
                    + ": give the first day, then the last");
        }
    }

    /** The newest {@value #DEFAULT_LIMIT} entries {@code scope} may see, unfiltered. */
    public static AuditQuery newest(AuditScope scope) {
        return new AuditQuery(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), scope, OptionalLong.empty(), DEFAULT_LIMIT);
    }

    public AuditQuery actor(String v) {
        return new AuditQuery(Optional.of(v), wardId, patient, action, from, to, scope, before, limit);
    }

    public AuditQuery ward(String v) {
        return new AuditQuery(actor, Optional.of(v), patient, action, from, to, scope, before, limit);
    }

    public AuditQuery patient(String v) {
        return new AuditQuery(actor, wardId, Optional.of(v), action, from, to, scope, before, limit);
    }

    public AuditQuery action(AuditAction v) {
        return new AuditQuery(actor, wardId, patient, Optional.of(v), from, to, scope, before, limit);
    }

    public AuditQuery from(LocalDate v) {
        return new AuditQuery(actor, wardId, patient, action, Optional.of(v), to, scope, before, limit);
    }

    public AuditQuery to(LocalDate v) {
        return new AuditQuery(actor, wardId, patient, action, from, Optional.of(v), scope, before, limit);
    }

    public AuditQuery before(long seq) {
        return new AuditQuery(actor, wardId, patient, action, from, to, scope, OptionalLong.of(seq), limit);
    }

    public AuditQuery limit(int v) {
        return new AuditQuery(actor, wardId, patient, action, from, to, scope, before, v);
    }

    private static void notBlank(String name, Optional<String> value) {
        Objects.requireNonNull(value, name);
        if (value.isPresent() && value.get().isBlank()) {
            throw new IllegalArgumentException(name + " is empty: leave it out to see every " + name);
        }
    }
}
