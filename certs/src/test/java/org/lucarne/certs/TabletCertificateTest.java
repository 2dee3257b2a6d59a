package org.lucarne.certs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TabletCertificateTest {

    private static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";

    @TempDir
    Path dir;

    @Test
    void tabletCertificateIsForTlsClientsOnlyAndNamesTheTablet() throws Exception {
        CertificateAuthority ca = TestPki.ca();
        IssuedCertificate issued = ca.issueTablet("tablet-12_b", Duration.ofDays(30));
        X509Certificate leaf = issued.certificate();

        assertEquals(List.of(CLIENT_AUTH), leaf.getExtendedKeyUsage());
        assertEquals(-1, leaf.getBasicConstraints(), "not a CA");
        assertTrue(leaf.getKeyUsage()[0], "digitalSignature");
        assertEquals(List.of("URI:urn:lucarne:tablet:tablet-12_b"), SubjectAltNames.describe(leaf));
        assertEquals(Optional.of("tablet-12_b"), TabletIds.of(leaf));
        assertEquals("CN=tablet-12_b", leaf.getSubjectX500Principal().getName());
        assertEquals(List.of(leaf, ca.certificate()), issued.chain());
        assertTrue(ca.issued(leaf));
        TestPki.validate(leaf, ca.certificate(), TestPki.NOW);
    }

    @Test
    void validityIsCappedAtNinetyDays() {
        X509Certificate leaf = TestPki.ca().issueTablet("t1", Duration.ofDays(400)).certificate();
        assertEquals(TestPki.NOW.plus(CertificateAuthority.MAX_TABLET_VALIDITY), leaf.getNotAfter().toInstant());
        assertEquals(TestPki.NOW.minus(CertificateAuthority.BACKDATE), leaf.getNotBefore().toInstant());
    }

    @Test
    void malformedTabletIdsAreRefused() {
        CertificateAuthority ca = TestPki.ca();
        for (String id : new String[] {"", "a b", "tablet/1", "x".repeat(65), "é"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> ca.issueTablet(id, Duration.ofDays(1)));
            assertTrue(e.getMessage().contains("tablet id"), e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> ca.issueTablet("t1", Duration.ZERO));
    }

    @Test
    void serverCertificatesCarryNoTabletId() {
        X509Certificate server = TestPki.ca().issueServer(ServerNames.forHost("localhost"), Duration.ofDays(1))
                .certificate();
        assertEquals(Optional.empty(), TabletIds.of(server));
    }

    @Test
    void keystoreIsWrittenOnceAndKeptWhileValid() throws Exception {
        CertificateAuthority ca = TestPki.ca();
        Path tablets = dir.resolve("tablets");
        TabletKeystore first = TabletKeystore.ensure(ca, tablets, "bed-12", TestPki.CLOCK);
        assertTrue(first.reissued().isPresent());
        assertEquals(tablets.resolve("bed-12.p12"), first.keystore());
        assertEquals("rw-------", TestPki.permissions(first.keystore()));
        assertEquals("rw-------", TestPki.permissions(first.passwordFile()));
        IssuedCertificate read = Pkcs12.read(first.keystore(), PasswordFile.read(first.passwordFile()));
        assertEquals(first.certificate(), read.certificate());
        assertTrue(Pkcs12.load(first.keystore(), PasswordFile.read(first.passwordFile()))
                .isKeyEntry("lucarne-tablet-bed-12"));

        TabletKeystore again = TabletKeystore.ensure(ca, tablets, "bed-12", TestPki.later(Duration.ofDays(20)));
        assertFalse(again.reissued().isPresent());
        assertEquals(first.certificate(), again.certificate());
    }

    @Test
    void keystoreIsReissuedWhenExpiringFromAnotherCaOrCorrupt() throws Exception {
        CertificateAuthority ca = TestPki.ca();
        TabletKeystore first = TabletKeystore.ensure(ca, dir, "bed-12", TestPki.CLOCK);

        TabletKeystore expiring = TabletKeystore.ensure(ca, dir, "bed-12", TestPki.later(Duration.ofDays(25)));
        assertTrue(expiring.reissued().orElseThrow().contains("expires"), expiring.reissued().get());
        assertNotEquals(first.certificate(), expiring.certificate());

        TabletKeystore otherCa = TabletKeystore.ensure(TestPki.ca(), dir, "bed-12", TestPki.CLOCK);
        assertTrue(otherCa.reissued().orElseThrow().contains("different CA"), otherCa.reissued().get());

        Files.write(otherCa.keystore(), new byte[] {1, 2, 3});
        TabletKeystore corrupt = TabletKeystore.ensure(ca, dir, "bed-12", TestPki.CLOCK);
        assertTrue(corrupt.reissued().orElseThrow().contains("could not be read"), corrupt.reissued().get());
        assertEquals(Optional.of("bed-12"), TabletIds.of(corrupt.certificate()));
    }
}
