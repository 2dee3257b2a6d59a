package org.lucarne.bridge.transport;

import org.lucarne.bridge.srtp.SrtpSession;

/**
 * What an {@link EndpointTransport} tells its owner (the endpoint's packet path). Called on the
 * transport's threads, including the shared port's reader thread: never block, never throw.
 */
public interface TransportListener {
    /** ICE connected and the DTLS handshake gave SRTP keys: protected media may flow both ways. */
    void connected(SrtpSession srtp);

    /**
     * One SRTP or SRTCP datagram from the peer (first byte 128–191, RFC 7983 §7), still protected.
     * The array belongs to the listener from now on.
     *
     * @param receivedAtNanos {@link System#nanoTime()} when the port read it
     */
    void received(byte[] datagram, long receivedAtNanos);

    /** ICE or DTLS failed or timed out; {@code reason} is for operators and stats. */
    void failed(String reason);
}
