package org.lucarne.certs;

import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@link DevTls#ensure} produced or found.
 *
 * @param serverKeystore     PKCS#12 file with the server key and chain, for Jetty
 * @param keystorePassword   its password (also the key password); a copy is returned each time
 * @param caCertificatePem   the CA certificate as PEM, for people to import into trust stores
 * @param caFingerprint      SHA-256 fingerprint of the CA certificate, to compare when importing it
 * @param caCertificate      the CA certificate
 * @param serverCertificate  the server certificate
 * @param caCreated          whether the CA was created by this call
 * @param serverIssueReason  why the server certificate was (re)issued by this call; empty if it was reused
 */
public record DevTlsMaterial(Path serverKeystore, char[] keystorePassword, Path caCertificatePem,
                             String caFingerprint, X509Certificate caCertificate,
                             X509Certificate serverCertificate, boolean caCreated,
                             Optional<String> serverIssueReason) {

    public DevTlsMaterial {
        Objects.requireNonNull(serverKeystore, "serverKeystore");
        keystorePassword = keystorePassword.clone();
        Objects.requireNonNull(caCertificatePem, "caCertificatePem");
        Objects.requireNonNull(caFingerprint, "caFingerprint");
        Objects.requireNonNull(caCertificate, "caCertificate");
        Objects.requireNonNull(serverCertificate, "serverCertificate");
        Objects.requireNonNull(serverIssueReason, "serverIssueReason");
    }

    @Override
    public char[] keystorePassword() {
        return keystorePassword.clone();
    }

    /** Whether the server certificate was issued by this call. */
    public boolean serverIssued() {
        return serverIssueReason.isPresent();
    }

    @Override
    public String toString() {
        return "DevTlsMaterial[serverKeystore=" + serverKeystore + ", caCertificatePem=" + caCertificatePem
                + ", caFingerprint=" + caFingerprint + ", caCreated=" + caCreated
                + ", serverIssueReason=" + serverIssueReason.orElse("(reused)") + "]";
    }
}
