package org.lucarne.bridge.bench;

import java.util.List;

/**
 * Where a run's two-party calls go: through an SFU (Lucarne, Janus) or directly from peer to peer
 * (the baseline the SFUs' added latency is measured against).
 */
interface CallTarget extends AutoCloseable {
    /** One call: its legs, connected (SRTP ready), and how to end it. */
    interface Call extends AutoCloseable {
        List<PeerLeg> legs();

        @Override
        void close();
    }

    /** The name in the report. */
    String name();

    /** The SFU's process id, or -1 when there is no SFU. */
    long pid();

    /** The SFU's version line for the report, or an empty string. */
    String version();

    /** The SFU's own drop counters, for the progress output; empty when it has none. */
    default String counters() {
        return "";
    }

    /** Sets up call number {@code index} and waits until both legs are ready. */
    Call open(int index, Peers peers) throws Exception;

    @Override
    void close();
}
