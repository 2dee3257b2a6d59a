package org.lucarne.signaling.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lucarne.signaling.call.CallSockets.TestVisit;
import org.lucarne.signaling.policy.Role;
import org.lucarne.signaling.testing.StaffClient;
import org.lucarne.signaling.testing.TabletTls;
import org.lucarne.signaling.testing.TestServer;
import org.lucarne.signaling.testing.WsTestClient;
import org.lucarne.testing.ManualScheduler;

/**
 * A revoked tablet is refused in the kiosk listener's TLS handshake, not only at the {@code /ws} upgrade: a
 * full handshake with its certificate, a session resumed from before the revocation, and its HTTP connection
 * left open all end, while another tablet of the ward still connects; revoked on another node, it is refused
 * at the upgrade at once, and in the handshake and at its kiosk's next ping once this node reads the list again.
 */
class KioskHandshakeRevocationIT {
    private static final String PING = "{\"v\":1,\"type\":\"ping\",\"seq\":1}";
    @TempDir
    static Path dir;
    private static final ManualScheduler TIMERS = ManualScheduler.startingNow();
    private static TabletWard ward;
    private static TestServer server;
    private static TabletTls tablets;

    @BeforeAll
    static void start() {
        ward = new TabletWard(Map.of(), TIMERS, dir);
        server = ward.server;
        tablets = new TabletTls(server, dir.resolve("tablets"));
    }

    @AfterAll
    static void stop() {
        ward.close();
    }

    @Test
    void aRevokedTabletsOpenConnectionClosesAndItsNextHandshakesFailResumedOrNot() throws IOException {
        TestVisit visit = ward.sockets.book(TIMERS.clock(), Duration.ofHours(1));
        TestVisit other = ward.sockets.book(TIMERS.clock(), Duration.ofHours(1));
        SSLContext revokedContext = tablets.sslContext(tablets.keys(visit.tabletId()));

        SSLSocket first = connect(revokedContext);
        assertEquals("HTTP/1.1 200 OK", get(first), "the tablet is enrolled: its kiosk page loads");
        SSLSocket second = connect(revokedContext);
        assertEquals("HTTP/1.1 200 OK", get(second));
        assertEquals(first.getSession().getCreationTime(), second.getSession().getCreationTime(),
                "the second connection resumed the first one's session (no certificate check in it)");
        second.close();

        StaffClient staff = ward.memberOf(Role.WARD_MANAGER, visit.wardId());
        StaffClient.Answer revoked = staff.post("/api/tablets/" + visit.tabletId() + "/revoke", "{\"reason\": \"stolen\"}");
        assertEquals(200, revoked.status(), revoked.toString());

        first.setSoTimeout(5_000);
        assertEquals(-1, readOrEnd(first.getInputStream()), "the connection left open is closed by the server");
        assertThrows(IOException.class, () -> get(connect(revokedContext)), "a session resumed from before is refused");
        SSLContext fresh = tablets.sslContext(tablets.keys(visit.tabletId()));
        assertThrows(IOException.class, () -> get(connect(fresh)), "a full handshake is refused");

        SSLSocket stillEnrolled = connect(tablets.sslContext(tablets.keys(other.tabletId())));
        assertEquals("HTTP/1.1 200 OK", get(stillEnrolled), "another tablet is not affected");
        stillEnrolled.close();
        assertTrue(server.server().tabletConnections().count(visit.tabletId()) == 0);
    }

    @Test
    void aTabletRevokedOnAnotherNodeIsRefusedAtTheUpgradeThenInTheHandshakeOnceTheListIsReadAgain() throws IOException {
        TestVisit visit = ward.sockets.book(TIMERS.clock(), Duration.ofHours(1));
        WsTestClient idle = tablets.kiosk(visit.tabletId());
        TabletRows.revoke(server.server().database(), visit.tabletId(), TIMERS.clock().millis()); // as another node would
        idle.send(PING);
        awaitPong(idle);
        assertFalse(idle.isClosed(), "this node has not heard of it yet: its ping is answered");

        SSLSocket open = connect(tablets.sslContext(tablets.keys(visit.tabletId())));
        assertEquals("HTTP/1.1 200 OK", get(open), "this node has not read the list again yet");
        open.close();
        CompletionException refused = assertThrows(CompletionException.class, () -> tablets.kiosk(visit.tabletId()));
        assertTrue(refused.getCause() instanceof WebSocketHandshakeException, "the /ws upgrade reads the database");
        assertEquals(403, ((WebSocketHandshakeException) refused.getCause()).getResponse().statusCode());

        TIMERS.advance(RevokedTablets.REFRESH);
        idle.send(PING);
        assertEquals(1008, idle.awaitClose(5).code(), "the idle kiosk is closed at its next ping once the list is read");
        SSLContext fresh = tablets.sslContext(tablets.keys(visit.tabletId()));
        assertThrows(IOException.class, () -> get(connect(fresh)), "refused in the handshake from the next reading on");
    }

    private static void awaitPong(WsTestClient kiosk) {
        for (int i = 0; i < 20; i++) {
            if (kiosk.next(5).contains("\"pong\"")) {
                return;
            }
        }
        throw new AssertionError("no pong");
    }

    private static SSLSocket connect(SSLContext context) throws IOException {
        SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket("localhost", server.server().kioskPort());
        socket.setSoTimeout(10_000);
        socket.setEnabledProtocols(new String[] {"TLSv1.3"});
        socket.startHandshake();
        return socket;
    }

    /** Asks for the kiosk page on a kept-alive connection; the status line. */
    private static String get(SSLSocket socket) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(("GET /kiosk HTTP/1.1\r\nHost: localhost\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        InputStream in = socket.getInputStream();
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int c = in.read();
            if (c == -1) {
                throw new IOException("the server closed the connection after: " + head);
            }
            head.append((char) c);
        }
        List<String> lines = head.toString().lines().toList();
        String length = lines.stream().filter(l -> l.toLowerCase().startsWith("content-length:")).findFirst()
                .map(l -> l.substring(l.indexOf(':') + 1).trim()).orElseThrow(() -> new IOException("no length: " + head));
        in.readNBytes(Integer.parseInt(length));
        return lines.isEmpty() ? "" : lines.get(0);
    }

    private static int readOrEnd(InputStream in) {
        try {
            return in.read();
        } catch (IOException e) {
            return -1; // closed under us: as good as an end
        }
    }
}
