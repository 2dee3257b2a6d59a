package org.lucarne.bridge.ice;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.List;
import org.ice4j.Transport;
import org.ice4j.TransportAddress;
import org.ice4j.ice.harvest.TcpHarvester;

/**
 * The bridge's optional ICE-TCP port (RFC 6544): ice4j's {@link TcpHarvester}, as Jitsi Videobridge
 * serves ICE over TCP. It accepts browsers' active connections, reads the first framed STUN check
 * (RFC 4571 framing), hands the connection to the session whose ufrag the check names, and offers
 * every session one passive host candidate on the UDP port's address.
 *
 * <p>ice4j leaves loopback addresses out of TCP candidates (its host filter); this subclass takes
 * exactly the configured address, loopback included, so the TCP candidate sits where the UDP one does.
 */
final class IceTcpListener extends TcpHarvester {
    private IceTcpListener(TransportAddress address) throws IOException {
        super(List.of(address));
    }

    @Override
    protected void addLocalAddresses(List<TransportAddress> addresses) {
        // Called by the superclass's constructor, before this class's fields exist: touch none.
        localAddresses.addAll(addresses);
    }

    /**
     * Listens on {@code bindAddress:port}; port 0 takes a free one.
     *
     * @throws IOException naming the address when the port is taken or the address is not local
     */
    static Bound open(String bindAddress, int port) throws IOException {
        InetAddress address = InetAddress.getByName(bindAddress);
        int chosen = port;
        if (chosen == 0) {
            // The harvester advertises the port it was given, so find a free one first.
            try (ServerSocket probe = new ServerSocket(0, 1, address)) {
                chosen = probe.getLocalPort();
            }
        }
        try {
            return new Bound(new IceTcpListener(new TransportAddress(address, chosen, Transport.TCP)),
                    new InetSocketAddress(address, chosen));
        } catch (IOException e) {
            throw new IOException("cannot listen on TCP " + bindAddress + ":" + chosen + " for ICE-TCP: "
                    + e.getMessage(), e);
        }
    }

    /** The listener and where it listens. */
    record Bound(TcpHarvester harvester, InetSocketAddress address) {
    }
}
