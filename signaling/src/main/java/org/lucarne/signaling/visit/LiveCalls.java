package org.lucarne.signaling.visit;

import java.time.Instant;
import java.util.Optional;

/**
 * What the call focus tells of, and does to, the visits it runs: for the visit statuses the console
 * shows ({@link VisitStatus#IN_CALL}) and for a cancellation that must end a live call at once. The
 * focus keeps its calls in this node's memory (docs/architecture.md, "Calls").
 */
public interface LiveCalls {

    /** Whether at least two people are in the visit's call now. */
    boolean inCall(String visitId);

    /**
     * The visit was cancelled (its end is committed): if its call is live, everyone in it, in its lobby
     * and on its tablet gets {@code ended} with reason {@code cancelled}, now. Returns at once.
     */
    void cancelled(String visitId);

    /**
     * An invite of the visit was revoked (committed): whoever came in with it leaves the call or the lobby
     * now, with {@code ended} {@code removed}. Returns at once.
     */
    void inviteRevoked(String visitId, String inviteIdHash);

    /**
     * The tablet was revoked (committed) and its sockets closed: the live calls of its visits end now for
     * everyone in them and in their lobbies, with {@code ended} {@code ended}. Returns at once.
     */
    void tabletRevoked(String tabletId);

    /**
     * The tablet's "do not disturb" changed (committed): on until {@code until}, or off when empty. Its kiosks
     * on this node hear {@code do_not_disturb_state}; when it ended, a visit's lobby waiting for the tablet makes
     * it ring. Returns at once.
     */
    void doNotDisturbChanged(String tabletId, Optional<Instant> until);

    /** No call focus (a command, a storage test): nobody is ever in a call. */
    LiveCalls NONE = new LiveCalls() {
        @Override
        public boolean inCall(String visitId) {
            return false;
        }

        @Override
        public void cancelled(String visitId) {
        }

        @Override
        public void inviteRevoked(String visitId, String inviteIdHash) {
        }

        @Override
        public void tabletRevoked(String tabletId) {
        }

        @Override
        public void doNotDisturbChanged(String tabletId, Optional<Instant> until) {
        }
    };
}
