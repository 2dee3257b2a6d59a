package org.lucarne.signaling.tls;

import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Optional;
import org.lucarne.certs.CertificateStoreException;
import org.lucarne.certs.DevTls;
import org.lucarne.certs.DevTlsMaterial;
import org.lucarne.certs.Pem;
import org.lucarne.certs.ServerKeystore;
import org.lucarne.signaling.StartupException;
import org.lucarne.signaling.config.SignalingConfig;

/**
 * The server's TLS key: the operator's PKCS#12 when {@code tls.keystore} is set, otherwise a
 * development CA and server certificate kept in {@code <data.dir>/tls}. Also the CA the bedside
 * tablets' client certificates must chain to: {@code kiosk.ca.certificate}, or the development CA.
 */
public final class ServerTls {
    /** What Jetty needs, and, for a development CA, what a person must trust. */
    public record Material(Path keystore, String password, Optional<DevCa> devCa, TabletCa tabletCa) { }

    /** The development CA: its PEM certificate and SHA-256 fingerprint. */
    public record DevCa(Path certificate, String sha256, boolean createdNow) { }

    /** The CA that issues tablet certificates: its PEM file and certificate. */
    public record TabletCa(Path file, X509Certificate certificate) { }

    private ServerTls() {
    }

    public static Material resolve(SignalingConfig config, Clock clock) {
        try {
            if (config.tls().keystore().isPresent()) {
                Path keystore = config.tls().keystore().get();
                String password = config.tls().keystorePassword().orElseThrow();
                ServerKeystore.load(keystore, password.toCharArray(), clock);
                return new Material(keystore, password, Optional.empty(),
                        tabletCa(config.kiosk().caCertificate().orElseThrow()));
            }
            DevTlsMaterial dev = DevTls.ensure(config.dataDir().resolve("tls"), config.host(), clock);
            Path ca = config.kiosk().caCertificate().orElse(dev.caCertificatePem());
            return new Material(dev.serverKeystore(), new String(dev.keystorePassword()),
                    Optional.of(new DevCa(dev.caCertificatePem(), dev.caFingerprint(), dev.caCreated())),
                    tabletCa(ca));
        } catch (CertificateStoreException e) {
            throw new StartupException("TLS: " + e.getMessage());
        }
    }

    private static TabletCa tabletCa(Path file) {
        X509Certificate certificate;
        try {
            certificate = Pem.read(file);
        } catch (CertificateStoreException e) {
            throw new StartupException("TLS: kiosk.ca.certificate: " + e.getMessage()
                    + " Point kiosk.ca.certificate at the PEM certificate of the CA that issues tablet certificates.");
        }
        if (certificate.getBasicConstraints() < 0) {
            throw new StartupException("TLS: kiosk.ca.certificate: " + file + " holds "
                    + certificate.getSubjectX500Principal().getName() + ", which is not a CA certificate. Point it"
                    + " at the certificate of the CA that issues tablet certificates.");
        }
        return new TabletCa(file, certificate);
    }
}
