package org.lucarne.signaling.testing;

import java.net.http.HttpClient;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Clock;
import java.time.Duration;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.lucarne.certs.CaDirectory;
import org.lucarne.certs.CertificateAuthority;
import org.lucarne.certs.PasswordFile;
import org.lucarne.certs.Pkcs12;
import org.lucarne.certs.TabletKeystore;

/** A bedside tablet's TLS identity for tests: its certificate from the test server's CA, and clients that use it. */
public final class TabletTls {
    private final TestServer server;
    private final CertificateAuthority ca;
    private final Path dir;

    /** {@code dir}: where the tablets' PKCS#12 files are written. */
    public TabletTls(TestServer server, Path dir) {
        this.server = server;
        this.ca = new CaDirectory(server.dataDir().resolve("tls")).load(Clock.systemUTC());
        this.dir = dir;
    }

    /** The tablet's key managers, read back from the PKCS#12 file the certs module writes. */
    public KeyManager[] keys(String tabletId) {
        return keyManagers(TabletKeystore.ensure(ca, dir, tabletId, Clock.systemUTC()));
    }

    /** The key managers of any tablet keystore, a foreign CA's included. */
    public static KeyManager[] keyManagers(TabletKeystore keystore) {
        try {
            char[] password = PasswordFile.read(keystore.passwordFile());
            KeyStore store = Pkcs12.load(keystore.keystore(), password);
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(store, password);
            return kmf.getKeyManagers();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** An HTTP client that trusts the server and presents {@code keys} when asked. */
    public HttpClient client(KeyManager[] keys) {
        return HttpClient.newBuilder().sslContext(sslContext(keys)).connectTimeout(Duration.ofSeconds(5)).build();
    }

    public SSLContext sslContext(KeyManager[] keys) {
        try {
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(TrustedCa.trustStore(server.caCertificate()));
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(keys, tmf.getTrustManagers(), null);
            return ctx;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The kiosk listener's {@code /ws}. */
    public String kioskWs() {
        return "wss://localhost:" + server.server().kioskPort() + "/ws";
    }

    public String kioskOrigin() {
        return server.server().kioskOrigin();
    }

    /** A kiosk's socket as {@code tabletId}, said hello. */
    public WsTestClient kiosk(String tabletId) {
        WsTestClient kiosk = WsTestClient.connect(client(keys(tabletId)), kioskWs(), kioskOrigin());
        kiosk.send("{\"v\":1,\"type\":\"hello\",\"app\":\"kiosk\",\"appVersion\":\"test\"}");
        return kiosk;
    }
}
