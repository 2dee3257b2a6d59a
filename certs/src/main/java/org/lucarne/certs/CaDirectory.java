package org.lucarne.certs;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * A directory holding a CA: {@value #KEYSTORE} (key and certificate, PKCS#12), {@value #CERTIFICATE}
 * (the certificate as PEM, for trust stores) and {@value #PASSWORD} (the keystore password).
 */
public final class CaDirectory {

    public static final String KEYSTORE = "ca.p12";
    public static final String CERTIFICATE = "ca.crt";
    public static final String PASSWORD = "password";

    private final Path dir;

    public CaDirectory(Path dir) {
        this.dir = Objects.requireNonNull(dir, "dir");
    }

    public Path dir() {
        return dir;
    }

    public Path keystore() {
        return dir.resolve(KEYSTORE);
    }

    public Path certificate() {
        return dir.resolve(CERTIFICATE);
    }

    public Path passwordFile() {
        return dir.resolve(PASSWORD);
    }

    public boolean hasCa() {
        return Files.exists(keystore());
    }

    /**
     * Creates the directory if needed and a new CA in it, reusing an existing password file.
     *
     * @throws CertificateStoreException if a CA already exists there or a file cannot be written
     */
    public CertificateAuthority create(String commonName, Duration validity, Clock clock) {
        if (hasCa()) {
            throw new CertificateStoreException(SecureFiles.show(keystore()) + " already exists; refusing to"
                    + " replace an existing CA. Every device that trusts it would stop trusting this server.");
        }
        CertificateAuthority ca = CertificateAuthority.create(commonName, validity, clock);
        SecureFiles.createPrivateDirectory(dir);
        char[] password = PasswordFile.readOrCreate(passwordFile());
        Pkcs12.writeCa(keystore(), ca, password);
        Pem.write(certificate(), ca.certificate());
        return ca;
    }

    /** The CA in this directory, opened with the password file. */
    public CertificateAuthority load(Clock clock) {
        if (!hasCa()) {
            throw new CertificateStoreException(SecureFiles.show(keystore()) + " does not exist.");
        }
        return Pkcs12.readCa(keystore(), password(), passwordFile(), clock);
    }

    /** The keystore password from {@value #PASSWORD}. */
    public char[] password() {
        if (!Files.exists(passwordFile()) && hasCa()) {
            throw new CertificateStoreException(SecureFiles.show(keystore()) + " cannot be opened: its password"
                    + " file " + SecureFiles.show(passwordFile()) + " is missing.");
        }
        return PasswordFile.read(passwordFile());
    }

    /**
     * Rewrites {@value #CERTIFICATE} from the CA if it is missing, unreadable or holds another certificate;
     * the keystore is the source of truth.
     *
     * @return whether the file was written
     */
    public boolean writeCertificateIfChanged(CertificateAuthority ca) {
        if (Files.exists(certificate())) {
            try {
                if (Pem.read(certificate()).equals(ca.certificate())) {
                    return false;
                }
            } catch (CertificateStoreException unreadable) {
                // Rewritten below from the keystore.
            }
        }
        Pem.write(certificate(), ca.certificate());
        return true;
    }
}
