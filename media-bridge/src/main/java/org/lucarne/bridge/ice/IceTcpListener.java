package org.lucarne.bridge.ice;

import java.io.Closeable;
import java.io.DataInputStream;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.ice4j.Transport;
import org.ice4j.TransportAddress;
import org.ice4j.ice.harvest.TcpHarvester;

/**
 * The bridge's optional ICE-TCP port (RFC 6544): ice4j's {@link TcpHarvester}, as Jitsi Videobridge
 * serves ICE over TCP. Every session gets one passive host candidate on the UDP port's address; a
 * browser's connection, once its first framed STUN check (RFC 4571: a 2-byte length, then the
 * message) names a live session's ufrag, is handed to that session through ice4j.
 *
 * <p>Two changes to ice4j's listener. It leaves loopback addresses out of TCP candidates; this one
 * takes exactly the configured address, loopback included, so the TCP candidate sits where the UDP
 * one does. And ice4j keeps a connection that never sends its first message open forever; here the
 * first check must come within {@link #FIRST_CHECK_TIMEOUT_MS}, at most {@link #MAX_PENDING}
 * connections wait for theirs (more are closed at once), and a first message that is not a Binding
 * request with a USERNAME closes the connection.
 */
final class IceTcpListener extends TcpHarvester {
    static final int FIRST_CHECK_TIMEOUT_MS = 5_000;
    static final int MAX_PENDING = 64;
    /** A first check is a few hundred bytes; a frame may announce up to 65535 (RFC 4571 §2). */
    static final int MAX_FIRST_FRAME = 2_048;

    private final ServerSocket server;
    private final ThreadPoolExecutor firstChecks;
    private volatile boolean closed;

    private IceTcpListener(TransportAddress address, ServerSocket server) throws IOException {
        super(List.of(address));
        this.server = server;
        AtomicInteger n = new AtomicInteger();
        // One thread per connection waiting for its first check (a slow one delays no other), at most
        // MAX_PENDING of them; idle threads end after 30 s.
        this.firstChecks = new ThreadPoolExecutor(0, MAX_PENDING, 30, TimeUnit.SECONDS, new SynchronousQueue<>(),
                r -> daemon(r, "ice-tcp-check-" + n.incrementAndGet()));
        daemon(this::acceptLoop, "ice-tcp-accept-" + server.getLocalPort()).start();
    }

    @Override
    protected void addLocalAddresses(List<TransportAddress> addresses) {
        // Called by the superclass's constructor, before this class's fields exist: touch none.
        localAddresses.addAll(addresses);
    }

    /** ice4j's accept and read threads are replaced by {@link #acceptLoop} (bounded); nothing to start here. */
    @Override
    protected void init() {
    }

    /**
     * Listens on {@code bindAddress:port}; port 0 takes a free one.
     *
     * @throws IOException naming the address when the port is taken or the address is not local
     */
    static Bound open(String bindAddress, int port) throws IOException {
        ServerSocket server = new ServerSocket();
        try {
            server.bind(new InetSocketAddress(InetAddress.getByName(bindAddress), port), MAX_PENDING);
            TransportAddress address = new TransportAddress(server.getInetAddress(), server.getLocalPort(), Transport.TCP);
            return new Bound(new IceTcpListener(address, server), (InetSocketAddress) server.getLocalSocketAddress());
        } catch (IOException e) {
            server.close();
            throw new IOException("cannot listen on TCP " + bindAddress + ":" + port + " for ICE-TCP: "
                    + e.getMessage(), e);
        }
    }

    private void acceptLoop() {
        while (!closed) {
            Socket socket;
            try {
                socket = server.accept();
            } catch (IOException e) {
                if (closed) {
                    return;
                }
                continue; // one failed accept (a reset before accept) does not stop the port
            }
            try {
                firstChecks.execute(() -> firstCheck(socket));
            } catch (RejectedExecutionException e) {
                closeQuietly(socket); // MAX_PENDING connections already wait for their first check
            }
        }
    }

    /** Reads the first framed message within the timeout and hands the connection to its session. */
    private void firstCheck(Socket socket) {
        try {
            socket.setSoTimeout(FIRST_CHECK_TIMEOUT_MS);
            socket.setTcpNoDelay(true);
            DataInputStream in = new DataInputStream(socket.getInputStream());
            int length = in.readUnsignedShort();
            if (length < FirstCheck.HEADER || length > MAX_FIRST_FRAME) {
                throw new IOException("first frame of " + length + " bytes");
            }
            byte[] message = new byte[length];
            in.readFully(message);
            Optional<String> ufrag = FirstCheck.localUfrag(message, length);
            if (ufrag.isEmpty()) {
                throw new IOException("first frame is not a STUN Binding request with a USERNAME");
            }
            socket.setSoTimeout(0);
            DatagramPacket first = new DatagramPacket(message, length, socket.getInetAddress(), socket.getPort());
            acceptSession(socket, ufrag.get(), first); // IllegalStateException: no such session (any more)
        } catch (IOException | RuntimeException e) {
            closeQuietly(socket);
        }
    }

    @Override
    public void close() {
        closed = true;
        super.close();
        closeQuietly(server);
        firstChecks.shutdownNow();
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    private static void closeQuietly(Closeable c) {
        try {
            c.close();
        } catch (IOException ignored) {
            // closing is all that is left to do
        }
    }

    /** The listener and where it listens. */
    record Bound(TcpHarvester harvester, InetSocketAddress address) {
    }
}
