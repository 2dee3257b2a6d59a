package org.lucarne.bridge.dtls;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BridgeCertificateTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-01T10:00:00Z"), ZoneOffset.UTC);

    @Test
    void selfSignedP256WithSdpFingerprint() throws Exception {
        BridgeCertificate cert = BridgeCertificate.generate(CLOCK, new SecureRandom());
        X509Certificate x509 = (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(cert.encoded()));

        x509.verify(x509.getPublicKey());
        assertEquals("SHA256withECDSA", x509.getSigAlgName());
        assertEquals(256, ((ECPublicKey) x509.getPublicKey()).getParams().getCurve().getField().getFieldSize());
        assertTrue(x509.getNotBefore().toInstant().isBefore(CLOCK.instant()));
        assertTrue(x509.getNotAfter().toInstant().isAfter(CLOCK.instant()));
        assertTrue(cert.sdpFingerprint().matches("sha-256 ([0-9A-F]{2}:){31}[0-9A-F]{2}"), cert.sdpFingerprint());
        assertEquals(cert.fingerprint(), CertificateFingerprint.parse(cert.sdpFingerprint()));
        assertEquals(cert.fingerprint(), CertificateFingerprint.parse(cert.sdpFingerprint().toLowerCase()));
    }

    @Test
    void malformedFingerprintsAreClearErrors() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> CertificateFingerprint.parse("sha-256"))
                .getMessage().contains("<hash-function> <hex pairs>"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> CertificateFingerprint.parse("sha-256 AB:CD"))
                .getMessage().contains("has 32 hex pairs, got 2"));
        String badHex = "sha-1 " + "ZZ:" + "00:".repeat(18) + "00";
        assertTrue(assertThrows(IllegalArgumentException.class, () -> CertificateFingerprint.parse(badHex))
                .getMessage().contains("not hex"));
    }

    @Test
    void roleFollowsTheRemoteSetupAttribute() {
        assertEquals(DtlsRole.SERVER, DtlsRole.fromRemoteSetup("active"));
        assertEquals(DtlsRole.CLIENT, DtlsRole.fromRemoteSetup("passive"));
        assertEquals(DtlsRole.CLIENT, DtlsRole.fromRemoteSetup("actpass"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> DtlsRole.fromRemoteSetup("holdconn"))
                .getMessage().contains("holdconn"));
        assertThrows(IllegalArgumentException.class, () -> DtlsRole.fromRemoteSetup(null));
    }
}
