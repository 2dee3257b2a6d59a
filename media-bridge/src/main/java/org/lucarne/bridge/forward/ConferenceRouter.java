package org.lucarne.bridge.forward;

import java.time.Clock;
import java.util.Collection;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The packet path of one conference: every endpoint's media goes to every other endpoint.
 *
 * <p>The path is a chain of small stages, as in Jitsi Videobridge: per sender, on its worker,
 * parse → decrypt ({@link InboundPipeline}) → route ({@link RtpForwarder}) or terminate RTCP
 * ({@link RtcpHandler}); per receiver, encrypt → cache → send ({@link Outbound},
 * {@link PacketCache}). Around it: keyframe requests ({@link KeyframeRequests}), NACKs
 * ({@link NackResponder}), the bridge's own receiver reports ({@link ReceiverReports},
 * {@link StreamStatistics}) and bandwidth ({@link BandwidthEstimates}).
 *
 * <p>Threads: the port's reader thread only queues ({@link RouterEndpoint#received}); each
 * endpoint's queue runs serially on {@code workers} ({@link SerialQueue}), so one slow endpoint
 * delays only itself.
 *
 * <p>Bandwidth: each sender's leg ends at the bridge for transport-cc ({@link TransportCcArrivals}:
 * arrivals recorded, feedback every 50 ms, the sequence blanked before forwarding). Receivers'
 * REMBs are kept per receiver ({@link BandwidthEstimates}); a one-layer sender is capped by the
 * lowest REMB of its congested receivers and otherwise hears that there is no ceiling
 * ({@link SenderRemb}); a sender of several layers is never capped.
 *
 * <p>Retransmission: a NACKed packet is resent from the receiver's cache of what it was sent,
 * already protected, since jitsi-srtp refuses to protect the same index twice (see
 * {@link PacketCache}).
 */
public final class ConferenceRouter implements AutoCloseable {
    static final int DEFAULT_QUEUE_CAPACITY = 1024;
    private static final Logger LOG = Logger.getLogger(ConferenceRouter.class.getName());

    private final String conferenceId;
    private final FeedbackSsrcs feedback;
    private final ForwardingStats stats;
    private final Executor workers;
    private final Clock clock;
    private final int queueCapacity;
    private final KeyframeRequests keyframes;
    private final BandwidthEstimates bandwidth = new BandwidthEstimates();
    private final Map<String, RouterEndpoint> endpoints = new ConcurrentHashMap<>();
    private volatile boolean closed;

    /**
     * @param stats   bridge-wide counters, shared by every conference
     * @param workers runs the per-endpoint packet work off the port's reader thread
     */
    public ConferenceRouter(String conferenceId, FeedbackSsrcs feedback, ForwardingStats stats, Executor workers,
                            Clock clock) {
        this(conferenceId, feedback, stats, workers, clock, DEFAULT_QUEUE_CAPACITY);
    }

    ConferenceRouter(String conferenceId, FeedbackSsrcs feedback, ForwardingStats stats, Executor workers,
                     Clock clock, int queueCapacity) {
        this.conferenceId = Objects.requireNonNull(conferenceId, "conferenceId");
        this.feedback = Objects.requireNonNull(feedback, "feedback");
        this.stats = Objects.requireNonNull(stats, "stats");
        this.workers = Objects.requireNonNull(workers, "workers");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (queueCapacity < 1) {
            throw new IllegalArgumentException("queueCapacity must be at least 1, got " + queueCapacity);
        }
        this.queueCapacity = queueCapacity;
        this.keyframes = new KeyframeRequests(feedback.video(), stats, clock);
    }

    /**
     * Adds an endpoint. The returned object is the listener its transport reports to.
     *
     * @param sender where its protected datagrams go (its transport's send)
     * @throws IllegalStateException when the id is already here or the router is closed
     */
    public RouterEndpoint addEndpoint(String endpointId, PacketSender sender) {
        Objects.requireNonNull(endpointId, "endpointId");
        if (closed) {
            throw new IllegalStateException("conference " + conferenceId + " is closed; cannot add " + endpointId);
        }
        SerialQueue queue = new SerialQueue(workers, queueCapacity, e -> {
            stats.dropped(ForwardingStats.INTERNAL_ERROR);
            LOG.log(Level.WARNING, "packet path of " + conferenceId + "/" + endpointId + " failed on one packet", e);
        });
        RouterEndpoint endpoint = new RouterEndpoint(endpointId, sender, this, stats, clock, queue);
        if (endpoints.putIfAbsent(endpointId, endpoint) != null) {
            throw new IllegalStateException("endpoint " + endpointId + " is already in conference " + conferenceId);
        }
        return endpoint;
    }

    /** Removes an endpoint: nothing more is sent to it or from it. Unknown ids are ignored. */
    public void removeEndpoint(String endpointId) {
        RouterEndpoint gone = endpoints.remove(endpointId);
        if (gone == null) {
            return;
        }
        gone.close();
        bandwidth.remove(endpointId);
        keyframes.forget(gone.sources().videoMediaSsrcs());
        for (RouterEndpoint other : endpoints.values()) {
            other.forget(gone);
        }
    }

    public int endpointCount() {
        return endpoints.size();
    }

    /** Removes every endpoint; later additions are refused. Idempotent. */
    @Override
    public void close() {
        closed = true;
        for (String id : endpoints.keySet()) {
            removeEndpoint(id);
        }
    }

    Collection<RouterEndpoint> endpoints() {
        return endpoints.values();
    }

    /** The endpoint that announced {@code ssrc}, or null. */
    RouterEndpoint ownerOf(long ssrc) {
        for (RouterEndpoint e : endpoints.values()) {
            if (e.sources().contains(ssrc)) {
                return e;
            }
        }
        return null;
    }

    /** A keyframe from every other video sender, so that {@code newcomer} can decode at once. */
    void requestKeyframesFromAllBut(RouterEndpoint newcomer) {
        for (RouterEndpoint sender : endpoints.values()) {
            if (sender != newcomer) {
                for (long ssrc : sender.sources().videoMediaSsrcs()) {
                    keyframes.request(sender, ssrc);
                }
            }
        }
    }

    /** Each receiver's latest REMB, and whether it caps the senders (congestion). */
    BandwidthEstimates bandwidth() {
        return bandwidth;
    }

    KeyframeRequests keyframes() {
        return keyframes;
    }

    FeedbackSsrcs feedback() {
        return feedback;
    }
}
