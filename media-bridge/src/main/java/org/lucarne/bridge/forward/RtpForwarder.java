package org.lucarne.bridge.forward;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.lucarne.bridge.colibri.MediaType;
import org.lucarne.bridge.rtp.MalformedPacketException;
import org.lucarne.bridge.rtp.RtpPacket;

/**
 * The route stage for one sender's RTP: drops what is not from an announced SSRC, feeds the
 * receive statistics, and hands a copy rewritten for each other connected endpoint (header
 * extension ids, payload types: {@link HeaderRewrite}) to that receiver's {@link Outbound}.
 * A simulcast source's packets go through {@link SimulcastForwarder} instead, which sends each
 * receiver one layer. Runs on the sender's worker only.
 */
final class RtpForwarder {
    private static final long DEFAULT_AUDIO_CLOCK = 48_000;
    private static final long DEFAULT_VIDEO_CLOCK = 90_000;

    private final RouterEndpoint sender;
    private final ConferenceRouter router;
    private final ForwardingStats stats;
    private final Clock clock;
    /** Per receiver, rebuilt when either side's media change. */
    private final Map<RouterEndpoint, HeaderRewrite> rewrites = new ConcurrentHashMap<>();

    RtpForwarder(RouterEndpoint sender, ConferenceRouter router, ForwardingStats stats, Clock clock) {
        this.sender = sender;
        this.router = router;
        this.stats = stats;
        this.clock = clock;
    }

    void forward(byte[] plain, long receivedAtNanos) {
        RtpPacket packet;
        try {
            packet = RtpPacket.parse(plain, 0, plain.length);
        } catch (MalformedPacketException e) {
            stats.dropped(ForwardingStats.reason(e.reason()));
            return;
        }
        MediaTable from = sender.media();
        if (from.transportCcId() > 0) {
            // Transport-wide, all SSRCs: the bridge ends the sender's leg (TransportCcArrivals).
            sender.transportCc().take(packet, from.transportCcId(), receivedAtNanos);
        }
        long ssrc = packet.ssrc();
        SourceTable sources = sender.sources();
        MediaType type = sources.type(ssrc);
        if (type == null) {
            stats.dropped(ForwardingStats.UNKNOWN_SSRC);
            return;
        }
        long clockRate = from.clockRate(packet.payloadType());
        if (clockRate <= 0) {
            clockRate = type == MediaType.AUDIO ? DEFAULT_AUDIO_CLOCK : DEFAULT_VIDEO_CLOCK;
        }
        sender.receiverReports().rtp(ssrc, packet.sequenceNumber(), packet.timestamp(), receivedAtNanos, clockRate);
        SimulcastSource simulcast = sources.simulcast(ssrc);
        if (simulcast != null) {
            long now = clock.millis();
            sender.simulcast().arrived(packet, simulcast, now);
            for (RouterEndpoint receiver : router.endpoints()) {
                if (receiver != sender && receiver.isConnected()) {
                    sender.simulcast().forward(receiver, rewrite(receiver, from), packet, simulcast, now, receivedAtNanos);
                }
            }
            return;
        }
        for (RouterEndpoint receiver : router.endpoints()) {
            if (receiver != sender && receiver.isConnected()) {
                toReceiver(receiver, from, packet, type == MediaType.VIDEO);
            }
        }
    }

    /** Forgets a receiver that left. */
    void forget(RouterEndpoint receiver) {
        rewrites.remove(receiver);
    }

    private void toReceiver(RouterEndpoint receiver, MediaTable from, RtpPacket packet, boolean cache) {
        HeaderRewrite rewrite = rewrite(receiver, from);
        int sequence = packet.sequenceNumber();
        if (rewrite.isIdentity()) {
            // Protection copies its input: the same plaintext serves every receiver.
            receiver.outbound().sendRtp(packet.buffer(), packet.offset(), packet.length(), packet.ssrc(), sequence,
                    cache);
            return;
        }
        byte[] copy = java.util.Arrays.copyOfRange(packet.buffer(), packet.offset(), packet.offset() + packet.length());
        RtpPacket own;
        try {
            own = RtpPacket.parse(copy, 0, copy.length);
        } catch (MalformedPacketException e) {
            throw new IllegalStateException("a copy of a parsed packet no longer parses", e);
        }
        if (!rewrite.apply(own)) {
            stats.dropped(ForwardingStats.PAYLOAD_TYPE_UNMAPPED);
            return;
        }
        receiver.outbound().sendRtp(copy, 0, copy.length, own.ssrc(), sequence, cache);
    }

    private HeaderRewrite rewrite(RouterEndpoint receiver, MediaTable from) {
        MediaTable to = receiver.media();
        HeaderRewrite r = rewrites.get(receiver);
        if (r == null || r.from != from || r.to != to) {
            r = HeaderRewrite.between(from, to);
            rewrites.put(receiver, r);
        }
        return r;
    }
}
