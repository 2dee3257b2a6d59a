package org.lucarne.certs;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemWriter;

/**
 * PEM certificates ({@code -----BEGIN CERTIFICATE-----}, RFC 7468 §5), the form people import into
 * browser and operating system trust stores. Certificates are public, so files are written rw-r--r--.
 */
public final class Pem {

    private Pem() {
    }

    public static String encode(X509Certificate certificate) {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            writer.writeObject(certificate);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot PEM-encode " + certificate.getSubjectX500Principal(), e);
        }
        return text.toString();
    }

    /** Any DER object as a PEM block of {@code type} ({@code CERTIFICATE REQUEST}, {@code X509 CRL}). */
    public static String encode(String type, byte[] der) {
        StringWriter text = new StringWriter();
        try (PemWriter writer = new PemWriter(text)) {
            writer.writeObject(new PemObject(type, der));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot PEM-encode a " + type, e);
        }
        return text.toString();
    }

    /** Writes the certificate atomically. */
    public static void write(Path file, X509Certificate certificate) {
        SecureFiles.writeAtomically(file, encode(certificate).getBytes(StandardCharsets.US_ASCII),
                SecureFiles.PUBLIC_READ);
    }

    /** Reads the first certificate of a PEM file. */
    public static X509Certificate read(Path file) {
        String where = SecureFiles.show(file);
        String text = new String(SecureFiles.read(file), StandardCharsets.UTF_8);
        Object first;
        try (PEMParser parser = new PEMParser(new StringReader(text))) {
            first = parser.readObject();
        } catch (IOException | RuntimeException e) {
            throw new CertificateStoreException(where + " is not a valid PEM certificate: " + e.getMessage() + ".", e);
        }
        if (first == null) {
            throw new CertificateStoreException(where + " contains no PEM certificate"
                    + " (expected a -----BEGIN CERTIFICATE----- block).");
        }
        if (!(first instanceof X509CertificateHolder holder)) {
            throw new CertificateStoreException(where + " starts with a PEM "
                    + first.getClass().getSimpleName() + ", not a certificate.");
        }
        try {
            return new JcaX509CertificateConverter().getCertificate(holder);
        } catch (CertificateException e) {
            throw new CertificateStoreException(where + " holds a certificate the JDK cannot read: "
                    + e.getMessage() + ".", e);
        }
    }
}
