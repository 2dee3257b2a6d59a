package org.lucarne.bridge.conference;

import org.lucarne.bridge.forward.PacketSender;
import org.lucarne.bridge.transport.EndpointTransport;

/**
 * The sender handed to the router before the endpoint's transport exists (the transport needs the
 * router's listener first): drops until {@link #bind} is called, then delegates to the transport.
 */
final class DeferredSender implements PacketSender {
    private volatile EndpointTransport transport;

    void bind(EndpointTransport target) {
        this.transport = target;
    }

    @Override
    public void send(byte[] datagram, int offset, int length) {
        EndpointTransport t = transport;
        if (t != null) {
            t.send(datagram, offset, length);
        }
    }
}
