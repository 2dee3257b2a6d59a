package org.lucarne.signaling.enrol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.security.KeyPair;
import java.sql.PreparedStatement;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lucarne.signaling.testing.AuditRows;
import org.lucarne.signaling.testing.StaffClient;
import org.lucarne.signaling.testing.StaffFixture;
import org.lucarne.signaling.testing.WsTestClient;

/**
 * An MDM package and a renewal with a real server (docs/api.md, "Tablet enrolment"): the PKCS#12 opens with its
 * one-time password and its certificate opens the kiosk socket; {@code /kiosk/renew} says when to come back, then
 * renews in the certificate's last 30 days (a bad request then refused saying why), only on the kiosk port, never
 * for a revoked tablet; the CRL then lists both certificates. One test: once the clock has moved two months on,
 * no certificate issued at that time is valid yet for a TLS handshake, which is checked at the real time.
 */
class RenewalIT {
    private static final String WARD = "w-renew";
    @TempDir
    static Path dir;
    private static EnrolmentServer env;

    @BeforeAll
    static void start() {
        env = EnrolmentServer.start(dir, WARD, "renew-manager");
    }

    @AfterAll
    static void stop() {
        env.close();
    }

    private static StaffClient manager() {
        env.timers().advance(Duration.ofSeconds(31)); // the authenticator's next code
        StaffClient c = new StaffClient(env.server());
        c.signIn(env.manager().username(), StaffFixture.PASSWORD, env.manager().secret(), env.timers().clock());
        return c;
    }

    private record Package(String tabletId, PrivateKey key, List<X509Certificate> chain) {
    }

    private static Package mdm(StaffClient manager) throws Exception {
        StaffClient.Answer a = manager.post("/api/tablets/mdm", "{\"bed\": \"" + WARD + "-bed\", \"label\": \"iPad 3/B\"}");
        assertEquals(201, a.status(), a.toString());
        assertEquals("iPad 3_B.p12", a.json().get("filename").asText());
        char[] password = a.json().get("password").asText().toCharArray();
        KeyStore p12 = KeyStore.getInstance("PKCS12");
        p12.load(new ByteArrayInputStream(Base64.getDecoder().decode(a.json().get("pkcs12").asText())), password);
        String alias = p12.aliases().nextElement();
        List<X509Certificate> chain = Arrays.stream(p12.getCertificateChain(alias)).map(X509Certificate.class::cast)
                .toList();
        return new Package(a.json().get("tablet").get("id").asText(), (PrivateKey) p12.getKey(alias, password), chain);
    }

    private static EnrollingTablet.Answer renew(HttpClient client, String origin, String csr) {
        String body = "{\"csr\": " + new com.fasterxml.jackson.databind.ObjectMapper().valueToTree(csr) + "}";
        return EnrollingTablet.send(HttpRequest.newBuilder(URI.create(origin + "/kiosk/renew"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)), client);
    }

    @Test
    void anMdmTabletRenewsInItsLastThirtyDaysOnlyOnTheKioskPortAndNeverOnceRevoked() throws Exception {
        AuditRows audit = new AuditRows(env.server().server().database());
        Package p = mdm(manager());
        assertTrue(audit.since("tablet.enrolled").get(0).detailHas("how=mdm"));
        HttpClient kiosk = env.tls().client(EnrollingTablet.keyManagers(p.key(), p.chain()));
        WsTestClient ws = WsTestClient.connect(kiosk, env.tls().kioskWs(), env.tls().kioskOrigin());
        ws.send("{\"v\":1,\"type\":\"hello\",\"app\":\"kiosk\",\"appVersion\":\"it\"}");
        assertTrue(ws.next().contains("\"welcome\""), "the package's certificate opens the kiosk socket");
        ws.abort();

        EnrollingTablet tablet = new EnrollingTablet(env.server());
        KeyPair next = EnrollingTablet.p256();
        EnrollingTablet.Answer early = renew(kiosk, env.tls().kioskOrigin(), tablet.csr(next));
        assertEquals(409, early.status(), early.toString());
        assertEquals("not_due", early.error());
        Instant renewAfter = p.chain().get(0).getNotAfter().toInstant().minus(Duration.ofDays(30));
        assertEquals(renewAfter.toEpochMilli(), early.json().get("renewAfter").asLong());
        assertEquals(404, renew(env.server().httpClient(), env.server().origin(), tablet.csr(next)).status(), "not on the public port");

        // The clock alone, not the server's timers: two months of their rounds are not what this test is about.
        env.timers().clock().set(renewAfter);
        EnrollingTablet.Answer bad = renew(kiosk, env.tls().kioskOrigin(), "not a request");
        assertEquals(400, bad.status());
        assertEquals("invalid_csr", bad.error());
        assertTrue(bad.json().get("message").asText().contains("CERTIFICATE REQUEST"), bad.toString());
        EnrollingTablet.Answer renewed = renew(kiosk, env.tls().kioskOrigin(), tablet.csr(next));
        assertEquals(200, renewed.status(), renewed.toString());
        List<X509Certificate> chain = EnrollingTablet.chain(renewed.json().get("certificate").asText());
        assertEquals(next.getPublic(), chain.get(0).getPublicKey());
        assertNotEquals(p.chain().get(0).getSerialNumber(), chain.get(0).getSerialNumber());
        assertEquals(env.timers().clock().instant().plus(Duration.ofDays(90)).getEpochSecond(),
                chain.get(0).getNotAfter().toInstant().getEpochSecond());
        validate(chain, env.timers().clock().instant());
        List<AuditRows.Row> renewals = audit.since("tablet.renewed");
        assertEquals(1, renewals.size());
        assertEquals("tablet:" + p.tabletId(), renewals.get(0).actor());

        revoke(p.tabletId()); // as another node would: the staff's session is long over at this time
        assertEquals(403, renew(kiosk, env.tls().kioskOrigin(), tablet.csr(next)).status(), "a revoked tablet");
        var crl = EnrolmentIT.crlOf(env.server());
        assertTrue(crl.isRevoked(p.chain().get(0)) && crl.isRevoked(chain.get(0)), "both certificates are listed");
    }

    private static void revoke(String tabletId) {
        env.server().server().database().inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE tablet SET revoked_at = ? WHERE id = ?")) {
                ps.setLong(1, env.timers().clock().millis());
                ps.setString(2, tabletId);
                return ps.executeUpdate();
            }
        });
    }

    private static void validate(List<X509Certificate> chain, Instant at) throws Exception {
        PKIXParameters parameters = new PKIXParameters(Set.of(new TrustAnchor(chain.get(1), null)));
        parameters.setRevocationEnabled(false);
        parameters.setDate(Date.from(at));
        CertPathValidator.getInstance("PKIX").validate(CertificateFactory.getInstance("X.509")
                .generateCertPath(List.<Certificate>of(chain.get(0))), parameters);
    }
}
