package org.lucarne.certs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509CRLEntry;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.junit.jupiter.api.Test;

/** The tablet CA's revocation list, RFC 5280 §5, read back by the JDK. */
class CrlTest {

    @Test
    void theCrlIsSignedByTheCaAndListsTheRevokedSerials() throws Exception {
        CertificateAuthority ca = TestPki.ca();
        X509Certificate lost = ca.issueTablet("lost", Duration.ofDays(30)).certificate();
        X509Certificate kept = ca.issueTablet("kept", Duration.ofDays(30)).certificate();
        Instant revokedAt = TestPki.NOW.minus(Duration.ofHours(2));
        Instant next = TestPki.NOW.plus(Duration.ofHours(24));

        X509CRL crl = ca.crl(List.of(new RevokedEntry(lost.getSerialNumber(), revokedAt)), BigInteger.valueOf(7), next);
        X509CRL read = (X509CRL) CertificateFactory.getInstance("X.509")
                .generateCRL(new ByteArrayInputStream(crl.getEncoded()));

        read.verify(ca.certificate().getPublicKey());
        assertEquals(2, read.getVersion());
        assertEquals(ca.certificate().getSubjectX500Principal(), read.getIssuerX500Principal());
        assertEquals(TestPki.NOW, read.getThisUpdate().toInstant());
        assertEquals(next, read.getNextUpdate().toInstant());
        assertTrue(read.isRevoked(lost));
        assertFalse(read.isRevoked(kept));
        X509CRLEntry entry = read.getRevokedCertificate(lost.getSerialNumber());
        assertEquals(revokedAt, entry.getRevocationDate().toInstant());
        assertNull(entry.getRevocationReason(), "no reason code");

        byte[] number = ASN1OctetString.getInstance(read.getExtensionValue(Extension.cRLNumber.getId())).getOctets();
        assertEquals(BigInteger.valueOf(7), ASN1Integer.getInstance(number).getValue());
        byte[] aki = ASN1OctetString.getInstance(read.getExtensionValue(Extension.authorityKeyIdentifier.getId()))
                .getOctets();
        byte[] ski = ASN1OctetString.getInstance(ca.certificate().getExtensionValue(Extension.subjectKeyIdentifier
                .getId())).getOctets();
        assertArrayEquals(SubjectKeyIdentifier.getInstance(ski).getKeyIdentifier(),
                AuthorityKeyIdentifier.getInstance(aki).getKeyIdentifierObject().getOctets());
    }

    @Test
    void anEmptyCrlIsStillSignedAndAnotherCaDoesNotVerifyIt() throws Exception {
        CertificateAuthority ca = TestPki.ca();
        X509CRL crl = ca.crl(List.of(), BigInteger.ONE, TestPki.NOW.plus(Duration.ofDays(1)));
        crl.verify(ca.certificate().getPublicKey());
        assertNull(crl.getRevokedCertificates());
        assertThrows(java.security.SignatureException.class,
                () -> crl.verify(TestPki.ca().certificate().getPublicKey()));
    }

    @Test
    void aNextUpdateThatIsNotLaterIsRefused() {
        CertificateAuthority ca = TestPki.ca();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ca.crl(List.of(), BigInteger.ONE, TestPki.NOW));
        assertTrue(e.getMessage().contains("nextUpdate"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new RevokedEntry(BigInteger.ZERO, TestPki.NOW));
    }
}
