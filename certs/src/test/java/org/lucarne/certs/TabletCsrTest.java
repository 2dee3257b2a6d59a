package org.lucarne.certs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.ExtensionsGenerator;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.PKCS10CertificationRequestBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.junit.jupiter.api.Test;

/** A tablet's own key, certified through its request: proof of possession, the keys we accept, what is ignored. */
class TabletCsrTest {

    static KeyPair keys(String algorithm, Object parameter) throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance(algorithm);
        if (parameter instanceof String curve) {
            g.initialize(new ECGenParameterSpec(curve));
        } else if (parameter instanceof Integer bits) {
            g.initialize(bits);
        }
        return g.generateKeyPair();
    }

    static PKCS10CertificationRequest csr(KeyPair keys, String signature) throws Exception {
        return new JcaPKCS10CertificationRequestBuilder(new X500Name("CN=my tablet"), keys.getPublic())
                .build(new JcaContentSignerBuilder(signature).build(keys.getPrivate()));
    }

    @Test
    void theCertificateIsForTheRequestsKeyAndIsAnOrdinaryTabletCertificate() throws Exception {
        CertificateAuthority ca = TestPki.ca();
        KeyPair keys = keys("EC", "secp256r1");
        List<X509Certificate> chain = ca.issueTablet("bed-7", csr(keys, "SHA256withECDSA"), Duration.ofDays(400));
        X509Certificate leaf = chain.get(0);

        assertEquals(List.of(leaf, ca.certificate()), chain);
        assertArrayEquals(keys.getPublic().getEncoded(), leaf.getPublicKey().getEncoded());
        X509Certificate ordinary = ca.issueTablet("bed-7", Duration.ofDays(30)).certificate();
        assertEquals(ordinary.getExtendedKeyUsage(), leaf.getExtendedKeyUsage());
        assertEquals(ordinary.getCriticalExtensionOIDs(), leaf.getCriticalExtensionOIDs());
        assertEquals(ordinary.getNonCriticalExtensionOIDs(), leaf.getNonCriticalExtensionOIDs());
        assertEquals(List.of("URI:urn:lucarne:tablet:bed-7"), SubjectAltNames.describe(leaf));
        assertEquals("CN=bed-7", leaf.getSubjectX500Principal().getName());
        assertEquals(TestPki.NOW.plus(CertificateAuthority.MAX_TABLET_VALIDITY), leaf.getNotAfter().toInstant());
        TestPki.validate(leaf, ca.certificate(), TestPki.NOW);
    }

    @Test
    void rsaKeysOf2048BitsAreCertifiedToo() throws Exception {
        KeyPair keys = keys("RSA", 2048);
        X509Certificate leaf = TestPki.ca().issueTablet("t2", csr(keys, "SHA256withRSA"), Duration.ofDays(1)).get(0);
        assertArrayEquals(keys.getPublic().getEncoded(), leaf.getPublicKey().getEncoded());
    }

    @Test
    void aRequestWhoseSignatureIsNotByItsOwnKeyIsRefused() throws Exception {
        KeyPair mine = keys("EC", "secp256r1");
        KeyPair someoneElses = keys("EC", "secp256r1");
        PKCS10CertificationRequest forged = new PKCS10CertificationRequestBuilder(new X500Name("CN=x"),
                SubjectPublicKeyInfo.getInstance(someoneElses.getPublic().getEncoded()))
                .build(new JcaContentSignerBuilder("SHA256withECDSA").build(mine.getPrivate()));
        InvalidCsrException e = assertThrows(InvalidCsrException.class,
                () -> TestPki.ca().issueTablet("t1", forged, Duration.ofDays(1)));
        assertTrue(e.getMessage().contains("signature does not verify"), e.getMessage());
    }

    @Test
    void keysOfAnotherCurveTypeOrSizeAreRefused() throws Exception {
        assertRefused(csr(keys("EC", "secp384r1"), "SHA384withECDSA"), "P-256");
        assertRefused(csr(keys("RSA", 1024), "SHA256withRSA"), "1024 bits");
        assertRefused(csr(keys("Ed25519", null), "Ed25519"), "only EC P-256 and RSA");
        assertRefused(csr(keys("RSA", 2048), "SHA1withRSA"), "SHA-256");
    }

    private static void assertRefused(PKCS10CertificationRequest csr, String why) {
        InvalidCsrException e = assertThrows(InvalidCsrException.class,
                () -> TestPki.ca().issueTablet("t1", csr, Duration.ofDays(1)));
        assertTrue(e.getMessage().contains(why), e.getMessage());
    }

    @Test
    void aRequestAskingToBeACaOrForAnotherNameGetsAnOrdinaryTabletCertificate() throws Exception {
        KeyPair keys = keys("EC", "secp256r1");
        ExtensionsGenerator wishes = new ExtensionsGenerator();
        wishes.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
        wishes.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
            new GeneralName(GeneralName.dNSName, "lucarne.example"),
            new GeneralName(GeneralName.uniformResourceIdentifier, "urn:lucarne:tablet:someone-else")}));
        PKCS10CertificationRequest greedy = new JcaPKCS10CertificationRequestBuilder(
                new X500Name("CN=Hospital CA, O=Hospital"), keys.getPublic())
                .addAttribute(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest, wishes.generate())
                .build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate()));

        X509Certificate leaf = TestPki.ca().issueTablet("bed-9", greedy, Duration.ofDays(1)).get(0);
        assertEquals(-1, leaf.getBasicConstraints(), "not a CA");
        assertEquals(List.of("URI:urn:lucarne:tablet:bed-9"), SubjectAltNames.describe(leaf));
        assertEquals(Optional.of("bed-9"), TabletIds.of(leaf));
        assertEquals("CN=bed-9", leaf.getSubjectX500Principal().getName());
    }

    @Test
    void pemIsReadBackAndItsKeyFingerprintIsStable() throws Exception {
        KeyPair keys = keys("EC", "secp256r1");
        TabletCsr read = TabletCsr.parse(TabletCsr.of(csr(keys, "SHA256withECDSA")).pem());
        assertArrayEquals(keys.getPublic().getEncoded(), read.publicKey().getEncoded());
        assertTrue(read.keyFingerprint().matches("([0-9A-F]{2}:){31}[0-9A-F]{2}"), read.keyFingerprint());
        assertEquals(read.keyFingerprint(), TabletCsr.parse(read.pem()).keyFingerprint());
    }

    @Test
    void whatIsNotARequestSaysWhatItIs() {
        String certificate = Pem.encode(TestPki.ca().certificate());
        assertParseRefused("", "empty");
        assertParseRefused("hello", "no -----BEGIN CERTIFICATE REQUEST-----");
        assertParseRefused(certificate, "not a certificate request");
        assertParseRefused("-----BEGIN CERTIFICATE REQUEST-----\nAAAA\n-----END CERTIFICATE REQUEST-----\n", "valid PEM");
        assertParseRefused("x".repeat(TabletCsr.MAX_PEM_CHARS + 1), "longer than");
    }

    private static void assertParseRefused(String pem, String why) {
        InvalidCsrException e = assertThrows(InvalidCsrException.class, () -> TabletCsr.parse(pem));
        assertTrue(e.getMessage().contains(why), e.getMessage());
    }
}
