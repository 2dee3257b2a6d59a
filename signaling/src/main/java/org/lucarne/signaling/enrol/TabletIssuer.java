package org.lucarne.signaling.enrol;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import org.lucarne.certs.CaDirectory;
import org.lucarne.certs.CertificateAuthority;
import org.lucarne.certs.CertificateStoreException;
import org.lucarne.certs.Pkcs12;
import org.lucarne.signaling.StartupException;
import org.lucarne.signaling.config.SignalingConfig;
import org.lucarne.signaling.tls.ServerTls;

/**
 * The key that issues tablet certificates, if this server holds it: the operator's {@code kiosk.ca.keystore}
 * (checked at start: a readable PKCS#12 holding a CA key whose certificate is {@code kiosk.ca.certificate}), or
 * else the development CA when it is the tablet CA. Without either, enrolment, renewal, MDM packages and the CRL
 * are off ({@code 503 enrolment_off}).
 */
public final class TabletIssuer {
    /** What a refusal says when there is no key. */
    public static final String OFF = "this server does not hold the tablet CA's key: set kiosk.ca.keystore and"
            + " kiosk.ca.keystore.password to enrol tablets";

    private TabletIssuer() {
    }

    /**
     * The tablet CA with its key, or empty.
     *
     * @throws StartupException naming {@code kiosk.ca.keystore} when it is set and unusable
     */
    public static Optional<CertificateAuthority> resolve(SignalingConfig config, ServerTls.Material tls, Clock clock) {
        SignalingConfig.Kiosk kiosk = config.kiosk();
        if (kiosk.caKeystore().isPresent()) {
            return Optional.of(fromKeystore(kiosk.caKeystore().get(),
                    kiosk.caKeystorePassword().orElseThrow().toCharArray(), tls.tabletCa(), clock));
        }
        Optional<ServerTls.DevCa> dev = tls.devCa();
        if (dev.isPresent() && dev.get().certificate().equals(tls.tabletCa().file())) {
            Path dir = dev.get().certificate().getParent();
            try {
                return Optional.of(new CaDirectory(dir).load(clock));
            } catch (CertificateStoreException e) {
                throw new StartupException("TLS: the development CA in " + dir + " cannot issue tablet certificates: "
                        + e.getMessage());
            }
        }
        return Optional.empty();
    }

    private static CertificateAuthority fromKeystore(Path file, char[] password, ServerTls.TabletCa tabletCa,
                                                     Clock clock) {
        CertificateAuthority ca;
        try {
            ca = Pkcs12.readCa(file, password, clock);
        } catch (CertificateStoreException e) {
            throw new StartupException("kiosk.ca.keystore: " + e.getMessage() + " Point kiosk.ca.keystore at the"
                    + " PKCS#12 file of the CA that issues tablet certificates, and kiosk.ca.keystore.password at its"
                    + " password.");
        }
        if (!ca.certificate().equals(tabletCa.certificate())) {
            throw new StartupException("kiosk.ca.keystore: " + file + " holds the CA "
                    + ca.certificate().getSubjectX500Principal().getName() + ", not the one of kiosk.ca.certificate ("
                    + tabletCa.file() + ", " + tabletCa.certificate().getSubjectX500Principal().getName()
                    + "). Both must be the CA that issues tablet certificates.");
        }
        return ca;
    }
}
