package org.lucarne.signaling.enrol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.lucarne.certs.Pem;
import org.lucarne.signaling.testing.TabletTls;
import org.lucarne.signaling.testing.TestServer;

/**
 * A bedside tablet enrolling itself against a real server, as the launcher does: its own P-256 key (which never
 * leaves it), a certificate request made with Bouncy Castle, {@code POST /enrol}, polling, and then its
 * certificate in TLS clients for the kiosk port.
 */
public final class EnrollingTablet {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** An HTTP answer: its status and JSON body (null when not JSON). */
    public record Answer(int status, JsonNode json, HttpResponse<byte[]> raw) {
        public String error() {
            return json == null || json.get("error") == null ? null : json.get("error").asText();
        }

        @Override
        public String toString() {
            return status + " " + new String(raw.body(), StandardCharsets.UTF_8);
        }
    }

    private final TestServer server;
    private final KeyPair keys;

    public EnrollingTablet(TestServer server) {
        this.server = server;
        this.keys = p256();
    }

    static KeyPair p256() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec("secp256r1"));
            return g.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    KeyPair keys() {
        return keys;
    }

    /** A PEM request for this tablet's key, asking for {@code subject} (which the server ignores). */
    String csr(KeyPair with) {
        try {
            byte[] der = new JcaPKCS10CertificationRequestBuilder(new X500Name("CN=bedside"), with.getPublic())
                    .build(new JcaContentSignerBuilder("SHA256withECDSA").build(with.getPrivate())).getEncoded();
            return Pem.encode("CERTIFICATE REQUEST", der);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    String csr() {
        return csr(keys);
    }

    /** {@code POST /enrol} with this tablet's request. */
    public Answer ask(String device) {
        String body = JSON.createObjectNode().put("csr", csr()).put("device", device).toString();
        return post(server.url("/enrol"), body);
    }

    Answer post(String url, String json) {
        return send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)), server.httpClient());
    }

    /** {@code GET /enrol/{request}} with the poll token. */
    public Answer poll(String request, String token) {
        return send(HttpRequest.newBuilder(URI.create(server.url("/enrol/" + request)))
                .header("Authorization", "Bearer " + token), server.httpClient());
    }

    static Answer send(HttpRequest.Builder b, HttpClient client) {
        try {
            HttpResponse<byte[]> r = client.send(b.timeout(Duration.ofSeconds(20)).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            boolean json = r.headers().firstValue("Content-Type").orElse("").startsWith("application/json");
            return new Answer(r.statusCode(), json ? JSON.readTree(r.body()) : null, r);
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** The certificates of a PEM chain, leaf first. */
    static List<X509Certificate> chain(String pem) {
        try {
            return CertificateFactory.getInstance("X.509").generateCertificates(
                    new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII))).stream()
                    .map(X509Certificate.class::cast).toList();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** Key managers presenting {@code key} with {@code chain}, as the tablet's browser would. */
    static KeyManager[] keyManagers(PrivateKey key, List<X509Certificate> chain) {
        try {
            char[] password = "in-memory".toCharArray();
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("tablet", key, password, chain.toArray(new Certificate[0]));
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(store, password);
            return kmf.getKeyManagers();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** An HTTPS client of the kiosk port presenting this tablet's key with {@code chainPem}. */
    HttpClient kioskClient(TabletTls tls, String chainPem) {
        return tls.client(keyManagers(keys.getPrivate(), chain(chainPem)));
    }
}
