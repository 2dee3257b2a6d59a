package org.lucarne.bridge.forward;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.lucarne.bridge.colibri.Media;
import org.lucarne.bridge.colibri.MediaSource;
import org.lucarne.bridge.srtp.SrtpSession;
import org.lucarne.bridge.transport.TransportListener;

/**
 * One endpoint in a {@link ConferenceRouter}: receives its transport's datagrams and sends it the
 * others' media.
 *
 * <p>{@link #received} runs on the shared port's reader thread and only queues: decryption and
 * everything after run on the conference's workers, one task at a time per endpoint, in arrival
 * order. A full queue drops (counted {@code queue_full}) rather than blocking the port.
 */
public final class RouterEndpoint implements TransportListener {
    private final String id;
    private final ConferenceRouter router;
    private final ForwardingStats stats;
    private final Clock clock;
    private final SerialQueue queue;
    private final Outbound outbound;
    private final InboundPipeline pipeline;
    private final ReceiverReports receiverReports;
    private final SenderRemb remb = new SenderRemb();
    private final DownstreamLoss downstreamLoss = new DownstreamLoss();
    private final TransportCcArrivals transportCc = new TransportCcArrivals();
    private final RoundTrips roundTrips = new RoundTrips();
    private final SimulcastForwarder simulcast;
    /** The tallest picture it shows of each sender, by sender endpoint id (Lucarne's Colibri2 extension). */
    private volatile Map<String, Integer> wishes = Map.of();
    private volatile PacketProtection protection;
    private volatile SourceTable sources = SourceTable.EMPTY;
    private volatile MediaTable media = MediaTable.EMPTY;
    private volatile Instant lastActivity;
    private volatile String failure;
    private volatile boolean closed;

    RouterEndpoint(String id, PacketSender sender, ConferenceRouter router, ForwardingStats stats, Clock clock,
                   SerialQueue queue) {
        this.id = Objects.requireNonNull(id, "endpointId");
        this.router = router;
        this.stats = stats;
        this.clock = clock;
        this.queue = queue;
        this.outbound = new Outbound(Objects.requireNonNull(sender, "sender"), stats, clock);
        this.receiverReports = new ReceiverReports(router.feedback(), downstreamLoss);
        this.simulcast = new SimulcastForwarder(this, stats, clock);
        this.pipeline = new InboundPipeline(this, router, stats, clock);
        this.lastActivity = clock.instant();
    }

    /** Its media lines from Colibri2 (payload types, header-extension ids, rtcp-fbs). */
    public void setMedias(List<Media> medias) {
        media = MediaTable.of(Objects.requireNonNull(medias, "medias"));
        outbound.absSendTimeId(media.extensionId(MediaTable.ABS_SEND_TIME));
    }

    /**
     * Its announced sources from Colibri2. RTP from an SSRC not announced here is dropped and
     * counted; receivers get a keyframe request sent to a new video source.
     */
    public void setSources(List<MediaSource> sources) {
        SourceTable before = this.sources;
        SourceTable after = SourceTable.of(Objects.requireNonNull(sources, "sources"));
        this.sources = after;
        long[] fresh = after.newVideoMediaSsrcs(before);
        if (fresh.length > 0) {
            queue.offer(() -> {
                for (long ssrc : fresh) {
                    router.keyframes().request(this, ssrc);
                }
            });
        }
    }

    /**
     * The tallest picture, in pixels, it shows of each other endpoint (by endpoint id): the
     * simulcast layer it gets of that sender is chosen to fit. Senders not named get their best layer.
     */
    public void setVideoHeights(Map<String, Integer> heights) {
        wishes = Map.copyOf(Objects.requireNonNull(heights, "heights"));
    }

    /** The tallest picture it shows of {@code senderId}, or {@link LayerSelection#NO_WISH}. */
    int wishHeight(String senderId) {
        Integer h = wishes.get(senderId);
        return h == null ? LayerSelection.NO_WISH : h;
    }


    /** When a packet last came from the peer (or when it was added), for expiry. */
    public Instant lastActivity() {
        return lastActivity;
    }

    public String id() {
        return id;
    }

    @Override
    public void connected(SrtpSession srtp) {
        connected(PacketProtection.of(Objects.requireNonNull(srtp, "srtp")));
    }

    /** As {@link #connected(SrtpSession)} with any protection: tests pass a null cipher. */
    void connected(PacketProtection p) {
        if (closed) {
            return;
        }
        protection = p;
        outbound.connect(p);
        failure = null;
        // The newcomer can decode the others' video only from their next keyframe.
        queue.offer(() -> router.requestKeyframesFromAllBut(this));
    }

    @Override
    public void received(byte[] datagram, long receivedAtNanos) {
        lastActivity = clock.instant();
        stats.received(datagram.length);
        if (closed) {
            stats.dropped(ForwardingStats.ENDPOINT_REMOVED);
        } else if (protection == null) {
            stats.dropped(ForwardingStats.NOT_CONNECTED);
        } else if (!queue.offer(() -> pipeline.process(datagram, receivedAtNanos))) {
            stats.dropped(ForwardingStats.QUEUE_FULL);
        }
    }

    @Override
    public void failed(String reason) {
        failure = reason;
        protection = null;
        outbound.disconnect();
    }

    /** Why its transport failed, or null. */
    public String failure() {
        return failure;
    }

    boolean isConnected() {
        return !closed && protection != null;
    }

    /** Stops its work: after this returns none of its tasks runs and nothing is sent to it. */
    void close() {
        closed = true;
        protection = null;
        queue.close();
        outbound.disconnect();
    }

    void forget(RouterEndpoint other) {
        downstreamLoss.forget(other.id);
        pipeline.forget(other);
        simulcast.forget(other);
    }

    PacketProtection protection() {
        return protection;
    }

    SourceTable sources() {
        return sources;
    }

    MediaTable media() {
        return media;
    }

    Outbound outbound() {
        return outbound;
    }

    ReceiverReports receiverReports() {
        return receiverReports;
    }

    SimulcastForwarder simulcast() {
        return simulcast;
    }

    ConferenceRouter router() {
        return router;
    }

    TransportCcArrivals transportCc() {
        return transportCc;
    }

    /** The round trip between the bridge and this endpoint as a receiver. */
    RoundTrips roundTrips() {
        return roundTrips;
    }

    DownstreamLoss downstreamLoss() {
        return downstreamLoss;
    }

    SenderRemb remb() {
        return remb;
    }

    int queued() {
        return queue.size();
    }
}
