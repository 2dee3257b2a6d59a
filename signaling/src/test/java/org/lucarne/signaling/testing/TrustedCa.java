package org.lucarne.signaling.testing;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** Java clients that trust exactly one CA certificate (a PEM file), as a person's browser would. */
public final class TrustedCa {
    private TrustedCa() {
    }

    public static KeyStore trustStore(Path caPem) {
        try (InputStream in = Files.newInputStream(caPem)) {
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry("lucarne-dev-ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
            return trust;
        } catch (Exception e) {
            throw new IllegalStateException("cannot read the CA certificate " + caPem + ": " + e.getMessage(), e);
        }
    }

    public static SSLContext sslContext(KeyStore trust) {
        try {
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, tmf.getTrustManagers(), null);
            return ctx;
        } catch (Exception e) {
            throw new IllegalStateException("cannot build a TLS context: " + e.getMessage(), e);
        }
    }

    public static SSLContext sslContext(Path caPem) {
        return sslContext(trustStore(caPem));
    }
}
