package org.lucarne.signaling.policy;

/** The policy's answer. */
public enum Decision {
    ALLOWED,
    /** Refused, and the caller may know the thing exists: {@code 403 forbidden}. */
    FORBIDDEN,
    /**
     * Refused, and the caller may not even learn that it exists (a patient or visit of another ward):
     * {@code 404 not_found}, or {@code wrong_visit} on the socket.
     */
    HIDDEN;

    public boolean allowed() {
        return this == ALLOWED;
    }
}
