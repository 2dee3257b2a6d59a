package org.lucarne.bridge.ice;

import java.io.IOException;
import java.time.Duration;

/**
 * A client's ICE session with its own loopback UDP socket, as a browser has, for tests outside this
 * package (the synthetic peer). The socket's reader is the one thread it adds.
 */
public final class LoopbackClient implements AutoCloseable {
    private final LoopbackClientHarvester harvester;
    private final IceSession session;

    private LoopbackClient(LoopbackClientHarvester harvester, IceSession session) {
        this.harvester = harvester;
        this.session = session;
    }

    /** @param receiver takes every non-STUN datagram, or {@code null} to queue them on the transport */
    public static LoopbackClient create(boolean controlling, Duration establishTimeout, IceListener listener,
                                        DatagramReceiver receiver) throws IOException {
        LoopbackClientHarvester harvester = new LoopbackClientHarvester();
        try {
            return new LoopbackClient(harvester,
                    IceSession.withHarvester(harvester, controlling, establishTimeout, listener, receiver));
        } catch (IOException | RuntimeException e) {
            harvester.close();
            throw e;
        }
    }

    public IceSession session() {
        return session;
    }

    /**
     * Sends bytes from this client's socket to {@code to} as they are, skipping the transport's
     * size limit: what a broken or hostile client can put on the wire.
     */
    public void sendUnchecked(byte[] datagram, java.net.SocketAddress to) throws IOException {
        harvester.sendRaw(datagram, to);
    }

    @Override
    public void close() {
        session.close();
        harvester.close();
    }
}
