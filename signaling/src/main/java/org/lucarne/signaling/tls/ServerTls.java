package org.lucarne.signaling.tls;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import org.lucarne.certs.CertificateStoreException;
import org.lucarne.certs.DevTls;
import org.lucarne.certs.DevTlsMaterial;
import org.lucarne.certs.ServerKeystore;
import org.lucarne.signaling.StartupException;
import org.lucarne.signaling.config.SignalingConfig;

/**
 * The server's TLS key: the operator's PKCS#12 when {@code tls.keystore} is set, otherwise a
 * development CA and server certificate kept in {@code <data.dir>/tls}.
 */
public final class ServerTls {
    /** What Jetty needs, and, for a development CA, what a person must trust. */
    public record Material(Path keystore, String password, Optional<DevCa> devCa) { }

    /** The development CA: its PEM certificate and SHA-256 fingerprint. */
    public record DevCa(Path certificate, String sha256, boolean createdNow) { }

    private ServerTls() {
    }

    public static Material resolve(SignalingConfig config, Clock clock) {
        try {
            if (config.tls().keystore().isPresent()) {
                Path keystore = config.tls().keystore().get();
                String password = config.tls().keystorePassword().orElseThrow();
                ServerKeystore.load(keystore, password.toCharArray(), clock);
                return new Material(keystore, password, Optional.empty());
            }
            DevTlsMaterial dev = DevTls.ensure(config.dataDir().resolve("tls"), config.host(), clock);
            return new Material(dev.serverKeystore(), new String(dev.keystorePassword()),
                    Optional.of(new DevCa(dev.caCertificatePem(), dev.caFingerprint(), dev.caCreated())));
        } catch (CertificateStoreException e) {
            throw new StartupException("TLS: " + e.getMessage());
        }
    }
}
