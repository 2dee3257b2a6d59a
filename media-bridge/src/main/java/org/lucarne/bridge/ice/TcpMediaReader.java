package org.lucarne.bridge.ice;

import java.io.IOException;
import java.net.DatagramPacket;
import org.ice4j.socket.IceSocketWrapper;

/**
 * Reads what arrives over a session's ICE-TCP connection and hands it to the session's transport, so
 * the rest of the packet path (DTLS, SRTP, forwarding, consent) is the UDP one. ice4j pushes UDP
 * datagrams to the component's callback on the port's thread, but keeps what a TCP connection
 * receives (one RFC 4571 frame per datagram, STUN apart) in that connection's socket until someone
 * reads it: this reader, one daemon thread per session connected over TCP, which ends when the agent
 * is freed and closes the connection.
 */
final class TcpMediaReader implements Runnable {
    /** RFC 4571 §2: a frame carries up to 65535 bytes. */
    private static final int MAX_FRAME = 65_535;

    private final IceSocketWrapper connection;
    private final IceDatagramTransport transport;

    private TcpMediaReader(IceSocketWrapper connection, IceDatagramTransport transport) {
        this.connection = connection;
        this.transport = transport;
    }

    /** Starts reading the selected pair's TCP {@code connection} into {@code transport}; returns the thread. */
    static Thread start(IceSocketWrapper connection, IceDatagramTransport transport, String ufrag) {
        Thread t = new Thread(new TcpMediaReader(connection, transport), "ice-tcp-" + ufrag);
        t.setDaemon(true);
        t.start();
        return t;
    }

    @Override
    public void run() {
        byte[] buffer = new byte[MAX_FRAME];
        DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
        while (!transport.isClosed()) {
            try {
                packet.setData(buffer, 0, buffer.length);
                connection.receive(packet);
            } catch (IOException | RuntimeException e) {
                return; // the agent was freed (close, restart, failure): its socket is closed
            }
            transport.deliver(packet.getData(), packet.getOffset(), packet.getLength());
        }
    }
}
