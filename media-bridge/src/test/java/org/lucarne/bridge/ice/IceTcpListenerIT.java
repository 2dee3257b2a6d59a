package org.lucarne.bridge.ice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The ICE-TCP port's door: what it closes before anything reaches ice4j, and its bounds. */
class IceTcpListenerIT {
    /** How long a test waits to see a connection closed, beyond what the listener allows. */
    private static final int GRACE_MS = 5_000;

    private IceTcpListener.Bound listener;
    private final List<Socket> sockets = new ArrayList<>();

    @BeforeEach
    void listen() throws IOException {
        listener = IceTcpListener.open("127.0.0.1", 0);
    }

    @AfterEach
    void close() throws IOException {
        for (Socket s : sockets) {
            s.close();
        }
        listener.harvester().close();
    }

    @Test
    void aConnectionThatSendsNothingIsClosedAfterTheFirstCheckTimeout() throws IOException {
        Socket idle = connect();
        assertClosedWithin(idle, IceTcpListener.FIRST_CHECK_TIMEOUT_MS + GRACE_MS);
    }

    @Test
    void aFirstFrameThatIsNotABindingRequestIsClosed() throws IOException {
        Socket http = connect();
        byte[] request = "GET / HTTP/1.1\r\n\r\n".getBytes();
        http.getOutputStream().write(request); // read as a frame of 0x4745 bytes: over the limit
        assertClosedWithin(http, GRACE_MS);

        Socket junk = connect();
        DataOutputStream out = new DataOutputStream(junk.getOutputStream());
        out.writeShort(24);
        out.write(new byte[24]);
        assertClosedWithin(junk, GRACE_MS);
    }

    @Test
    void aCheckForAnUnknownUfragIsClosed() throws IOException {
        Socket stranger = connect();
        byte[] check = {0, 1, 0, 24, 0x21, 0x12, (byte) 0xA4, 0x42, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12,
                0, 6, 0, 19, 'n', 'o', 'b', 'o', 'd', 'y', 'h', 'e', 'r', 'e', 'x', 'y', ':', 'A', 'b', 'c', 'd', 'e',
                'f', 0};
        DataOutputStream out = new DataOutputStream(stranger.getOutputStream());
        out.writeShort(check.length);
        out.write(check);
        assertClosedWithin(stranger, GRACE_MS);
    }

    @Test
    void connectionsBeyondThePendingBoundAreClosedAtOnce() throws IOException {
        for (int i = 0; i < IceTcpListener.MAX_PENDING; i++) {
            connect();
        }
        Socket waiting = sockets.get(0);
        Socket extra = connect();
        assertClosedWithin(extra, GRACE_MS);
        waiting.setSoTimeout(100);
        try {
            assertEquals(-1, waiting.getInputStream().read(), "not expected: data on a waiting connection");
        } catch (SocketTimeoutException stillOpen) {
            // the first connection is still waiting for its check: only the extra one was refused
        }
    }

    private Socket connect() throws IOException {
        Socket s = new Socket();
        sockets.add(s);
        s.connect(new InetSocketAddress(listener.address().getAddress(), listener.address().getPort()), 5_000);
        return s;
    }

    /** Reads until the listener closes the connection (end of stream or reset), failing after {@code ms}. */
    private static void assertClosedWithin(Socket s, int ms) throws IOException {
        s.setSoTimeout(ms);
        InputStream in = s.getInputStream();
        try {
            assertEquals(-1, in.read(), "the listener sent data instead of closing");
        } catch (SocketTimeoutException e) {
            throw new AssertionError("the connection was still open after " + ms + " ms");
        } catch (IOException reset) {
            assertTrue(reset.getMessage() == null || !reset.getMessage().isEmpty(), "closed by a reset");
        }
    }
}
