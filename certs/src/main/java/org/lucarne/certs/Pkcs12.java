package org.lucarne.certs;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.UnrecoverableKeyException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * PKCS#12 keystores as the JDK reads them ({@code KeyStore.getInstance("PKCS12")}, which Jetty uses).
 * Each file holds one private key entry; the key is protected with the store password, as Jetty expects.
 * Writes are atomic and owner-only (rw-------) on POSIX file systems.
 */
public final class Pkcs12 {

    public static final String SERVER_ALIAS = "server";
    public static final String CA_ALIAS = "ca";
    /** Tablet entries are named {@code lucarne-tablet-<id>}, the nickname browsers show in their certificate lists. */
    public static final String TABLET_ALIAS_PREFIX = "lucarne-tablet-";

    private Pkcs12() {
    }

    /** Writes a server key and its chain (leaf first) under the alias {@value #SERVER_ALIAS}. */
    public static void write(Path file, IssuedCertificate entry, char[] password) {
        write(file, SERVER_ALIAS, entry.privateKey(), entry.chain(), password);
    }

    /**
     * Writes a tablet's client key and its chain (leaf first) under the alias {@code lucarne-tablet-<id>}.
     *
     * @throws IllegalArgumentException if the certificate names no tablet ({@link TabletIds})
     */
    public static void writeTablet(Path file, IssuedCertificate entry, char[] password) {
        String id = TabletIds.of(entry.certificate()).orElseThrow(
                () -> new IllegalArgumentException("the certificate names no tablet"));
        write(file, TABLET_ALIAS_PREFIX + id, entry.privateKey(), entry.chain(), password);
    }

    /** Writes the CA key and certificate under the alias {@value #CA_ALIAS}. */
    public static void writeCa(Path file, CertificateAuthority ca, char[] password) {
        write(file, CA_ALIAS, ca.privateKey(), List.of(ca.certificate()), password);
    }

    /** Reads the single private key entry and its chain. */
    public static IssuedCertificate read(Path file, char[] password) {
        return singleKeyEntry(file, load(file, password), password).contents();
    }

    /** Reads a CA written by {@link #writeCa}. */
    public static CertificateAuthority readCa(Path file, char[] password, Clock clock) {
        return readCa(file, password, null, clock);
    }

    static CertificateAuthority readCa(Path file, char[] password, Path passwordFile, Clock clock) {
        IssuedCertificate entry = singleKeyEntry(file, load(file, password, passwordFile), password).contents();
        try {
            return CertificateAuthority.of(entry.certificate(), entry.privateKey(), clock);
        } catch (IllegalArgumentException e) {
            throw new CertificateStoreException(SecureFiles.show(file) + " does not hold a usable CA: "
                    + e.getMessage() + ".", e);
        }
    }

    /** Loads the file as a PKCS#12 keystore, checking its integrity with {@code password}. */
    public static KeyStore load(Path file, char[] password) {
        return load(file, password, null);
    }

    /** As {@link #load(Path, char[])}; a failure names the file the password came from, if given. */
    static KeyStore load(Path file, char[] password, Path passwordFile) {
        Objects.requireNonNull(password, "password");
        byte[] bytes = SecureFiles.read(file);
        try {
            KeyStore keyStore = KeyStore.getInstance("PKCS12");
            keyStore.load(new ByteArrayInputStream(bytes), password);
            return keyStore;
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            String wrongPassword = passwordFile == null ? "wrong password"
                    : "wrong password in " + SecureFiles.show(passwordFile);
            throw new CertificateStoreException(SecureFiles.show(file)
                    + " is not a readable PKCS#12 file (" + wrongPassword + ", or corrupt).", e);
        }
    }

    /** The one private key entry of a keystore, with its alias. */
    record KeyEntry(String alias, IssuedCertificate contents) {
    }

    static KeyEntry singleKeyEntry(Path file, KeyStore keyStore, char[] password) {
        String where = SecureFiles.show(file);
        try {
            List<String> keyAliases = new ArrayList<>();
            for (String alias : Collections.list(keyStore.aliases())) {
                if (keyStore.isKeyEntry(alias)) {
                    keyAliases.add(alias);
                }
            }
            if (keyAliases.isEmpty()) {
                throw new CertificateStoreException(where + " holds no private key; it needs exactly one"
                        + " private key entry with its certificate chain.");
            }
            if (keyAliases.size() > 1) {
                throw new CertificateStoreException(where + " holds " + keyAliases.size()
                        + " private key entries " + keyAliases + "; it must hold exactly one.");
            }
            String alias = keyAliases.get(0);
            Key key = keyStore.getKey(alias, password);
            if (!(key instanceof PrivateKey privateKey)) {
                throw new CertificateStoreException(where + ": entry \"" + alias + "\" is not a private key.");
            }
            Certificate[] chain = keyStore.getCertificateChain(alias);
            if (chain == null || chain.length == 0) {
                throw new CertificateStoreException(where + ": entry \"" + alias + "\" has no certificate chain.");
            }
            List<X509Certificate> x509 = new ArrayList<>();
            for (Certificate certificate : chain) {
                if (!(certificate instanceof X509Certificate c)) {
                    throw new CertificateStoreException(where + ": entry \"" + alias
                            + "\" contains a certificate that is not X.509.");
                }
                x509.add(c);
            }
            if (!KeyPairs.matches(privateKey, x509.get(0))) {
                throw new CertificateStoreException(where + ": the private key of entry \"" + alias
                        + "\" does not belong to its certificate.");
            }
            return new KeyEntry(alias, new IssuedCertificate(privateKey, x509));
        } catch (UnrecoverableKeyException e) {
            throw new CertificateStoreException(where + ": the private key cannot be opened with the keystore"
                    + " password; the key password must be the same as the keystore password.", e);
        } catch (GeneralSecurityException e) {
            throw new CertificateStoreException(where + " cannot be read: " + e.getMessage() + ".", e);
        }
    }

    /**
     * A tablet's key and chain as PKCS#12 bytes, under {@code lucarne-tablet-<id>}, never written to disk: what an
     * MDM pushes to a tablet.
     *
     * @throws IllegalArgumentException if the certificate names no tablet ({@link TabletIds})
     */
    public static byte[] tabletBytes(IssuedCertificate entry, char[] password) {
        String id = TabletIds.of(entry.certificate()).orElseThrow(
                () -> new IllegalArgumentException("the certificate names no tablet"));
        return encode(TABLET_ALIAS_PREFIX + id, entry.privateKey(), entry.chain(), password);
    }

    private static void write(Path file, String alias, PrivateKey key, List<X509Certificate> chain,
                              char[] password) {
        SecureFiles.writeAtomically(file, encode(alias, key, chain, password), SecureFiles.OWNER_ONLY);
    }

    private static byte[] encode(String alias, PrivateKey key, List<X509Certificate> chain, char[] password) {
        Objects.requireNonNull(password, "password");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            KeyStore keyStore = KeyStore.getInstance("PKCS12");
            keyStore.load(null, null);
            keyStore.setKeyEntry(alias, key, password, chain.toArray(new Certificate[0]));
            keyStore.store(bytes, password);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot encode a PKCS#12 keystore", e);
        }
        return bytes.toByteArray();
    }
}
