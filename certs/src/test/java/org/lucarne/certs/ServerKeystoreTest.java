package org.lucarne.certs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServerKeystoreTest {

    private static final char[] PASSWORD = "operator password".toCharArray();
    private static final CertificateAuthority CA = TestPki.ca();
    private static final IssuedCertificate SERVER = CA.issueServer(ServerNames.forHost("a.example"), Duration.ofDays(90));

    @TempDir
    Path dir;

    @Test
    void validServerKeystoreIsLoadedWithItsAliasAndChain() throws Exception {
        Path file = dir.resolve("operator.p12");
        Pkcs12.write(file, SERVER, PASSWORD);
        ServerKeystore keystore = ServerKeystore.load(file, PASSWORD, TestPki.CLOCK);
        assertEquals(Pkcs12.SERVER_ALIAS, keystore.alias());
        assertEquals(SERVER.certificate(), keystore.certificate());
        assertEquals(SERVER.chain(), keystore.contents().chain());
        assertTrue(keystore.keyStore().isKeyEntry(keystore.alias()));
    }

    @Test
    void missingKeystoreIsNamed() {
        Path file = dir.resolve("missing.p12");
        CertificateStoreException e = assertThrows(CertificateStoreException.class,
                () -> ServerKeystore.load(file, PASSWORD, TestPki.CLOCK));
        assertEquals(file.toAbsolutePath() + " does not exist.", e.getMessage());
    }

    @Test
    void keystoreInAnotherFormatIsNamed() throws Exception {
        Path file = Files.writeString(dir.resolve("server.pem"), Pem.encode(SERVER.certificate()));
        CertificateStoreException e = assertThrows(CertificateStoreException.class,
                () -> ServerKeystore.load(file, PASSWORD, TestPki.CLOCK));
        assertTrue(e.getMessage().contains(file.toAbsolutePath() + " is not a readable PKCS#12 file"), e.getMessage());
    }

    @Test
    void expiredCertificateIsRejectedWithItsExpiryDate() {
        Path file = dir.resolve("operator.p12");
        Pkcs12.write(file, SERVER, PASSWORD);
        CertificateStoreException e = assertThrows(CertificateStoreException.class,
                () -> ServerKeystore.load(file, PASSWORD, TestPki.later(Duration.ofDays(91))));
        assertTrue(e.getMessage().contains("expired on " + SERVER.certificate().getNotAfter().toInstant()), e.getMessage());
        assertTrue(e.getMessage().startsWith(file.toAbsolutePath().toString()), e.getMessage());
    }

    @Test
    void notYetValidCertificateSuggestsCheckingTheClock() {
        Path file = dir.resolve("operator.p12");
        Pkcs12.write(file, SERVER, PASSWORD);
        CertificateStoreException e = assertThrows(CertificateStoreException.class,
                () -> ServerKeystore.load(file, PASSWORD, TestPki.later(Duration.ofDays(-1))));
        assertTrue(e.getMessage().contains("Check the system clock"), e.getMessage());
    }

    @Test
    void caKeystoreIsNotAcceptedAsServerKeystore() {
        Path file = dir.resolve("ca.p12");
        Pkcs12.writeCa(file, CA, PASSWORD);
        CertificateStoreException e = assertThrows(CertificateStoreException.class,
                () -> ServerKeystore.load(file, PASSWORD, TestPki.CLOCK));
        assertTrue(e.getMessage().contains("not for TLS servers"), e.getMessage());
    }
}
