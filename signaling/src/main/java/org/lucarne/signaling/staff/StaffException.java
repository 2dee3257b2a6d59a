package org.lucarne.signaling.staff;

import java.util.Objects;

/** A change to staff accounts that cannot be made; the message says why, for the person who asked. */
public final class StaffException extends RuntimeException {
    /** What went wrong, for the caller to choose its answer. */
    public enum Problem {
        USERNAME_TAKEN,
        UNKNOWN_WARD,
        UNKNOWN_USER,
        /** The change would leave no active admin, so nobody could manage accounts any more. */
        LAST_ADMIN,
        /** The account signs in through the hospital's SSO and has no password to change. */
        NO_LOCAL_PASSWORD
    }

    private final Problem problem;
    private final String field;

    public StaffException(Problem problem, String field, String message) {
        super(message);
        this.problem = Objects.requireNonNull(problem, "problem");
        this.field = field;
    }

    public Problem problem() {
        return problem;
    }

    /** The request field the problem is about, or null. */
    public String field() {
        return field;
    }
}
