package org.lucarne.bridge.forward;

import java.time.Clock;
import org.lucarne.bridge.rtp.AbsSendTime;
import org.lucarne.bridge.srtp.SrtpResult;

/**
 * The last stages towards one receiver: encrypt (its SRTP association), cache (video RTP only,
 * for NACKs) and send (its {@link PacketSender}). Called from every sender's worker at once: the
 * protection is thread-safe, the cache synchronises per SSRC, and the sender never blocks.
 */
final class Outbound {
    private final PacketSender sender;
    private final ForwardingStats stats;
    private final Clock clock;
    private final PacketCache cache = new PacketCache();
    private final RateMeter sentRtp = new RateMeter();
    private volatile PacketProtection protection;
    /** The receiver's id for abs-send-time, 0 when it did not negotiate it. */
    private volatile int absSendTimeId;

    Outbound(PacketSender sender, ForwardingStats stats, Clock clock) {
        this.sender = sender;
        this.stats = stats;
        this.clock = clock;
    }

    /** The receiver's header-extension id for abs-send-time, 0 for none ({@link AbsSendTime}). */
    void absSendTimeId(int id) {
        absSendTimeId = id;
    }

    void connect(PacketProtection protection) {
        this.protection = protection;
    }

    /** Nothing more is encrypted or sent; the cache is emptied. */
    void disconnect() {
        protection = null;
        cache.clear();
    }

    boolean isConnected() {
        return protection != null;
    }

    /**
     * Encrypts and sends one plaintext RTP packet, and caches it for NACKs when {@code cache};
     * false when it was dropped (counted).
     */
    boolean sendRtp(byte[] packet, int offset, int length, long ssrc, int sequence, boolean cache) {
        PacketProtection p = protection;
        if (p == null) {
            stats.dropped(ForwardingStats.NOT_CONNECTED);
            return false;
        }
        // The time this packet leaves for this receiver, for its estimator: a wire field, read from
        // the monotonic clock the packet path stamps arrivals with.
        AbsSendTime.stamp(packet, offset, length, absSendTimeId, System.nanoTime());
        SrtpResult result = p.protectRtp(packet, offset, length);
        if (!result.isOk()) {
            stats.dropped(ForwardingStats.reason(result.status()));
            return false;
        }
        byte[] sent = result.packet();
        long now = clock.millis();
        sentRtp.add(sent.length, now);
        if (cache) {
            this.cache.put(ssrc, sequence, sent, 0, sent.length, now);
        }
        send(sent);
        return true;
    }

    /** Encrypts and sends one padding-only RTP packet (a probe): counted as sent, not cached. */
    boolean sendPadding(byte[] packet, int offset, int length) {
        PacketProtection p = protection;
        if (p == null) {
            return false;
        }
        AbsSendTime.stamp(packet, offset, length, absSendTimeId, System.nanoTime());
        SrtpResult result = p.protectRtp(packet, offset, length);
        if (!result.isOk()) {
            stats.dropped(ForwardingStats.reason(result.status()));
            return false;
        }
        sentRtp.add(result.packet().length, clock.millis());
        send(result.packet());
        return true;
    }

    /** What was sent to this receiver as RTP over the last second, bit/s: what its REMB is compared with. */
    long sentBitrate(long nowMillis) {
        return sentRtp.bitrate(nowMillis);
    }

    /** Encrypts and sends one plaintext RTCP compound packet. */
    boolean sendRtcp(byte[] packet) {
        PacketProtection p = protection;
        if (p == null) {
            stats.dropped(ForwardingStats.NOT_CONNECTED);
            return false;
        }
        SrtpResult result = p.protectRtcp(packet, 0, packet.length);
        if (!result.isOk()) {
            stats.dropped(ForwardingStats.reason(result.status()));
            return false;
        }
        send(result.packet());
        return true;
    }

    /** Sends again what was sent as {@code sequence} on {@code ssrc}; false when not cached. */
    boolean resend(long ssrc, int sequence) {
        if (protection == null) {
            return false;
        }
        byte[] cached = cache.get(ssrc, sequence, clock.millis());
        if (cached == null) {
            return false;
        }
        send(cached);
        return true;
    }

    private void send(byte[] datagram) {
        sender.send(datagram, 0, datagram.length);
        stats.sent(datagram.length);
    }
}
