package org.lucarne.certs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Key;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Pkcs12Test {

    private static final char[] PASSWORD = "correct horse".toCharArray();
    private static final CertificateAuthority CA = TestPki.ca();
    private static final IssuedCertificate SERVER = CA.issueServer(ServerNames.forHost("a.example"), Duration.ofDays(30));

    @TempDir
    Path dir;

    @Test
    void aTabletsKeystoreInMemoryOpensWithItsPasswordAndHoldsKeyAndChain() throws Exception {
        CertificateAuthority ca = TestPki.ca();
        IssuedCertificate issued = ca.issueTablet("mdm-1", Duration.ofDays(30));
        char[] password = "one-time".toCharArray();
        KeyStore read = KeyStore.getInstance("PKCS12");
        read.load(new java.io.ByteArrayInputStream(Pkcs12.tabletBytes(issued, password)), password);
        assertEquals(List.of("lucarne-tablet-mdm-1"), java.util.Collections.list(read.aliases()));
        assertEquals(issued.privateKey(), read.getKey("lucarne-tablet-mdm-1", password));
        assertEquals(List.of(issued.certificate(), ca.certificate()),
                List.of(read.getCertificateChain("lucarne-tablet-mdm-1")));
    }

    @Test
    void serverKeystoreIsReadableByTheJdkKeyStoreThatJettyUses() throws Exception {
        Path file = dir.resolve("server.p12");
        Pkcs12.write(file, SERVER, PASSWORD);

        KeyStore keyStore = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            keyStore.load(in, PASSWORD);
        }
        assertEquals(List.of(Pkcs12.SERVER_ALIAS), java.util.Collections.list(keyStore.aliases()));
        Key key = keyStore.getKey(Pkcs12.SERVER_ALIAS, PASSWORD);
        assertEquals(SERVER.privateKey(), key);
        Certificate[] chain = keyStore.getCertificateChain(Pkcs12.SERVER_ALIAS);
        assertEquals(List.of(SERVER.certificate(), CA.certificate()), List.of(chain));
    }

    @Test
    void serverKeystoreReadsBackTheSameKeyAndChain() {
        Path file = dir.resolve("server.p12");
        Pkcs12.write(file, SERVER, PASSWORD);
        IssuedCertificate read = Pkcs12.read(file, PASSWORD);
        assertEquals(SERVER.privateKey(), read.privateKey());
        assertEquals(SERVER.chain(), read.chain());
    }

    @Test
    void caKeystoreReadsBackACaThatStillIssues() throws Exception {
        Path file = dir.resolve("ca.p12");
        Pkcs12.writeCa(file, CA, PASSWORD);
        CertificateAuthority read = Pkcs12.readCa(file, PASSWORD, TestPki.CLOCK);
        assertEquals(CA.certificate(), read.certificate());
        IssuedCertificate issued = read.issueServer(ServerNames.forHost("b.example"), Duration.ofDays(30));
        TestPki.validate(issued.certificate(), CA.certificate(), TestPki.NOW);
    }

    @Test
    void keystoresAreOwnerOnly() throws Exception {
        Pkcs12.write(dir.resolve("server.p12"), SERVER, PASSWORD);
        Pkcs12.writeCa(dir.resolve("ca.p12"), CA, PASSWORD);
        assertEquals("rw-------", TestPki.permissions(dir.resolve("server.p12")));
        assertEquals("rw-------", TestPki.permissions(dir.resolve("ca.p12")));
    }

    @Test
    void rewritingReplacesTheFileAndLeavesNoTemporaryFiles() throws Exception {
        Path file = dir.resolve("server.p12");
        Files.writeString(file, "old contents");
        Pkcs12.write(file, SERVER, PASSWORD);
        Pkcs12.write(file, SERVER, PASSWORD);
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(file), files.toList());
        }
        assertEquals(SERVER.chain(), Pkcs12.read(file, PASSWORD).chain());
    }

    @Test
    void wrongPasswordNamesTheFile() {
        Path file = dir.resolve("server.p12");
        Pkcs12.write(file, SERVER, PASSWORD);
        CertificateStoreException e = assertThrows(CertificateStoreException.class,
                () -> Pkcs12.read(file, "wrong".toCharArray()));
        assertEquals(file.toAbsolutePath() + " is not a readable PKCS#12 file (wrong password, or corrupt).", e.getMessage());
    }

    @Test
    void corruptFileNamesTheFile() throws Exception {
        Path file = dir.resolve("server.p12");
        Pkcs12.write(file, SERVER, PASSWORD);
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        CertificateStoreException e = assertThrows(CertificateStoreException.class, () -> Pkcs12.read(file, PASSWORD));
        assertTrue(e.getMessage().startsWith(file.toAbsolutePath() + " is not a readable PKCS#12 file"), e.getMessage());
    }

    @Test
    void missingFileSaysItDoesNotExist() {
        Path file = dir.resolve("nothing.p12");
        CertificateStoreException e = assertThrows(CertificateStoreException.class, () -> Pkcs12.read(file, PASSWORD));
        assertEquals(file.toAbsolutePath() + " does not exist.", e.getMessage());
    }

    @Test
    void directoryInsteadOfFileIsNamed() {
        CertificateStoreException e = assertThrows(CertificateStoreException.class, () -> Pkcs12.read(dir, PASSWORD));
        assertTrue(e.getMessage().contains("is a directory"), e.getMessage());
    }

    @Test
    void keystoreWithTwoPrivateKeysIsRejected() throws Exception {
        IssuedCertificate other = CA.issueServer(ServerNames.forHost("b.example"), Duration.ofDays(30));
        Path file = store(ks -> {
            ks.setKeyEntry("one", SERVER.privateKey(), PASSWORD, SERVER.chain().toArray(new Certificate[0]));
            ks.setKeyEntry("two", other.privateKey(), PASSWORD, other.chain().toArray(new Certificate[0]));
        });
        CertificateStoreException e = assertThrows(CertificateStoreException.class, () -> Pkcs12.read(file, PASSWORD));
        assertTrue(e.getMessage().contains("2 private key entries"), e.getMessage());
    }

    @Test
    void keystoreWithOnlyATrustedCertificateIsRejected() throws Exception {
        Path file = store(ks -> ks.setCertificateEntry("ca", CA.certificate()));
        CertificateStoreException e = assertThrows(CertificateStoreException.class, () -> Pkcs12.read(file, PASSWORD));
        assertTrue(e.getMessage().contains("holds no private key"), e.getMessage());
    }

    @Test
    void keystoreWhoseKeyDoesNotMatchItsCertificateIsRejected() throws Exception {
        IssuedCertificate other = CA.issueServer(ServerNames.forHost("b.example"), Duration.ofDays(30));
        Path file = store(ks -> ks.setKeyEntry("server", other.privateKey(), PASSWORD,
                SERVER.chain().toArray(new Certificate[0])));
        CertificateStoreException e = assertThrows(CertificateStoreException.class, () -> Pkcs12.read(file, PASSWORD));
        assertTrue(e.getMessage().contains("does not belong to its certificate"), e.getMessage());
    }

    @Test
    void serverKeystoreIsNotAcceptedAsCa() {
        Path file = dir.resolve("server.p12");
        Pkcs12.write(file, SERVER, PASSWORD);
        CertificateStoreException e = assertThrows(CertificateStoreException.class,
                () -> Pkcs12.readCa(file, PASSWORD, TestPki.CLOCK));
        assertTrue(e.getMessage().contains("does not hold a usable CA"), e.getMessage());
    }

    interface KeyStoreFiller {
        void fill(KeyStore keyStore) throws Exception;
    }

    private Path store(KeyStoreFiller filler) throws Exception {
        KeyStore keyStore = KeyStore.getInstance("PKCS12");
        keyStore.load(null, null);
        filler.fill(keyStore);
        Path file = dir.resolve("handmade.p12");
        try (var out = Files.newOutputStream(file)) {
            keyStore.store(out, PASSWORD);
        }
        return file;
    }
}
