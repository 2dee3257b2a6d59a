package org.lucarne.bridge.ice;

import org.ice4j.Transport;
import org.ice4j.TransportAddress;
import org.ice4j.ice.Component;
import org.ice4j.ice.HostCandidate;
import org.ice4j.ice.LocalCandidate;
import org.ice4j.ice.harvest.CandidateHarvester;
import org.ice4j.ice.harvest.HarvestStatistics;
import org.ice4j.socket.IceUdpSocketWrapper;
import org.ice4j.socket.MultiplexingDatagramSocket;
import org.ice4j.socket.StunDatagramPacketFilter;
import org.ice4j.util.Buffer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Plays a browser's side in tests: a host candidate on its own loopback socket, so that this side
 * can send the first connectivity check (the shared-port harvester only answers). Non-STUN datagrams
 * are pushed to the component, as the shared-port harvester does on the bridge side.
 */
final class LoopbackClientHarvester implements CandidateHarvester, AutoCloseable {
    private final HarvestStatistics statistics = new HarvestStatistics();
    /** One socket per harvest: an ICE restart harvests again for the new agent. */
    private final List<DatagramSocket> sockets = new CopyOnWriteArrayList<>();
    private volatile DatagramSocket socket;

    @Override
    public Collection<LocalCandidate> harvest(Component component) {
        try {
            socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            sockets.add(socket);
            MultiplexingDatagramSocket mux = new MultiplexingDatagramSocket(socket);
            HostCandidate candidate = new HostCandidate(new IceUdpSocketWrapper(mux), component, Transport.UDP);
            component.getParentStream().getParentAgent().getStunStack()
                    .addSocket(new IceUdpSocketWrapper(mux.getSocket(new StunDatagramPacketFilter())));
            component.addLocalCandidate(candidate);
            DatagramSocket media = mux.getSocket(p -> !new StunDatagramPacketFilter().accept(p));
            Thread reader = new Thread(() -> pump(media, component), "test-ice-client-reader");
            reader.setDaemon(true);
            reader.start();
            return List.of(candidate);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void pump(DatagramSocket media, Component component) {
        byte[] buf = new byte[1500];
        DatagramPacket p = new DatagramPacket(buf, buf.length);
        while (!media.isClosed()) {
            try {
                p.setData(buf, 0, buf.length);
                media.receive(p);
            } catch (IOException e) {
                return;
            }
            byte[] copy = Arrays.copyOfRange(p.getData(), p.getOffset(), p.getOffset() + p.getLength());
            component.handleBuffer(new Buffer(copy, 0, copy.length));
        }
    }

    TransportAddress localAddress() {
        return new TransportAddress(socket.getLocalAddress(), socket.getLocalPort(), Transport.UDP);
    }

    @Override
    public HarvestStatistics getHarvestStatistics() {
        return statistics;
    }

    @Override
    public boolean isHostHarvester() {
        return true;
    }

    @Override
    public void close() {
        for (DatagramSocket s : sockets) {
            s.close();
        }
    }

    /** Sends bytes from the client's socket as they are, whatever their size. */
    void sendRaw(byte[] datagram, java.net.SocketAddress to) throws IOException {
        DatagramSocket s = socket;
        if (s == null) {
            throw new IOException("no socket harvested yet");
        }
        s.send(new java.net.DatagramPacket(datagram, datagram.length, to));
    }
}
