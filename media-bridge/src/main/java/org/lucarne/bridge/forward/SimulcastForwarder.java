package org.lucarne.bridge.forward;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.lucarne.bridge.rtp.AbsSendTime;
import org.lucarne.bridge.rtp.Bytes;
import org.lucarne.bridge.rtp.MalformedPacketException;
import org.lucarne.bridge.rtp.RtpPacket;
import org.lucarne.bridge.rtp.Vp8Descriptor;

/**
 * The simulcast stage of one sender, beside {@link RtpForwarder}: for each receiver, the layer
 * {@link LayerSelection} picks for its tile and its bandwidth, switched at keyframes and rewritten
 * onto the source's first SSRC ({@link LayerSwitch}); the others are not sent. When a receiver
 * waits for a layer's keyframe the sender is asked for one on that layer (a PLI, RFC 4585 §6.3.1),
 * at most every {@value KeyframeRequests#MIN_INTERVAL_MILLIS} ms. When its tile wants more than its
 * bandwidth carries, it gets padding to probe for more ({@link LayerProbe}): padding-only packets
 * on its RTX stream (RFC 3550 §5.1, RFC 4588) with {@code abs-send-time}, which its REMB estimator
 * counts.
 *
 * <p>Once a receiver's link has shown congestion it has a limit ({@link BandwidthEstimates#limit}),
 * shared among the senders it receives by {@link ReceiverBudget}: the voices first, then the lowest
 * layers, tallest tile first; a sender whose lowest layer no longer fits is paused for that
 * receiver. The sender itself is never capped by a receiver (it estimates with transport-cc): a
 * weak receiver takes a lower layer, or fewer pictures, instead of lowering everyone's.
 *
 * <p>{@link #forward} runs on the sender's worker and rewrites in one buffer of its own, which the
 * encrypt stage copies: no allocation per packet. The receivers' workers reach {@link #switchFor}
 * to translate their NACKs and keyframe requests.
 */
final class SimulcastForwarder {
    /** Room for any RTP packet the bridge receives (one UDP datagram on a 1500-byte MTU path, and some). */
    private static final int MAX_PACKET = 2048;
    /** The least padding a probe sends, when the layers' bitrates are not known yet. */
    static final long MIN_PROBE_BPS = 100_000;
    /** A paused sender comes back when its lowest layer fits in this share of the receiver's estimate. */
    static final long RESUME_PERCENT = 80;
    private static final String RTX = "rtx/90000/vp8/90000";
    private static final int PADDING_HEADER = 20;

    private final RouterEndpoint sender;
    private final ForwardingStats stats;
    private final Clock clock;
    private final Map<RouterEndpoint, LayerSwitch> switches = new ConcurrentHashMap<>();
    private final Map<RouterEndpoint, Long> keyframeAskedMillis = new ConcurrentHashMap<>();
    private final Map<RouterEndpoint, LayerProbe> probes = new ConcurrentHashMap<>();
    private final Map<RouterEndpoint, ReceiverBudget.Memo> budgets = new ConcurrentHashMap<>();
    private final byte[] scratch = new byte[MAX_PACKET];
    private final byte[] padding = new byte[PADDING_HEADER + LayerProbe.PADDING_BYTES];
    /** Written on the sender's worker, read by the other senders' budgets ({@link #lowestBitrate}). */
    private volatile SimulcastSource activitySource;
    private volatile LayerActivity activity;

    SimulcastForwarder(RouterEndpoint sender, ForwardingStats stats, Clock clock) {
        this.sender = sender;
        this.stats = stats;
        this.clock = clock;
    }

    /** Notes a media packet of {@code source}: which layers arrive, and their heights. Once per packet. */
    void arrived(RtpPacket packet, SimulcastSource source, long nowMillis) {
        if (source.isRtx(packet.ssrc())) {
            return;
        }
        if (!source.equals(activitySource)) {
            activitySource = source;
            activity = new LayerActivity();
        }
        int height = Vp8Descriptor.keyframeHeight(packet.buffer(), packet.payloadOffset(), packet.payloadLength());
        activity.packet(source.layerOf(packet.ssrc()), nowMillis, height, packet.length());
    }

    /** Sends {@code receiver} the packet if it carries the layer chosen for it, rewritten. */
    void forward(RouterEndpoint receiver, HeaderRewrite rewrite, RtpPacket packet, SimulcastSource source,
                 long nowMillis, long receivedAtNanos) {
        LayerSwitch sw = switchFor(receiver, source);
        LayerProbe probe = probes.computeIfAbsent(receiver, r -> new LayerProbe());
        if (activity != null) {
            select(receiver, source, sw, probe, nowMillis);
        }
        if (sw.waitingForKeyframe()) {
            askKeyframe(receiver, sw, nowMillis);
        }
        long ssrc = packet.ssrc();
        int layer = source.layerOf(ssrc);
        boolean rtx = source.isRtx(ssrc);
        if (layer != sw.current() && (rtx || layer != sw.target())) {
            return; // another layer: not this receiver's
        }
        int length = packet.length();
        if (length > scratch.length) {
            stats.dropped(ForwardingStats.PACKET_TOO_LARGE);
            return;
        }
        System.arraycopy(packet.buffer(), packet.offset(), scratch, 0, length);
        if (!rewrite.isIdentity() && !applyRewrite(rewrite, length)) {
            stats.dropped(ForwardingStats.PAYLOAD_TYPE_UNMAPPED);
            return;
        }
        int payloadOff = packet.payloadOffset() - packet.offset();
        int payloadLen = packet.payloadLength();
        int seq = rtx ? sw.rtx(scratch, 0, payloadOff, payloadLen, layer)
                : sw.media(scratch, 0, payloadOff, payloadLen, layer, receivedAtNanos);
        if (seq != LayerSwitch.DROP) {
            receiver.outbound().sendRtp(scratch, 0, length, rtx ? source.primaryRtx() : source.primary(), seq, true);
            if (!rtx) {
                pad(receiver, sw, probe.paddingPacketsDue(nowMillis), receivedAtNanos);
            }
        }
    }

    /**
     * The layer for the receiver's tile, then for its limit once its link has shown one (a pause when
     * its budget has no room for this sender); after a move down for bandwidth, up again only
     * through a probe that succeeds.
     */
    private void select(RouterEndpoint receiver, SimulcastSource source, LayerSwitch sw, LayerProbe probe, long nowMillis) {
        BandwidthEstimates bandwidth = sender.router().bandwidth();
        long limit = bandwidth.limit(receiver.id());
        ReceiverBudget.Memo budgets = limit < 0 ? null : this.budgets.computeIfAbsent(receiver, r -> new ReceiverBudget.Memo());
        if (sw.paused()) {
            // Back from a pause at the lowest layer once it fits with room to spare: a limit that
            // just fits would be overrun by the first keyframe, and the sender paused again.
            int lowest = lowestLayer(nowMillis);
            if (lowest >= 0 && (limit < 0
                    || budgets.of(sender, receiver, limit * RESUME_PERCENT / 100, nowMillis) != ReceiverBudget.PAUSE)) {
                sw.target(lowest);
            }
            return;
        }
        int before = sw.target();
        long budget = limit >= 0 ? budgets.of(sender, receiver, limit, nowMillis) : -1;
        if (budget == ReceiverBudget.PAUSE) {
            if (before >= 0) {
                probe.movedDown(nowMillis);
            }
            sw.pause();
            return;
        }
        boolean congested = bandwidth.congested(receiver.id(), nowMillis);
        int wanted = LayerSelection.choose(source, activity, receiver.wishHeight(sender.id()), before, nowMillis);
        int target = LayerSelection.fitBudget(source, activity, wanted, budget, before, true, nowMillis);
        if (before >= 0 && target > before && !probe.mayMoveUp(nowMillis)) {
            target = before;
        }
        if (before >= 0 && target < before && limit >= 0) {
            probe.movedDown(nowMillis);
        }
        if (target >= 0 && target < wanted && probe.needsProbe()) {
            long gap = (activity.bitrate(target + 1) - activity.bitrate(target)) * LayerSelection.UP_HEADROOM_PERCENT / 100;
            long carried = probe.wantUp(nowMillis, Math.max(gap, MIN_PROBE_BPS), receiver.outbound().sentBitrate(nowMillis),
                    congested);
            if (carried >= 0) {
                bandwidth.carried(receiver.id(), carried);
            }
        } else {
            probe.stop();
        }
        sw.target(target);
    }

    /** The bitrate of this sender's lowest arriving layer, bit/s; 0 while none is known. */
    long lowestBitrate(long nowMillis) {
        int layer = lowestLayer(nowMillis);
        LayerActivity a = activity;
        return layer < 0 || a == null ? 0 : a.bitrate(layer);
    }

    /** This sender's lowest arriving layer, or -1. */
    private int lowestLayer(long nowMillis) {
        LayerActivity a = activity;
        SimulcastSource s = activitySource;
        if (a == null || s == null) {
            return -1;
        }
        for (int layer = 0; layer < s.layerCount(); layer++) {
            if (a.active(layer, nowMillis)) {
                return layer;
            }
        }
        return -1;
    }

    /**
     * Sends {@code count} padding-only packets on the receiver's RTX stream: RFC 3550 §5.1 padding
     * (the last byte counts it), {@code abs-send-time} so its estimator counts them (RFC 8285 §4.2).
     */
    private void pad(RouterEndpoint receiver, LayerSwitch sw, int count, long nowNanos) {
        if (count == 0 || sw.source.primaryRtx() < 0) {
            return;
        }
        MediaTable to = receiver.media();
        int pt = to.payloadType(RTX);
        int absId = to.extensionId(MediaTable.ABS_SEND_TIME);
        if (pt < 0 || absId < 1 || absId > 14) {
            return;
        }
        byte[] b = padding;
        b[0] = (byte) 0xB0; // V=2, padding, extension
        b[1] = (byte) pt;
        Bytes.put32(b, 4, sw.lastTimestamp());
        Bytes.put32(b, 8, sw.source.primaryRtx());
        Bytes.put16(b, 12, 0xBEDE); // RFC 8285 §4.2: one-byte elements
        Bytes.put16(b, 14, 1);
        b[16] = (byte) (absId << 4 | 2);
        Bytes.put24(b, 17, AbsSendTime.encode(nowNanos)); // stamped again when sent
        b[b.length - 1] = (byte) LayerProbe.PADDING_BYTES;
        for (int i = 0; i < count; i++) {
            int seq = sw.nextRtxSequence();
            Bytes.put16(b, 2, seq);
            receiver.outbound().sendPadding(b, 0, b.length);
        }
    }

    /** The receiver's probe for this sender, or null before its first packet. */
    LayerProbe probe(RouterEndpoint receiver) {
        return probes.get(receiver);
    }

    /** The receiver's view of the source; a new one when the sender's source changed. */
    LayerSwitch switchFor(RouterEndpoint receiver, SimulcastSource source) {
        LayerSwitch sw = switches.get(receiver);
        if (sw == null || !sw.source.equals(source)) {
            sw = new LayerSwitch(source);
            switches.put(receiver, sw);
        }
        return sw;
    }

    /** The receiver's view of the source, or null when nothing was sent to it yet. */
    LayerSwitch existing(RouterEndpoint receiver) {
        return switches.get(receiver);
    }

    void forget(RouterEndpoint receiver) {
        switches.remove(receiver);
        keyframeAskedMillis.remove(receiver);
        probes.remove(receiver);
        budgets.remove(receiver);
    }

    private void askKeyframe(RouterEndpoint receiver, LayerSwitch sw, long nowMillis) {
        Long last = keyframeAskedMillis.get(receiver);
        if (last == null || nowMillis - last >= KeyframeRequests.MIN_INTERVAL_MILLIS) {
            keyframeAskedMillis.put(receiver, nowMillis);
            sender.router().keyframes().request(sender, sw.source.layerSsrc(sw.keyframeLayer()));
        }
    }

    private boolean applyRewrite(HeaderRewrite rewrite, int length) {
        try {
            return rewrite.apply(RtpPacket.parse(scratch, 0, length));
        } catch (MalformedPacketException e) {
            throw new IllegalStateException("a copy of a parsed packet no longer parses", e);
        }
    }
}
