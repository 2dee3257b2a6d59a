package org.lucarne.certs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.junit.jupiter.api.Test;

class CertificateAuthorityTest {

    private static final CertificateAuthority CA = TestPki.ca();

    @Test
    void caCertificateIsSelfSignedP256CaWithPathLengthZero() throws Exception {
        X509Certificate ca = CA.certificate();
        assertEquals(3, ca.getVersion());
        assertEquals(ca.getSubjectX500Principal(), ca.getIssuerX500Principal());
        assertDoesNotThrow(() -> ca.verify(ca.getPublicKey()));
        assertEquals(0, ca.getBasicConstraints());
        assertTrue(ca.getCriticalExtensionOIDs().contains(Extension.basicConstraints.getId()));
        assertEquals("SHA256withECDSA", ca.getSigAlgName());
        assertIsP256((ECPublicKey) ca.getPublicKey());
        assertEquals("CN=Test CA", ca.getSubjectX500Principal().getName());
    }

    @Test
    void caMaySignCertificatesAndCrlsOnly() {
        X509Certificate ca = CA.certificate();
        boolean[] usage = ca.getKeyUsage();
        assertTrue(usage[5], "keyCertSign");
        assertTrue(usage[6], "cRLSign");
        assertFalse(usage[0], "digitalSignature");
        assertTrue(ca.getCriticalExtensionOIDs().contains(Extension.keyUsage.getId()));
        assertTrue(ca.getNonCriticalExtensionOIDs().contains(Extension.subjectKeyIdentifier.getId()));
    }

    @Test
    void caIsValidFromFiveMinutesAgoForTheRequestedDuration() {
        X509Certificate ca = CA.certificate();
        assertEquals(TestPki.NOW.minus(Duration.ofMinutes(5)), ca.getNotBefore().toInstant());
        assertEquals(TestPki.NOW.plus(Duration.ofDays(3650)), ca.getNotAfter().toInstant());
    }

    @Test
    void serialNumbersArePositiveRandomAndAtMost128Bits() {
        BigInteger first = CA.certificate().getSerialNumber();
        BigInteger second = TestPki.ca().certificate().getSerialNumber();
        BigInteger third = CA.issueServer(ServerNames.forHost("a.example"), Duration.ofDays(1)).certificate().getSerialNumber();
        for (BigInteger serial : List.of(first, second, third)) {
            assertEquals(1, serial.signum());
            assertTrue(serial.bitLength() <= 128);
        }
        assertEquals(3, Set.of(first, second, third).size());
    }

    @Test
    void serverCertificateValidatesAgainstTheCaWithPkix() throws Exception {
        IssuedCertificate server = CA.issueServer(ServerNames.forHost("video.ward7.example"), Duration.ofDays(90));
        TestPki.validate(server.certificate(), CA.certificate(), TestPki.NOW);
        assertEquals(List.of(server.certificate(), CA.certificate()), server.chain());
        assertIsP256((ECPublicKey) server.certificate().getPublicKey());
        assertTrue(KeyPairs.matches(server.privateKey(), server.certificate()));
    }

    @Test
    void serverCertificateNamesEveryDnsNameAndIpAddress() throws Exception {
        ServerNames names = ServerNames.forHost("video.ward7.example").withDnsName("lucarne.example")
                .withIpAddress("10.1.2.3").withIpAddress("2001:db8::7");
        X509Certificate leaf = CA.issueServer(names, Duration.ofDays(90)).certificate();
        assertEquals(List.of("DNS:video.ward7.example", "DNS:localhost", "DNS:lucarne.example",
                "IP:127.0.0.1", "IP:::1", "IP:10.1.2.3", "IP:2001:db8::7"), SubjectAltNames.describe(leaf));
        assertEquals("CN=video.ward7.example", leaf.getSubjectX500Principal().getName());
    }

    @Test
    void serverCertificateIsForTlsServersOnly() throws Exception {
        X509Certificate leaf = CA.issueServer(ServerNames.forHost("a.example"), Duration.ofDays(90)).certificate();
        assertEquals(-1, leaf.getBasicConstraints());
        assertTrue(leaf.getCriticalExtensionOIDs().containsAll(
                Set.of(Extension.basicConstraints.getId(), Extension.keyUsage.getId())));
        boolean[] usage = leaf.getKeyUsage();
        assertTrue(usage[0], "digitalSignature");
        assertFalse(usage[5], "keyCertSign");
        assertEquals(List.of("1.3.6.1.5.5.7.3.1"), leaf.getExtendedKeyUsage());
    }

    @Test
    void serverCertificateNamesTheCaKeyAsAuthorityKeyIdentifier() throws Exception {
        X509Certificate leaf = CA.issueServer(ServerNames.forHost("a.example"), Duration.ofDays(90)).certificate();
        byte[] caKeyId = SubjectKeyIdentifier.getInstance(JcaX509ExtensionUtils.parseExtensionValue(
                CA.certificate().getExtensionValue(Extension.subjectKeyIdentifier.getId()))).getKeyIdentifier();
        AuthorityKeyIdentifier aki = AuthorityKeyIdentifier.getInstance(JcaX509ExtensionUtils.parseExtensionValue(
                leaf.getExtensionValue(Extension.authorityKeyIdentifier.getId())));
        assertArrayEquals(caKeyId, aki.getKeyIdentifierOctets());
        assertNull(aki.getAuthorityCertIssuer(), "key identifier only");
    }

    @Test
    void serverValidityIsCappedAt397Days() {
        X509Certificate leaf = CA.issueServer(ServerNames.forHost("a.example"), Duration.ofDays(800)).certificate();
        assertEquals(TestPki.NOW.plus(Duration.ofDays(397)), leaf.getNotAfter().toInstant());
        assertEquals(TestPki.NOW.minus(Duration.ofMinutes(5)), leaf.getNotBefore().toInstant());
    }

    @Test
    void serverCertificateNeverOutlivesTheCa() throws Exception {
        CertificateAuthority shortLived = CertificateAuthority.create("Short CA", Duration.ofDays(100), TestPki.CLOCK);
        X509Certificate leaf = shortLived.issueServer(ServerNames.forHost("a.example"), Duration.ofDays(397)).certificate();
        assertEquals(shortLived.certificate().getNotAfter(), leaf.getNotAfter());
        TestPki.validate(leaf, shortLived.certificate(), TestPki.NOW.plus(Duration.ofDays(99)));
    }

    @Test
    void expiredCaRefusesToIssue() {
        CertificateAuthority expired = CertificateAuthority.of(CA.certificate(), CA.privateKey(),
                TestPki.later(Duration.ofDays(3651)));
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> expired.issueServer(ServerNames.forHost("a.example"), Duration.ofDays(30)));
        assertTrue(e.getMessage().contains("expired"), e.getMessage());
    }

    @Test
    void dnsNameTooLongForCommonNameLeavesSubjectEmptyAndSanCritical() throws Exception {
        String longName = "a".repeat(60) + ".ward7.example";
        X509Certificate leaf = CA.issueServer(ServerNames.forHost(longName), Duration.ofDays(30)).certificate();
        assertEquals("", leaf.getSubjectX500Principal().getName());
        assertTrue(leaf.getCriticalExtensionOIDs().contains(Extension.subjectAlternativeName.getId()));
        TestPki.validate(leaf, CA.certificate(), TestPki.NOW);
    }

    @Test
    void caCreationRejectsBadCommonNameOrValidity() {
        assertThrows(IllegalArgumentException.class, () -> CertificateAuthority.create(" ", Duration.ofDays(1), TestPki.CLOCK));
        IllegalArgumentException tooLong = assertThrows(IllegalArgumentException.class,
                () -> CertificateAuthority.create("x".repeat(65), Duration.ofDays(1), TestPki.CLOCK));
        assertTrue(tooLong.getMessage().contains("64"), tooLong.getMessage());
        assertThrows(IllegalArgumentException.class, () -> CertificateAuthority.create("CA", Duration.ZERO, TestPki.CLOCK));
        assertThrows(IllegalArgumentException.class, () -> CA.issueServer(ServerNames.forHost("a.example"), Duration.ofDays(-1)));
    }

    @Test
    void existingCaIsRejectedWhenKeyDoesNotMatch() {
        CertificateAuthority other = TestPki.ca();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CertificateAuthority.of(CA.certificate(), other.privateKey(), TestPki.CLOCK));
        assertTrue(e.getMessage().contains("does not belong"), e.getMessage());
    }

    @Test
    void serverCertificateIsNotAcceptedAsCa() {
        IssuedCertificate server = CA.issueServer(ServerNames.forHost("a.example"), Duration.ofDays(30));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CertificateAuthority.of(server.certificate(), server.privateKey(), TestPki.CLOCK));
        assertTrue(e.getMessage().contains("not a CA certificate"), e.getMessage());
    }

    @Test
    void caRecognisesOnlyCertificatesItIssued() {
        X509Certificate ours = CA.issueServer(ServerNames.forHost("a.example"), Duration.ofDays(30)).certificate();
        CertificateAuthority sameName = TestPki.ca();
        X509Certificate theirs = sameName.issueServer(ServerNames.forHost("a.example"), Duration.ofDays(30)).certificate();
        assertTrue(CA.issued(ours));
        assertFalse(CA.issued(theirs), "same issuer name, different key");
        assertNotEquals(CA.certificate(), sameName.certificate());
    }

    @Test
    void issuanceUsesTheCaClock() {
        Instant then = TestPki.NOW.plus(Duration.ofDays(10));
        CertificateAuthority later = CertificateAuthority.of(CA.certificate(), CA.privateKey(), TestPki.later(Duration.ofDays(10)));
        X509Certificate leaf = later.issueServer(ServerNames.forHost("a.example"), Duration.ofDays(30)).certificate();
        assertEquals(then.minus(Duration.ofMinutes(5)), leaf.getNotBefore().toInstant());
    }

    private static void assertIsP256(ECPublicKey key) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        ECParameterSpec p256 = ((ECPublicKey) generator.generateKeyPair().getPublic()).getParams();
        assertEquals(p256.getCurve(), key.getParams().getCurve());
        assertEquals(p256.getOrder(), key.getParams().getOrder());
        assertEquals(p256.getGenerator(), key.getParams().getGenerator());
    }
}
