package org.lucarne.certs;

import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * An operator-provided PKCS#12 keystore for the TLS server, checked before the server starts so a
 * bad file gives a clear message rather than a failed handshake later.
 */
public record ServerKeystore(Path file, KeyStore keyStore, String alias, IssuedCertificate contents) {

    private static final String SERVER_AUTH = "1.3.6.1.5.5.7.3.1";
    private static final String ANY_EXTENDED_KEY_USAGE = "2.5.29.37.0";

    /**
     * Loads and checks the keystore: the file exists and is readable PKCS#12 opened by {@code password},
     * it holds exactly one private key entry with a certificate chain whose leaf matches the key,
     * the leaf is valid now and may be used by a TLS server.
     *
     * @throws CertificateStoreException naming the file and the problem
     */
    public static ServerKeystore load(Path file, char[] password, Clock clock) {
        String where = SecureFiles.show(file);
        KeyStore keyStore = Pkcs12.load(file, password);
        Pkcs12.KeyEntry entry = Pkcs12.singleKeyEntry(file, keyStore, password);
        X509Certificate leaf = entry.contents().certificate();
        String subject = leaf.getSubjectX500Principal().getName();
        Instant now = clock.instant();
        if (now.isAfter(leaf.getNotAfter().toInstant())) {
            throw new CertificateStoreException(where + ": the certificate for " + subject + " expired on "
                    + leaf.getNotAfter().toInstant() + ". Install a renewed certificate.");
        }
        if (now.isBefore(leaf.getNotBefore().toInstant())) {
            throw new CertificateStoreException(where + ": the certificate for " + subject + " is not valid until "
                    + leaf.getNotBefore().toInstant() + ". Check the system clock.");
        }
        if (!allowsServerAuth(leaf)) {
            throw new CertificateStoreException(where + ": the certificate for " + subject
                    + " is not for TLS servers (its extended key usage lacks serverAuth).");
        }
        boolean[] keyUsage = leaf.getKeyUsage();
        if (keyUsage != null && !keyUsage[0] && !keyUsage[2]) {
            throw new CertificateStoreException(where + ": the certificate for " + subject
                    + " is not for TLS servers (its key usage lacks digitalSignature).");
        }
        return new ServerKeystore(file, keyStore, entry.alias(), entry.contents());
    }

    /** The server's own certificate. */
    public X509Certificate certificate() {
        return contents.certificate();
    }

    private static boolean allowsServerAuth(X509Certificate certificate) {
        try {
            List<String> usages = certificate.getExtendedKeyUsage();
            return usages == null || usages.contains(SERVER_AUTH) || usages.contains(ANY_EXTENDED_KEY_USAGE);
        } catch (CertificateParsingException e) {
            return false;
        }
    }
}
