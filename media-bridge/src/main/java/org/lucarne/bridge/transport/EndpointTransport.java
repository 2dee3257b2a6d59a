package org.lucarne.bridge.transport;

import java.io.IOException;
import org.lucarne.bridge.colibri.IceUdpTransport;

/**
 * One endpoint's media transport: ICE on the shared port, then DTLS 1.2 (role from the remote
 * {@code setup}), then SRTP keys handed to the {@link TransportListener}. Demultiplexes what the
 * ICE session receives (RFC 7983 §7): DTLS to the handshake, SRTP/SRTCP to the listener.
 *
 * <p>SCAFFOLD: signatures agreed between the transport, conference and packet-path work; the
 * bodies are being written.
 */
public final class EndpointTransport implements AutoCloseable {

    /**
     * A transport with fresh ICE credentials on the shared port.
     *
     * @param iceControlling from Colibri2's {@code transport.ice-controlling}
     */
    public static EndpointTransport create(TransportContext context, boolean iceControlling,
                                           TransportListener listener) throws IOException {
        throw new UnsupportedOperationException("scaffold");
    }

    /**
     * The bridge's side for the Colibri2 answer: ufrag, pwd, {@code rtcp-mux: true}, the bridge's
     * SHA-256 fingerprint with {@code setup: actpass}, and the port's candidates.
     */
    public IceUdpTransport localDescription() {
        throw new UnsupportedOperationException("scaffold");
    }

    /**
     * Sets the peer's side (from a Colibri2 PATCH) and starts ICE, then DTLS. Called again with the
     * same ufrag it does nothing; with a new ufrag it restarts ICE (RFC 8445 §9).
     *
     * @throws IllegalArgumentException with a message naming the missing or bad field, relative to
     *                                  {@code transport.transport} (for example {@code fingerprints
     *                                  is missing}); nothing is changed then
     */
    public void connect(IceUdpTransport remote) {
        throw new UnsupportedOperationException("scaffold");
    }

    /** Sends one protected datagram over the selected pair; dropped and counted when not connected. */
    public void send(byte[] datagram, int offset, int length) {
        throw new UnsupportedOperationException("scaffold");
    }

    public TransportState state() {
        throw new UnsupportedOperationException("scaffold");
    }

    /** Frees the ICE session and its registration on the port, and the SRTP contexts. Idempotent. */
    @Override
    public void close() {
        throw new UnsupportedOperationException("scaffold");
    }
}
