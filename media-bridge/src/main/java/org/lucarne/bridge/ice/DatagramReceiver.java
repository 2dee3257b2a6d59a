package org.lucarne.bridge.ice;

/**
 * Takes every non-STUN datagram an {@link IceSession} receives, instead of the session queueing them
 * all for {@link IceDatagramTransport#receive}. Called on the port's reader thread: never block.
 */
@FunctionalInterface
public interface DatagramReceiver {
    /**
     * @param via             the transport the datagram came in on; {@link IceDatagramTransport#enqueue}
     *                        hands it to whoever reads that transport (the DTLS handshake)
     * @param datagram        a copy of the datagram, owned by the receiver from now on
     * @param receivedAtNanos {@link System#nanoTime()} when the port handed it over
     */
    void received(IceDatagramTransport via, byte[] datagram, long receivedAtNanos);
}
