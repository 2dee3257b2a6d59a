package org.lucarne.signaling.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocketHandshakeException;
import java.nio.file.Path;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.X509KeyManager;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lucarne.certs.CertificateAuthority;
import org.lucarne.certs.TabletKeystore;
import org.lucarne.signaling.testing.TabletTls;
import org.lucarne.signaling.testing.TestServer;
import org.lucarne.signaling.testing.WsTestClient;

/**
 * The kiosk listener with a real server: mutual TLS with the tablet's PKCS#12, the tablet id attached
 * to its socket, and every way a tablet is refused; the public listener never asks for a certificate.
 */
class KioskListenerIT {
    private static final String HELLO = "{\"v\":1,\"type\":\"hello\",\"app\":\"kiosk\",\"appVersion\":\"it\"}";

    @TempDir
    static Path dir;
    private static TestServer server;
    private static TabletTls tablets;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        tablets = new TabletTls(server, dir.resolve("tablets"));
        TabletRows.enrol(server.server().database(), "bed-1");
        TabletRows.enrol(server.server().database(), "bed-2");
        TabletRows.enrol(server.server().database(), "bed-revoked");
        TabletRows.revoke(server.server().database(), "bed-revoked");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void enrolledTabletReachesWsOnTheKioskPortWithItsIdAttached() {
        WsTestClient kiosk = WsTestClient.connect(client(tabletKeys("bed-1")), kioskWs(), kioskOrigin());
        kiosk.send(HELLO);
        assertTrue(kiosk.next().contains("\"welcome\""));
        assertEquals(1, server.server().tabletConnections().count("bed-1"));
        kiosk.abort();
    }

    @Test
    void kioskPageIsServedOnTheKioskPort() throws Exception {
        HttpResponse<String> page = client(tabletKeys("bed-1")).send(
                HttpRequest.newBuilder(URI.create(kioskOrigin() + "/kiosk")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, page.statusCode());
    }

    @Test
    void withoutACertificateTheHandshakeIsRefused() {
        HttpClient noCertificate = client(null);
        assertThrows(IOException.class, () -> noCertificate.send(
                HttpRequest.newBuilder(URI.create(kioskOrigin() + "/kiosk")).build(),
                HttpResponse.BodyHandlers.ofString()));
    }

    @Test
    void certificateFromAnotherCaIsRefusedInTheHandshake() {
        CertificateAuthority other = CertificateAuthority.create("Another CA", Duration.ofDays(10), Clock.systemUTC());
        TabletKeystore foreign = TabletKeystore.ensure(other, dir.resolve("other"), "bed-1", Clock.systemUTC());
        HttpClient client = client(keyManagers(foreign));
        assertThrows(IOException.class, () -> client.send(
                HttpRequest.newBuilder(URI.create(kioskOrigin() + "/kiosk")).build(),
                HttpResponse.BodyHandlers.ofString()));
    }

    @Test
    void revokedTabletGets403BeforeAnyEndpointExists() {
        assertEquals(403, refusedStatus(tabletKeys("bed-revoked"), kioskOrigin()));
        assertEquals(0, server.server().tabletConnections().count("bed-revoked"));
    }

    @Test
    void unknownTabletGets403() {
        assertEquals(403, refusedStatus(tabletKeys("never-enrolled"), kioskOrigin()));
    }

    @Test
    void onTheKioskPortOnlyTheKioskOriginMayOpenTheSocket() {
        assertEquals(403, refusedStatus(tabletKeys("bed-1"), server.origin()));
    }

    @Test
    void publicPortNeverAsksForACertificateAndGivesNoTabletIdentity() throws Exception {
        RecordingKeyManager recording = new RecordingKeyManager(
                (X509KeyManager) tabletKeys("bed-2")[0]);
        SSLContext tls = sslContext(new KeyManager[] {recording});
        try (SSLSocket socket = (SSLSocket) tls.getSocketFactory().createSocket("localhost", server.server().httpsPort())) {
            socket.startHandshake();
            socket.getOutputStream().write("GET /health HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
                    .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            assertTrue(new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.US_ASCII)
                    .startsWith("HTTP/1.1 "));
        }
        assertEquals(0, recording.asked.get(), "the public port asked for a client certificate");

        WsTestClient family = WsTestClient.connect(HttpClient.newBuilder().sslContext(tls).build(), server.wsUrl(),
                server.origin());
        family.send(HELLO);
        assertTrue(family.next().contains("\"welcome\""));
        assertEquals(0, server.server().tabletConnections().count("bed-2"));
        assertEquals(0, recording.asked.get());
        family.abort();
    }

    private static String kioskOrigin() {
        return server.server().kioskOrigin();
    }

    private static String kioskWs() {
        return "wss://localhost:" + server.server().kioskPort() + "/ws";
    }

    private static int refusedStatus(KeyManager[] keys, String origin) {
        try {
            WsTestClient.connect(client(keys), kioskWs(), origin).abort();
            return -1;
        } catch (CompletionException e) {
            if (e.getCause() instanceof WebSocketHandshakeException h) {
                return h.getResponse().statusCode();
            }
            throw e;
        }
    }

    /** The tablet's key managers, read back from the PKCS#12 file the certs module writes. */
    private static KeyManager[] tabletKeys(String tabletId) {
        return tablets.keys(tabletId);
    }

    private static KeyManager[] keyManagers(TabletKeystore keystore) {
        return TabletTls.keyManagers(keystore);
    }

    private static HttpClient client(KeyManager[] keys) {
        return tablets.client(keys);
    }

    private static SSLContext sslContext(KeyManager[] keys) {
        return tablets.sslContext(keys);
    }

    /** Counts the times a server asked this client for a certificate. */
    private static final class RecordingKeyManager implements X509KeyManager {
        final AtomicInteger asked = new AtomicInteger();
        private final X509KeyManager delegate;

        RecordingKeyManager(X509KeyManager delegate) {
            this.delegate = delegate;
        }

        @Override
        public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
            asked.incrementAndGet();
            return delegate.chooseClientAlias(keyType, issuers, socket);
        }

        @Override
        public String[] getClientAliases(String keyType, Principal[] issuers) {
            return delegate.getClientAliases(keyType, issuers);
        }

        @Override
        public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
            return null;
        }

        @Override
        public String[] getServerAliases(String keyType, Principal[] issuers) {
            return null;
        }

        @Override
        public X509Certificate[] getCertificateChain(String alias) {
            return delegate.getCertificateChain(alias);
        }

        @Override
        public PrivateKey getPrivateKey(String alias) {
            return delegate.getPrivateKey(alias);
        }
    }
}
