package org.lucarne.signaling.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.PlaywrightException;
import com.microsoft.playwright.options.ClientCertificate;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lucarne.certs.CaDirectory;
import org.lucarne.certs.CertificateAuthority;
import org.lucarne.certs.PasswordFile;
import org.lucarne.certs.TabletKeystore;
import org.lucarne.signaling.policy.Role;
import org.lucarne.signaling.testing.StaffClient;
import org.lucarne.signaling.testing.StaffFixture;
import org.lucarne.testing.Chromium;
import org.lucarne.signaling.testing.LucarneBrowserTest;
import org.lucarne.signaling.testing.TestServer;

/**
 * The kiosk page in a real Chromium presenting the tablet's certificate, as a bedside tablet does.
 * Playwright presents the certificate through its own TLS proxy (per context), so this covers the
 * server and the page, not Chromium's certificate picker.
 */
@LucarneBrowserTest
class KioskBrowserIT {
    @TempDir
    Path dir;

    @Test
    void kioskPageWithTheTabletCertificateConnects(TestServer server, Chromium chromium) {
        TabletRows.enrol(server.server().database(), "bed-browser");
        TabletKeystore keystore = TabletKeystore.ensure(
                new CaDirectory(server.dataDir().resolve("tls")).load(Clock.systemUTC()), dir, "bed-browser",
                Clock.systemUTC());
        String origin = server.server().kioskOrigin();
        try (BrowserContext context = chromium.browser().newContext(new Browser.NewContextOptions()
                .setLocale("en-GB")
                .setClientCertificates(List.of(new ClientCertificate(origin).setPfxPath(keystore.keystore())
                        .setPassphrase(new String(PasswordFile.read(keystore.passwordFile()))))))) {
            Page page = context.newPage();
            assertEquals(200, page.navigate(origin + "/kiosk").status());
            page.waitForSelector("#connection[data-state=\"connected\"]", new Page.WaitForSelectorOptions().setTimeout(15_000));
            assertEquals(1, server.server().tabletConnections().count("bed-browser"));
        }
    }

    @Test
    void aRevokedTabletSaysItIsNoLongerInUse(TestServer server, Chromium chromium) {
        String ward = "w-kiosk-revoked";
        StaffFixture staff = new StaffFixture(server);
        staff.ward(ward, "Marie Curie");
        String tablet = ward + "-tablet";
        TabletKeystore keystore = TabletKeystore.ensure(
                new CaDirectory(server.dataDir().resolve("tls")).load(Clock.systemUTC()), dir, tablet,
                Clock.systemUTC());
        String origin = server.server().kioskOrigin();
        try (BrowserContext context = chromium.browser().newContext(new Browser.NewContextOptions()
                .setLocale("fr-FR")
                .setClientCertificates(List.of(new ClientCertificate(origin).setPfxPath(keystore.keystore())
                        .setPassphrase(new String(PasswordFile.read(keystore.passwordFile()))))))) {
            Page page = context.newPage();
            assertEquals(200, page.navigate(origin + "/kiosk").status());
            page.waitForSelector("#connection[data-state=\"connected\"]", new Page.WaitForSelectorOptions().setTimeout(15_000));

            StaffFixture.Member m = staff.member("manager-" + ward, Role.WARD_MANAGER, ward);
            StaffClient manager = new StaffClient(server);
            manager.signIn(m.username(), StaffFixture.PASSWORD, m.secret(), server.server().clock());
            StaffClient.Answer a = manager.post("/api/tablets/" + tablet + "/revoke", "{\"reason\": \"lost\"}");
            assertEquals(200, a.status(), a.toString());

            page.waitForSelector("body[data-kiosk-screen=\"revoked\"]", new Page.WaitForSelectorOptions().setTimeout(15_000));
            assertTrue(page.isVisible("#kiosk-revoked") && page.isHidden("#kiosk-idle"), "only the revoked screen shows");
            String text = page.textContent("#kiosk-revoked");
            assertTrue(text.contains("Cette tablette n’est plus en service.")
                    && text.contains("Demandez au personnel du service."), text);
        }
    }

    @Test
    void kioskPageWithoutACertificateDoesNotOpen(TestServer server, Chromium chromium) {
        try (BrowserContext context = chromium.browser().newContext()) {
            Page page = context.newPage();
            PlaywrightException e = assertThrows(PlaywrightException.class,
                    () -> page.navigate(server.server().kioskOrigin() + "/kiosk"));
            assertTrue(e.getMessage().contains("ERR_"), e.getMessage());
        }
    }

    /** The server refuses, in the handshake, a certificate its tablet CA did not issue (an alert, no page). */
    @Test
    void kioskPageWithAnotherCasCertificateDoesNotOpen(TestServer server, Chromium chromium) {
        CertificateAuthority other = CertificateAuthority.create("Another CA", Duration.ofDays(10), Clock.systemUTC());
        TabletKeystore foreign = TabletKeystore.ensure(other, dir.resolve("other"), "bed-browser", Clock.systemUTC());
        String origin = server.server().kioskOrigin();
        // Playwright's TLS proxy checks the server against the CA in the PKCS#12 file: not that CA here.
        try (BrowserContext context = chromium.browser().newContext(new Browser.NewContextOptions().setIgnoreHTTPSErrors(true)
                .setClientCertificates(List.of(new ClientCertificate(origin).setPfxPath(foreign.keystore())
                        .setPassphrase(new String(PasswordFile.read(foreign.passwordFile()))))))) {
            Page page = context.newPage();
            // The proxy turns the server's TLS alert into its own error page: the kiosk page never loads.
            assertEquals(503, page.navigate(origin + "/kiosk").status());
            assertTrue(page.content().contains("alert certificate unknown"), page.content());
            assertEquals(0, page.locator("#kiosk-idle").count(), "no kiosk page");
        }
    }
}
