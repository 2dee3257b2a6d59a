package org.lucarne.certs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import org.junit.jupiter.api.Test;

class FingerprintsTest {

    /** A certificate whose fingerprint was computed independently with {@code openssl x509 -fingerprint -sha256}. */
    private static final String KNOWN_CERTIFICATE = """
            -----BEGIN CERTIFICATE-----
            MIIBdjCCARygAwIBAgIRALDQGKanUUzQ6K5p/JlbHM8wCgYIKoZIzj0EAwIwGTEX
            MBUGA1UEAwwOV2FyZCA3IHRlc3QgQ0EwHhcNMjYxMTIyMDY0MjE3WhcNMzYxMTE5
            MDY0NzE3WjAZMRcwFQYDVQQDDA5XYXJkIDcgdGVzdCBDQTBZMBMGByqGSM49AgEG
            CCqGSM49AwEHA0IABOLkaEKzxGqKGP6T/CmL5XMEkH97Lg6AEJG8HiOsYP+bmNVN
            GwcIYztjwGU3CbbbBbkcdb3LbkjINz3PjQQTsuSjRTBDMBIGA1UdEwEB/wQIMAYB
            Af8CAQAwDgYDVR0PAQH/BAQDAgEGMB0GA1UdDgQWBBS03z5oZF6EX9xV9jXljper
            HkE1wjAKBggqhkjOPQQDAgNIADBFAiBs0gc5xFA8j+qqrIuN24klGTJisTDvBrZf
            19e6WelvQgIhAO2R7OaXuqzPhzqbvMx4hOGbCZ/m/TARUTfxwtaKvaTJ
            -----END CERTIFICATE-----
            """;
    private static final String KNOWN_FINGERPRINT =
            "DA:03:41:1B:98:7A:7C:FC:D0:59:AA:79:F6:47:D9:F6:BD:79:1D:99:A1:4E:57:32:B8:5B:A5:C7:AF:3F:F3:80";

    @Test
    void sha256MatchesWhatOpensslAndBrowsersShow() throws Exception {
        X509Certificate certificate = (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(KNOWN_CERTIFICATE.getBytes(StandardCharsets.US_ASCII)));
        assertEquals(KNOWN_FINGERPRINT, Fingerprints.sha256(certificate));
    }

    @Test
    void sha256IsThirtyTwoUppercaseHexPairsSeparatedByColons() {
        String fingerprint = Fingerprints.sha256(TestPki.ca().certificate());
        assertTrue(fingerprint.matches("([0-9A-F]{2}:){31}[0-9A-F]{2}"), fingerprint);
    }

    @Test
    void differentCertificatesHaveDifferentFingerprints() {
        assertNotEquals(Fingerprints.sha256(TestPki.ca().certificate()), Fingerprints.sha256(TestPki.ca().certificate()));
    }
}
