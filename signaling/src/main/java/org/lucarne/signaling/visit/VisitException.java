package org.lucarne.signaling.visit;

import java.util.Objects;

/**
 * A visit could not be booked, ended or given an invite, for a reason staff can act on:
 * {@link #problem()} for code (an API maps it to a status), the message for people.
 */
public final class VisitException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** What was wrong. */
    public enum Problem {
        SLOT_EMPTY,
        SLOT_OVER,
        UNKNOWN_PATIENT,
        UNKNOWN_TABLET,
        TABLET_NOT_AT_PATIENTS_BED,
        TABLET_REVOKED,
        OVERLAPS_ANOTHER_VISIT,
        UNKNOWN_VISIT,
        VISIT_OVER,
        UNKNOWN_INVITE,
        INVITE_FOR_ANOTHER_PATIENT,
        INVITE_FOR_ANOTHER_VISIT
    }

    private final Problem problem;

    public VisitException(Problem problem, String message) {
        super(message);
        this.problem = Objects.requireNonNull(problem, "problem");
    }

    public Problem problem() {
        return problem;
    }
}
