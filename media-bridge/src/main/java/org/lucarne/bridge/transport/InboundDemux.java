package org.lucarne.bridge.transport;

import org.lucarne.bridge.rtp.PacketKind;

/**
 * Sorts what the peer sends on the ICE 5-tuple (RFC 7983 §7, by first byte): DTLS to the handshake
 * while it runs, SRTP and SRTCP to the listener once keys exist, the rest dropped and counted.
 * STUN never gets here: ice4j answers it before.
 */
final class InboundDemux {
    /** Takes a DTLS datagram for the running handshake; false when it cannot (then counted). */
    @FunctionalInterface
    interface HandshakeQueue {
        boolean offer(byte[] datagram);
    }

    private final DropCounters drops;
    private final TransportListener listener;

    InboundDemux(DropCounters drops, TransportListener listener) {
        this.drops = drops;
        this.listener = listener;
    }

    /**
     * Routes one datagram; never throws for any bytes. The array goes on as it is (no copy).
     *
     * @return why it was dropped, or null when it was handed on
     */
    DropReason route(byte[] datagram, long receivedAtNanos, TransportState state, HandshakeQueue handshake) {
        DropReason dropped = decide(datagram, receivedAtNanos, state, handshake);
        if (dropped != null) {
            drops.count(dropped);
        }
        return dropped;
    }

    private DropReason decide(byte[] datagram, long receivedAtNanos, TransportState state,
                              HandshakeQueue handshake) {
        if (state == TransportState.FAILED || state == TransportState.CLOSED) {
            return DropReason.AFTER_CLOSE;
        }
        switch (PacketKind.classify(datagram, 0, datagram.length)) {
            case DTLS:
                if (state == TransportState.CONNECTED) {
                    // Choice: after the handshake DTLS is dropped, not read. There are no data channels,
                    // and a peer's close_notify is not needed: Colibri2 expiry or consent loss ends it.
                    return DropReason.DTLS_AFTER_HANDSHAKE;
                }
                return handshake.offer(datagram) ? null : DropReason.DTLS_QUEUE_FULL;
            case RTP:
            case RTCP:
                if (state != TransportState.CONNECTED) {
                    return DropReason.SRTP_BEFORE_CONNECTED;
                }
                listener.received(datagram, receivedAtNanos);
                return null;
            default:
                return DropReason.UNRECOGNISED;
        }
    }
}
