package org.lucarne.certs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DevTlsTest {

    private static final String HOST = "video.ward7.example";

    @TempDir
    Path root;

    private Path tls() {
        return root.resolve("data").resolve("tls");
    }

    @Test
    void firstStartCreatesCaAndServerKeystore() throws Exception {
        DevTlsMaterial material = DevTls.ensure(tls(), HOST, TestPki.CLOCK);

        assertTrue(material.caCreated());
        assertTrue(material.serverIssued());
        assertEquals(tls().resolve("server.p12"), material.serverKeystore());
        assertEquals(tls().resolve("ca.crt"), material.caCertificatePem());
        try (Stream<Path> files = Files.list(tls())) {
            assertEquals(List.of("ca.crt", "ca.p12", "password", "server.p12"),
                    files.map(p -> p.getFileName().toString()).sorted().toList());
        }
        assertArrayEquals(PasswordFile.read(tls().resolve("password")), material.keystorePassword());
        assertEquals(Fingerprints.sha256(Pem.read(material.caCertificatePem())), material.caFingerprint());
        assertTrue(material.caCertificate().getSubjectX500Principal().getName().startsWith("CN=Lucarne development CA ("));

        ServerKeystore server = ServerKeystore.load(material.serverKeystore(), material.keystorePassword(), TestPki.CLOCK);
        assertTrue(SubjectAltNames.covers(server.certificate(), HOST));
        assertTrue(SubjectAltNames.covers(server.certificate(), "localhost"));
        TestPki.validate(server.certificate(), material.caCertificate(), TestPki.NOW);
        assertEquals(TestPki.NOW.plus(Duration.ofDays(397)), server.certificate().getNotAfter().toInstant());
    }

    @Test
    void secretsAreOwnerOnlyAndCaCertificateIsPublic() throws Exception {
        DevTls.ensure(tls(), HOST, TestPki.CLOCK);
        assertEquals("rw-------", TestPki.permissions(tls().resolve("ca.p12")));
        assertEquals("rw-------", TestPki.permissions(tls().resolve("server.p12")));
        assertEquals("rw-------", TestPki.permissions(tls().resolve("password")));
        assertEquals("rw-r--r--", TestPki.permissions(tls().resolve("ca.crt")));
        assertEquals("rwx------", TestPki.permissions(tls()));
    }

    @Test
    void secondStartReusesEverything() throws Exception {
        DevTlsMaterial first = DevTls.ensure(tls(), HOST, TestPki.CLOCK);
        byte[] serverBytes = Files.readAllBytes(first.serverKeystore());

        DevTlsMaterial second = DevTls.ensure(tls(), HOST, TestPki.later(Duration.ofDays(1)));

        assertFalse(second.caCreated());
        assertFalse(second.serverIssued());
        assertEquals(Optional.empty(), second.serverIssueReason());
        assertEquals(first.caFingerprint(), second.caFingerprint());
        assertEquals(first.serverCertificate(), second.serverCertificate());
        assertArrayEquals(first.keystorePassword(), second.keystorePassword());
        assertArrayEquals(serverBytes, Files.readAllBytes(second.serverKeystore()));
    }

    @Test
    void anotherHostGetsANewServerCertificateFromTheSameCa() throws Exception {
        DevTlsMaterial first = DevTls.ensure(tls(), HOST, TestPki.CLOCK);
        DevTlsMaterial second = DevTls.ensure(tls(), "192.0.2.44", TestPki.CLOCK);

        assertFalse(second.caCreated());
        assertTrue(second.serverIssued());
        assertTrue(second.serverIssueReason().orElseThrow().contains("did not cover 192.0.2.44"));
        assertEquals(first.caFingerprint(), second.caFingerprint());
        assertNotEquals(first.serverCertificate(), second.serverCertificate());
        assertTrue(SubjectAltNames.covers(second.serverCertificate(), "192.0.2.44"));
        TestPki.validate(second.serverCertificate(), first.caCertificate(), TestPki.NOW);
    }

    @Test
    void serverCertificateCloseToExpiryIsReissued() throws Exception {
        DevTlsMaterial first = DevTls.ensure(tls(), HOST, TestPki.CLOCK);
        DevTlsMaterial later = DevTls.ensure(tls(), HOST, TestPki.later(Duration.ofDays(380)));

        assertTrue(later.serverIssued());
        assertTrue(later.serverIssueReason().orElseThrow().contains("expires on"), later.serverIssueReason().get());
        assertEquals(first.caFingerprint(), later.caFingerprint());
        assertEquals(TestPki.NOW.plus(Duration.ofDays(380 + 397)), later.serverCertificate().getNotAfter().toInstant());
    }

    @Test
    void serverCertificateFromAnotherCaIsReplaced() throws Exception {
        DevTlsMaterial first = DevTls.ensure(tls(), HOST, TestPki.CLOCK);
        IssuedCertificate foreign = TestPki.ca().issueServer(ServerNames.forHost(HOST), Duration.ofDays(90));
        Pkcs12.write(first.serverKeystore(), foreign, first.keystorePassword());

        DevTlsMaterial second = DevTls.ensure(tls(), HOST, TestPki.CLOCK);

        assertTrue(second.serverIssueReason().orElseThrow().contains("different CA"));
        assertTrue(second.caCertificate().equals(first.caCertificate()));
        TestPki.validate(second.serverCertificate(), first.caCertificate(), TestPki.NOW);
    }

    @Test
    void missingCaCertificatePemIsWrittenAgainFromTheCaKeystore() throws Exception {
        DevTlsMaterial first = DevTls.ensure(tls(), HOST, TestPki.CLOCK);
        Files.delete(first.caCertificatePem());
        DevTls.ensure(tls(), HOST, TestPki.CLOCK);
        assertEquals(first.caCertificate(), Pem.read(first.caCertificatePem()));
    }

    @Test
    void existingPasswordFileIsUsedForANewCa() throws Exception {
        Files.createDirectories(tls());
        Files.writeString(tls().resolve("password"), "chosen-by-operator\n");
        DevTlsMaterial material = DevTls.ensure(tls(), HOST, TestPki.CLOCK);
        assertArrayEquals("chosen-by-operator".toCharArray(), material.keystorePassword());
        Pkcs12.read(material.serverKeystore(), "chosen-by-operator".toCharArray());
    }

    @Test
    void corruptServerKeystoreIsNamedWithWhatToDo() throws Exception {
        DevTls.ensure(tls(), HOST, TestPki.CLOCK);
        Path server = tls().resolve("server.p12");
        Files.writeString(server, "not a keystore");
        CertificateStoreException e = assertThrows(CertificateStoreException.class,
                () -> DevTls.ensure(tls(), HOST, TestPki.CLOCK));
        assertEquals(server.toAbsolutePath() + " is not a readable PKCS#12 file (wrong password, or corrupt)."
                + " Delete it and restart to issue a new one, or configure tls.keystore.", e.getMessage());
    }

    @Test
    void corruptCaKeystoreIsNamedWithWhatToDo() throws Exception {
        DevTls.ensure(tls(), HOST, TestPki.CLOCK);
        Path ca = tls().resolve("ca.p12");
        Files.write(ca, new byte[] {0x30, (byte) 0x82, 0x01});
        CertificateStoreException e = assertThrows(CertificateStoreException.class,
                () -> DevTls.ensure(tls(), HOST, TestPki.CLOCK));
        assertTrue(e.getMessage().startsWith(ca.toAbsolutePath() + " is not a readable PKCS#12 file"), e.getMessage());
        assertTrue(e.getMessage().contains("Restore ca.p12 and password from a backup"), e.getMessage());
    }

    @Test
    void wrongPasswordNamesTheCaKeystoreAndThePasswordFile() throws Exception {
        DevTls.ensure(tls(), HOST, TestPki.CLOCK);
        Path password = tls().resolve("password");
        Files.writeString(password, "not-the-password\n");
        CertificateStoreException e = assertThrows(CertificateStoreException.class,
                () -> DevTls.ensure(tls(), HOST, TestPki.CLOCK));
        assertTrue(e.getMessage().contains(tls().resolve("ca.p12").toAbsolutePath().toString()), e.getMessage());
        assertTrue(e.getMessage().contains("wrong password in " + password.toAbsolutePath()), e.getMessage());
    }

    @Test
    void emptyPasswordFileIsNamed() throws Exception {
        DevTls.ensure(tls(), HOST, TestPki.CLOCK);
        Path password = tls().resolve("password");
        Files.writeString(password, "");
        CertificateStoreException e = assertThrows(CertificateStoreException.class,
                () -> DevTls.ensure(tls(), HOST, TestPki.CLOCK));
        assertTrue(e.getMessage().startsWith(password.toAbsolutePath() + " is empty"), e.getMessage());
    }

    @Test
    void emptyPasswordFileBeforeAnyCaIsNamedWithWhatToDo() throws Exception {
        Files.createDirectories(tls());
        Path password = Files.writeString(tls().resolve("password"), "");
        CertificateStoreException e = assertThrows(CertificateStoreException.class,
                () -> DevTls.ensure(tls(), HOST, TestPki.CLOCK));
        assertTrue(e.getMessage().startsWith(password.toAbsolutePath() + " is empty"), e.getMessage());
        assertTrue(e.getMessage().contains("delete it and restart"), e.getMessage());
        assertFalse(Files.exists(tls().resolve("ca.p12")));
    }

    @Test
    void missingPasswordFileForAnExistingCaIsNamed() throws Exception {
        DevTls.ensure(tls(), HOST, TestPki.CLOCK);
        Files.delete(tls().resolve("password"));
        CertificateStoreException e = assertThrows(CertificateStoreException.class,
                () -> DevTls.ensure(tls(), HOST, TestPki.CLOCK));
        assertTrue(e.getMessage().contains("password file " + tls().resolve("password").toAbsolutePath() + " is missing"),
                e.getMessage());
    }

    @Test
    void expiredCaIsReportedWithWhatToDo() throws Exception {
        DevTls.ensure(tls(), HOST, TestPki.CLOCK);
        CertificateStoreException e = assertThrows(CertificateStoreException.class,
                () -> DevTls.ensure(tls(), HOST, TestPki.later(Duration.ofDays(3653))));
        assertTrue(e.getMessage().contains("expired on"), e.getMessage());
        assertTrue(e.getMessage().contains("create a new development CA"), e.getMessage());
    }

    @Test
    void unwritableDirectoryIsReportedAsPermissionDenied() throws Exception {
        Path tls = tls();
        Files.createDirectories(tls);
        assumeTrue(SecureFiles.isPosix(tls), "POSIX permissions only");
        Files.setPosixFilePermissions(tls, PosixFilePermissions.fromString("r-x------"));
        try {
            // root can write anywhere, so only check the message where the directory really is read-only
            assumeTrue(!Files.isWritable(tls), "running as a user who can write to read-only directories");
            CertificateStoreException e = assertThrows(CertificateStoreException.class,
                    () -> DevTls.ensure(tls, HOST, TestPki.CLOCK));
            assertTrue(e.getMessage().startsWith("cannot write " + tls.toAbsolutePath()), e.getMessage());
            assertTrue(e.getMessage().contains("permission denied"), e.getMessage());
            assertTrue(e.getMessage().contains("Make the directory writable"), e.getMessage());
        } finally {
            Files.setPosixFilePermissions(tls, PosixFilePermissions.fromString("rwx------"));
        }
    }

    @Test
    void unreadableCaKeystoreAsksForReadPermission() throws Exception {
        DevTls.ensure(tls(), HOST, TestPki.CLOCK);
        Path ca = tls().resolve("ca.p12");
        assumeTrue(SecureFiles.isPosix(ca), "POSIX permissions only");
        Files.setPosixFilePermissions(ca, PosixFilePermissions.fromString("---------"));
        // root can read anything, so only check the message where the file really is unreadable
        assumeTrue(!Files.isReadable(ca), "running as a user who can read any file");
        CertificateStoreException e = assertThrows(CertificateStoreException.class,
                () -> DevTls.ensure(tls(), HOST, TestPki.CLOCK));
        assertEquals("cannot read " + ca.toAbsolutePath() + ": permission denied. Make it readable by the user"
                + " running Lucarne, or configure tls.keystore.", e.getMessage());
    }

    @Test
    void directoryPathThroughARegularFileIsReported() throws Exception {
        Files.writeString(root.resolve("data"), "a file, not a directory");
        CertificateStoreException e = assertThrows(CertificateStoreException.class,
                () -> DevTls.ensure(tls(), HOST, TestPki.CLOCK));
        assertTrue(e.getMessage().startsWith("cannot create directory " + tls().toAbsolutePath()), e.getMessage());
        assertTrue(e.getMessage().contains(root.resolve("data").toAbsolutePath() + " exists and is not a directory"),
                e.getMessage());
        assertTrue(e.getMessage().contains("Choose a TLS directory"), e.getMessage());
    }

    @Test
    void invalidHostIsRejectedBeforeAnythingIsWritten() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DevTls.ensure(tls(), "ward 7", TestPki.CLOCK));
        assertTrue(e.getMessage().contains("\"ward 7\""), e.getMessage());
        assertFalse(Files.exists(tls()));
    }

    @Test
    void developmentCaNameFitsTheCommonNameLimit() {
        String name = DevTls.devCaName("h");
        assertTrue(name.startsWith("Lucarne development CA (") && name.endsWith(")"), name);
        assertTrue(name.length() <= 64, name);
    }
}
