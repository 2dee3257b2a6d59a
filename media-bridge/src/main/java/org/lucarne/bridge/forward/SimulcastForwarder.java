package org.lucarne.bridge.forward;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.lucarne.bridge.rtp.MalformedPacketException;
import org.lucarne.bridge.rtp.RtpPacket;
import org.lucarne.bridge.rtp.Vp8Descriptor;

/**
 * The simulcast stage of one sender, beside {@link RtpForwarder}: for each receiver, the layer
 * {@link LayerSelection} picks, switched at keyframes and rewritten onto the source's first SSRC
 * ({@link LayerSwitch}); the others are not sent. When a receiver waits for a layer's keyframe the
 * sender is asked for one on that layer (a PLI, RFC 4585 §6.3.1), at most every
 * {@value KeyframeRequests#MIN_INTERVAL_MILLIS} ms.
 *
 * <p>{@link #forward} runs on the sender's worker and rewrites in one buffer of its own, which the
 * encrypt stage copies: no allocation per packet. The receivers' workers reach {@link #switchFor}
 * to translate their NACKs and keyframe requests.
 */
final class SimulcastForwarder {
    /** Room for any RTP packet the bridge receives (one UDP datagram on a 1500-byte MTU path, and some). */
    private static final int MAX_PACKET = 2048;

    private final RouterEndpoint sender;
    private final ForwardingStats stats;
    private final Clock clock;
    private final Map<RouterEndpoint, LayerSwitch> switches = new ConcurrentHashMap<>();
    private final Map<RouterEndpoint, Long> keyframeAskedMillis = new ConcurrentHashMap<>();
    private final byte[] scratch = new byte[MAX_PACKET];
    private SimulcastSource activitySource;
    private LayerActivity activity;

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
        if (activitySource != source) {
            activitySource = source;
            activity = new LayerActivity();
        }
        int height = Vp8Descriptor.keyframeHeight(packet.buffer(), packet.payloadOffset(), packet.payloadLength());
        activity.packet(source.layerOf(packet.ssrc()), nowMillis, height);
    }

    /** Sends {@code receiver} the packet if it carries the layer chosen for it, rewritten. */
    void forward(RouterEndpoint receiver, HeaderRewrite rewrite, RtpPacket packet, SimulcastSource source,
                 long nowMillis, long receivedAtNanos) {
        LayerSwitch sw = switchFor(receiver, source);
        if (activity != null) {
            sw.target(LayerSelection.choose(source, activity, receiver.wishHeight(sender.id()), sw.target(), nowMillis));
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
        }
    }

    /** The receiver's view of the source; a new one when the sender's source changed. */
    LayerSwitch switchFor(RouterEndpoint receiver, SimulcastSource source) {
        LayerSwitch sw = switches.get(receiver);
        if (sw == null || sw.source != source) {
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
