package org.lucarne.signaling.device;

import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * What the server knows now of a tablet beyond the database: whether its kiosk has a socket open, whether a
 * live call on it has the patient in it (the call focus's, read without waiting), and its health as its kiosk
 * last told this node ({@link TabletHealth}).
 */
public final class TabletPresence {
    /** A tablet's state as the console shows it. */
    public enum State {
        /** Its kiosk has a signaling socket open. */
        ONLINE("online"),
        /** No socket open. */
        OFFLINE("offline"),
        /** A live call on it has the patient in it. */
        IN_CALL("in_call"),
        /** Revoked: it may no longer connect. */
        REVOKED("revoked");

        private final String code;

        State(String code) {
            this.code = code;
        }

        public String code() {
            return code;
        }
    }

    private final TabletConnections connections;
    private final Predicate<String> patientInCall;
    private final RevokedTablets revoked;
    private final TabletHealth health;

    /**
     * @param patientInCall whether a live call on the tablet (by id) has its patient in it now
     * @param revoked       the revoked tablets the kiosk listener refuses in the TLS handshake
     * @param health        what the tablets' kiosks last told this node
     */
    public TabletPresence(TabletConnections connections, Predicate<String> patientInCall, RevokedTablets revoked,
                          TabletHealth health) {
        this.connections = Objects.requireNonNull(connections, "connections");
        this.patientInCall = Objects.requireNonNull(patientInCall, "patientInCall");
        this.revoked = Objects.requireNonNull(revoked, "revoked");
        this.health = Objects.requireNonNull(health, "health");
    }

    /**
     * The tablet was revoked (committed): refused from its next TLS handshake on, every socket it has open on
     * this node closed with 1008 "tablet revoked" (RFC 6455 §7.4.1: policy), then its other connections. Its
     * health stays: when a lost tablet was last seen is worth knowing.
     */
    public void revoked(String tabletId) {
        connections.closeAll(tabletId, 1008, "tablet revoked");
        revoked.revoked(tabletId);
    }

    /** What the tablets' kiosks tell this node. */
    public TabletHealth health() {
        return health;
    }

    /** What the tablet's kiosk last told this node, and when it was last seen, if ever. */
    public Optional<TabletHealth.Report> health(String tabletId) {
        return health.of(tabletId);
    }

    /** Whether this node knows the tablet is revoked (its own revocations, and the others' once read again). */
    public boolean knownRevoked(String tabletId) {
        return revoked.contains(tabletId);
    }

    /** Revoked first; then in a call; then online if its kiosk is connected. */
    public State state(String tabletId, boolean revoked) {
        if (revoked) {
            return State.REVOKED;
        }
        if (patientInCall.test(tabletId)) {
            return State.IN_CALL;
        }
        return connections.count(tabletId) > 0 ? State.ONLINE : State.OFFLINE;
    }
}
