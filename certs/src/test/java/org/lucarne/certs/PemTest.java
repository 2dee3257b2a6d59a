package org.lucarne.certs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PemTest {

    private static final CertificateAuthority CA = TestPki.ca();

    @TempDir
    Path dir;

    @Test
    void certificateRoundTripsThroughAPemFile() {
        Path file = dir.resolve("ca.crt");
        Pem.write(file, CA.certificate());
        assertEquals(CA.certificate(), Pem.read(file));
    }

    @Test
    void pemFileIsOneCertificateBlockReadableByTheJdk() throws Exception {
        Path file = dir.resolve("ca.crt");
        Pem.write(file, CA.certificate());
        String text = Files.readString(file);
        assertTrue(text.startsWith("-----BEGIN CERTIFICATE-----"), text);
        assertTrue(text.strip().endsWith("-----END CERTIFICATE-----"), text);
        try (var in = Files.newInputStream(file)) {
            assertEquals(CA.certificate(), CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
    }

    @Test
    void certificateFileIsPubliclyReadable() throws Exception {
        Path file = dir.resolve("ca.crt");
        Pem.write(file, CA.certificate());
        assertEquals("rw-r--r--", TestPki.permissions(file));
    }

    @Test
    void fileWithoutCertificateIsRejectedNamingTheFile() throws Exception {
        Path file = Files.writeString(dir.resolve("ca.crt"), "hello\n");
        CertificateStoreException e = assertThrows(CertificateStoreException.class, () -> Pem.read(file));
        assertTrue(e.getMessage().startsWith(file.toAbsolutePath() + " contains no PEM certificate"), e.getMessage());
    }

    @Test
    void privateKeyPemIsNotMistakenForACertificate() throws Exception {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            writer.writeObject(CA.privateKey());
        }
        Path file = Files.writeString(dir.resolve("key.pem"), text.toString());
        CertificateStoreException e = assertThrows(CertificateStoreException.class, () -> Pem.read(file));
        assertTrue(e.getMessage().contains("not a certificate"), e.getMessage());
    }

    @Test
    void damagedCertificateBlockIsRejectedNamingTheFile() throws Exception {
        String pem = Pem.encode(CA.certificate());
        Path file = Files.writeString(dir.resolve("ca.crt"), pem.replace(pem.substring(70, 90), "AAAAAAAAAAAAAAAAAAAA"));
        CertificateStoreException e = assertThrows(CertificateStoreException.class, () -> Pem.read(file));
        assertTrue(e.getMessage().startsWith(file.toAbsolutePath().toString()), e.getMessage());
    }

    @Test
    void fileHoldsExactlyTheEncodedCertificate() throws Exception {
        Path file = dir.resolve("ca.crt");
        Pem.write(file, CA.certificate());
        assertEquals(Pem.encode(CA.certificate()), Files.readString(file));
    }
}
