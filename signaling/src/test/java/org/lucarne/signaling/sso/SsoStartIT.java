package org.lucarne.signaling.sso;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.net.URI;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.lucarne.signaling.StartupException;
import org.lucarne.testing.ManualClock;
import org.lucarne.signaling.testing.AuditRows;
import org.lucarne.signaling.testing.TestServer;

/** What Lucarne does at start with the provider it is given: refuse a wrong one, wait for an absent one. */
class SsoStartIT {

    private static Map<String, String> sso(String issuer) {
        return Map.of("LUCARNE_AUTH_OIDC_ISSUER", issuer, "LUCARNE_AUTH_OIDC_CLIENT_ID", "lucarne",
                "LUCARNE_AUTH_OIDC_CLIENT_SECRET", "the-client-secret");
    }

    @Test
    void providerAnnouncingAnotherIssuerStopsTheStartNamingTheSetting() {
        try (MockProvider provider = MockProvider.start()) {
            StartupException e = assertThrows(StartupException.class,
                    () -> TestServer.start(sso(provider.issuer() + "/")).close());
            assertTrue(e.getMessage().contains("auth.oidc.issuer"), e.getMessage());
            assertTrue(e.getMessage().contains("docs/operations.md"), e.getMessage());
        }
    }

    @Test
    void providerDownAtStartDoesNotStopLucarneAndIsUsedOnceItAnswers() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        String issuer = "http://localhost:" + port + "/" + MockProvider.ISSUER_ID;
        ManualClock clock = new ManualClock(Instant.now());
        try (TestServer server = TestServer.start(sso(issuer), clock)) {
            AuditRows audit = new AuditRows(server.server().database());
            SsoBrowser browser = new SsoBrowser(server, null);
            var start = browser.get(URI.create(server.url("/auth/oidc/start")));
            assertEquals(302, start.statusCode());
            assertEquals("/staff?sso_error=unavailable", start.headers().firstValue("Location").orElseThrow());
            assertTrue(audit.since("sign_in.sso").get(0).detailHas("reason=provider_unreachable"));
            assertEquals(200, browser.get(URI.create(server.url("/health"))).statusCode(),
                    "the rest of Lucarne is up");
            try (MockProvider late = MockProvider.start(port)) {
                late.nextSignIn("admin-1", Map.of("lucarne_roles", "admin"));
                assertEquals("/staff?sso_error=unavailable", browser.get(URI.create(server.url("/auth/oidc/start")))
                        .headers().firstValue("Location").orElseThrow(), "not asked again within 10 s");
                clock.advance(OidcProvider.RETRY_INTERVAL);
                assertEquals("/staff", new SsoBrowser(server, late).signIn().landing());
            }
        }
    }
}
