package org.lucarne.certs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class SubjectAltNamesTest {

    private static final CertificateAuthority CA = TestPki.ca();
    private static final X509Certificate LEAF = CA.issueServer(
            ServerNames.forHost("video.ward7.example").withIpAddress("10.0.0.5"), Duration.ofDays(30)).certificate();

    @Test
    void coversListedNamesCaseInsensitivelyAndEqualAddresses() {
        assertTrue(SubjectAltNames.covers(LEAF, "video.ward7.example"));
        assertTrue(SubjectAltNames.covers(LEAF, "VIDEO.ward7.example."));
        assertTrue(SubjectAltNames.covers(LEAF, "localhost"));
        assertTrue(SubjectAltNames.covers(LEAF, "10.0.0.5"));
        assertTrue(SubjectAltNames.covers(LEAF, "[::1]"));
        assertTrue(SubjectAltNames.covers(LEAF, "0:0:0:0:0:0:0:1"));
    }

    @Test
    void doesNotCoverOtherOrInvalidNames() {
        assertFalse(SubjectAltNames.covers(LEAF, "other.ward7.example"));
        assertFalse(SubjectAltNames.covers(LEAF, "ward7.example"));
        assertFalse(SubjectAltNames.covers(LEAF, "10.0.0.6"));
        assertFalse(SubjectAltNames.covers(LEAF, "bad_host"));
        assertFalse(SubjectAltNames.covers(CA.certificate(), "localhost"), "a certificate without SANs covers nothing");
    }

    @Test
    void describesEntriesInCertificateOrder() {
        assertEquals(List.of("DNS:video.ward7.example", "DNS:localhost", "IP:127.0.0.1", "IP:::1", "IP:10.0.0.5"),
                SubjectAltNames.describe(LEAF));
        assertEquals(List.of(), SubjectAltNames.describe(CA.certificate()));
    }
}
