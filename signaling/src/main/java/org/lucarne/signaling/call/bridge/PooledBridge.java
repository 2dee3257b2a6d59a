package org.lucarne.signaling.call.bridge;

import java.time.Instant;
import java.util.Optional;

/**
 * The pool's view of one bridge: health and load. Guarded by the pool's lock.
 *
 * <p>Load = conferences the bridge reported at its last stats + conferences the pool placed on it
 * since. The stats count what every focus placed (several signaling nodes may share a bridge) and
 * what the bridge expired; the local count covers the time until the next stats, so that a burst of
 * calls between two checks does not all land on the bridge that looked emptiest.
 */
final class PooledBridge {
    final Colibri2Client client;
    /** Unknown until the first check: a bridge is trusted until a check or a request says otherwise. */
    boolean healthy = true;
    String problem;
    Instant lastChecked;
    int reportedConferences;
    int placedSinceReport;

    PooledBridge(Colibri2Client client) {
        this.client = client;
    }

    int load() {
        return (int) Math.min(Integer.MAX_VALUE, (long) reportedConferences + placedSinceReport);
    }

    void checked(BridgeStats stats, Instant at) {
        healthy = true;
        problem = null;
        lastChecked = at;
        reportedConferences = stats.conferences();
        placedSinceReport = 0;
    }

    void failed(String why, Instant at, boolean fromCheck) {
        healthy = false;
        problem = why;
        if (fromCheck) {
            lastChecked = at;
        }
    }

    BridgeStatus status() {
        return new BridgeStatus(client.bridge(), healthy, load(), Optional.ofNullable(problem),
                Optional.ofNullable(lastChecked));
    }
}
