package org.lucarne.signaling.tls;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import org.junit.jupiter.api.Test;
import org.lucarne.certs.CertificateAuthority;

class KioskHandshakeCheckTest {
    private static final CertificateAuthority CA = CertificateAuthority.create("Tablet CA", Duration.ofDays(30), Clock.systemUTC());
    private final KioskHandshakeCheck check = new KioskHandshakeCheck(Set.of("tab-revoked")::contains);
    private final X509ExtendedTrustManager trusting = check.trusting(trustManagerFor(CA));

    @Test
    void anEnrolledTabletsCertificateIsTrusted() {
        assertDoesNotThrow(() -> trusting.checkClientTrusted(chain("tab-enrolled"), "EC"));
    }

    @Test
    void aRevokedTabletsCertificateIsRefusedSayingWhich() {
        CertificateException e = assertThrows(CertificateException.class,
                () -> trusting.checkClientTrusted(chain("tab-revoked"), "EC"));
        assertEquals("tablet tab-revoked has been revoked", e.getMessage());
    }

    @Test
    void theCaChecksComeFirstAForeignCertificateIsRefusedByThem() {
        CertificateAuthority other = CertificateAuthority.create("Other CA", Duration.ofDays(30), Clock.systemUTC());
        X509Certificate[] foreign = other.issueTablet("tab-enrolled", Duration.ofDays(1)).chain().toArray(X509Certificate[]::new);
        assertThrows(CertificateException.class, () -> trusting.checkClientTrusted(foreign, "EC"));
    }

    @Test
    void aChainNamingNoTabletOrNoChainAtAllIsNotARevokedTablet() {
        assertEquals(Optional.empty(), check.revokedTablet(new Certificate[] {CA.certificate()}));
        assertEquals(Optional.empty(), check.revokedTablet(new Certificate[0]));
        assertEquals(Optional.empty(), check.revokedTablet(null));
        assertEquals(Optional.of("tab-revoked"), check.revokedTablet(chain("tab-revoked")));
    }

    @Test
    void theAcceptedIssuersAreTheDelegates() {
        assertEquals(1, trusting.getAcceptedIssuers().length);
        assertEquals(CA.certificate(), trusting.getAcceptedIssuers()[0]);
    }

    private static X509Certificate[] chain(String tabletId) {
        return CA.issueTablet(tabletId, Duration.ofDays(1)).chain().toArray(X509Certificate[]::new);
    }

    private static X509ExtendedTrustManager trustManagerFor(CertificateAuthority ca) {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setCertificateEntry("ca", ca.certificate());
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(store);
            return (X509ExtendedTrustManager) tmf.getTrustManagers()[0];
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
