package org.lucarne.bridge.forward;

import java.time.Clock;
import java.util.concurrent.Executor;

/**
 * The packet path of one conference: every endpoint's media goes to every other endpoint.
 *
 * <p>SCAFFOLD: signatures agreed between the conference and packet-path work; the bodies are
 * being written.
 */
public final class ConferenceRouter implements AutoCloseable {

    /**
     * @param stats   bridge-wide counters, shared by every conference
     * @param workers runs the per-endpoint packet work off the port's reader thread
     */
    public ConferenceRouter(String conferenceId, FeedbackSsrcs feedback, ForwardingStats stats, Executor workers,
                            Clock clock) {
        throw new UnsupportedOperationException("scaffold");
    }

    /**
     * Adds an endpoint. The returned object is the listener its transport reports to.
     *
     * @param sender where its protected datagrams go (its transport's send)
     */
    public RouterEndpoint addEndpoint(String endpointId, PacketSender sender) {
        throw new UnsupportedOperationException("scaffold");
    }

    /** Removes an endpoint: nothing more is sent to it or from it. Unknown ids are ignored. */
    public void removeEndpoint(String endpointId) {
        throw new UnsupportedOperationException("scaffold");
    }

    public int endpointCount() {
        throw new UnsupportedOperationException("scaffold");
    }

    @Override
    public void close() {
        throw new UnsupportedOperationException("scaffold");
    }
}
