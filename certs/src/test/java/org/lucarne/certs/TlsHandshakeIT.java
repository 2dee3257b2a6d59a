package org.lucarne.certs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real TLS with the JDK stack on loopback: the development server keystore served by an
 * {@link SSLServerSocket}, and clients that trust only what they are given and verify host names.
 */
class TlsHandshakeIT {

    private static final Clock CLOCK = Clock.systemUTC();

    @TempDir
    Path tls;

    @Test
    void clientTrustingOnlyTheCaConnectsToLocalhostWithHostnameVerification() throws Exception {
        DevTlsMaterial material = DevTls.ensure(tls, "video.ward7.example", CLOCK);
        try (TlsServer server = TlsServer.start(material.serverKeystore(), material.keystorePassword())) {
            assertEquals("hello over TLS", server.greet("localhost", trusting(material.caCertificatePem())));
        }
    }

    @Test
    void clientConnectingByLoopbackAddressAlsoVerifies() throws Exception {
        DevTlsMaterial material = DevTls.ensure(tls, "video.ward7.example", CLOCK);
        try (TlsServer server = TlsServer.start(material.serverKeystore(), material.keystorePassword())) {
            assertEquals("hello over TLS", server.greet("127.0.0.1", trusting(material.caCertificatePem())));
        }
    }

    @Test
    void clientWithAnEmptyTrustStoreRefusesTheServer() throws Exception {
        DevTlsMaterial material = DevTls.ensure(tls, "video.ward7.example", CLOCK);
        KeyStore empty = KeyStore.getInstance("PKCS12");
        empty.load(null, null);
        try (TlsServer server = TlsServer.start(material.serverKeystore(), material.keystorePassword())) {
            // The JDK reports an empty trust store as "trustAnchors parameter must be non-empty".
            assertThrows(SSLException.class, () -> server.greet("localhost", clientContext(empty)));
        }
    }

    @Test
    void clientTrustingAnotherCaRefusesTheServer() throws Exception {
        DevTlsMaterial material = DevTls.ensure(tls.resolve("one"), "video.ward7.example", CLOCK);
        DevTlsMaterial other = DevTls.ensure(tls.resolve("two"), "video.ward7.example", CLOCK);
        try (TlsServer server = TlsServer.start(material.serverKeystore(), material.keystorePassword())) {
            assertThrows(SSLHandshakeException.class, () -> server.greet("localhost", trusting(other.caCertificatePem())));
        }
    }

    @Test
    void clientRefusesACertificateIssuedForAnotherHost() throws Exception {
        CertificateAuthority ca = CertificateAuthority.create("Test CA", Duration.ofDays(30), CLOCK);
        Path caPem = tls.resolve("ca.crt");
        Pem.write(caPem, ca.certificate());
        char[] password = "pw".toCharArray();
        Path keystore = tls.resolve("server.p12");

        Pkcs12.write(keystore, ca.issueServer(new ServerNames(List.of("other.example"), List.of()),
                Duration.ofDays(30)), password);
        try (TlsServer server = TlsServer.start(keystore, password)) {
            assertThrows(SSLHandshakeException.class, () -> server.greet("localhost", trusting(caPem)));
        }

        // Same CA, but the certificate names localhost too: accepted, so the refusal above was the host name.
        Pkcs12.write(keystore, ca.issueServer(ServerNames.forHost("other.example"), Duration.ofDays(30)), password);
        try (TlsServer server = TlsServer.start(keystore, password)) {
            assertEquals("hello over TLS", server.greet("localhost", trusting(caPem)));
        }
    }

    private static SSLContext trusting(Path caPem) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("lucarne-ca", Pem.read(caPem));
        return clientContext(trust);
    }

    private static SSLContext clientContext(KeyStore trust) throws Exception {
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, factory.getTrustManagers(), null);
        return context;
    }

    /** A one-connection-at-a-time TLS server on 127.0.0.1 that answers each client with one line. */
    private static final class TlsServer implements AutoCloseable {

        private final SSLServerSocket socket;
        private final Thread acceptor;

        private TlsServer(SSLServerSocket socket) {
            this.socket = socket;
            this.acceptor = new Thread(this::serve, "tls-test-server");
            this.acceptor.setDaemon(true);
            this.acceptor.start();
        }

        static TlsServer start(Path p12, char[] password) throws Exception {
            KeyStore keyStore = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(p12)) {
                keyStore.load(in, password);
            }
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(keyStore, password);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), null, null);
            SSLServerSocket socket = (SSLServerSocket) context.getServerSocketFactory()
                    .createServerSocket(0, 5, InetAddress.getByName("127.0.0.1"));
            return new TlsServer(socket);
        }

        /** Connects to 127.0.0.1 while verifying the certificate as if {@code host} had been dialled. */
        String greet(String host, SSLContext client) throws IOException {
            try (Socket plain = new Socket()) {
                plain.connect(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), socket.getLocalPort()), 5_000);
                plain.setSoTimeout(5_000);
                try (SSLSocket tls = (SSLSocket) client.getSocketFactory()
                        .createSocket(plain, host, socket.getLocalPort(), true)) {
                    SSLParameters parameters = tls.getSSLParameters();
                    parameters.setEndpointIdentificationAlgorithm("HTTPS");
                    tls.setSSLParameters(parameters);
                    tls.startHandshake();
                    return new BufferedReader(new InputStreamReader(tls.getInputStream(), StandardCharsets.UTF_8))
                            .readLine();
                }
            }
        }

        private void serve() {
            while (!socket.isClosed()) {
                try (Socket client = socket.accept()) {
                    client.setSoTimeout(5_000);
                    OutputStream out = client.getOutputStream();
                    out.write("hello over TLS\n".getBytes(StandardCharsets.UTF_8));
                    out.flush();
                } catch (IOException e) {
                    // A client that rejects our certificate ends its handshake with an alert; keep serving.
                }
            }
        }

        @Override
        public void close() throws IOException {
            socket.close();
            try {
                acceptor.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
