package org.lucarne.signaling.audit;

/** How an audited action ended. */
public enum AuditOutcome {
    /** It was done. */
    SUCCESS("success"),
    /** It was tried and failed: a wrong password, a wrong code. */
    FAILURE("failure"),
    /** The authorization policy refused it. */
    REFUSED("refused");

    private final String stored;

    AuditOutcome(String stored) {
        this.stored = stored;
    }

    public String stored() {
        return stored;
    }

    public static AuditOutcome fromStored(String s) {
        for (AuditOutcome o : values()) {
            if (o.stored.equals(s)) {
                return o;
            }
        }
        throw new IllegalArgumentException("unknown audit outcome '" + s + "'");
    }
}
