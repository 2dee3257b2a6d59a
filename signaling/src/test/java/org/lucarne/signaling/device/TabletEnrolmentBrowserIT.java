package org.lucarne.signaling.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.lucarne.signaling.testing.ConsoleKeys.assertFocused;
import static org.lucarne.signaling.testing.ConsoleKeys.attached;
import static org.lucarne.signaling.testing.ConsoleKeys.openView;
import static org.lucarne.signaling.testing.ConsoleKeys.signIn;
import static org.lucarne.signaling.testing.ConsoleKeys.tabTo;
import static org.lucarne.signaling.testing.ConsoleKeys.visible;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Download;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.WaitForSelectorState;
import com.microsoft.playwright.options.ClientCertificate;
import java.io.IOException;
import java.net.URI;
import java.security.KeyStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lucarne.signaling.device.KioskScript.Result;
import org.lucarne.signaling.device.KioskScript.Running;
import org.lucarne.signaling.policy.Role;
import org.lucarne.signaling.testing.LucarneBrowserTest;
import org.lucarne.signaling.testing.StaffFixture;
import org.lucarne.signaling.testing.TestServer;
import org.lucarne.testing.Chromium;

/**
 * A tablet's enrolment against a real server: the real launcher ({@code lucarne-kiosk enrol}, with openssl,
 * curl and the NSS tools) asks, a ward manager approves its code in the console in real Chromium by the
 * keyboard, the launcher installs what it got, and the kiosk page opens with the key and certificate it
 * wrote; the tablet's pairing screen ({@code /enrol/pair}).
 */
@LucarneBrowserTest
class TabletEnrolmentBrowserIT {
    private static final int TIMEOUT_MS = 15_000;
    private static final Pattern CODE = Pattern.compile("enrolment code ([0-9]{4}-[0-9]{4}) ");
    private final List<BrowserContext> contexts = new ArrayList<>();
    @TempDir
    Path dir;
    private final List<String> problems = new ArrayList<>();

    @AfterEach
    void close() {
        contexts.forEach(BrowserContext::close);
        contexts.clear();
    }

    @Test
    void aTabletEnrolsWithTheLauncherAndAManagerApprovesItsCodeByTheKeyboard(TestServer server, Chromium chromium)
            throws Exception {
        StaffFixture.Member manager = member(server, "w-enrol", "Jeanne Martin", Role.WARD_MANAGER);
        Map<String, String> env = launcherEnv(server);

        try (Running launcher = KioskScript.start(env, "enrol", publicOrigin(server))) {
            String code = launcher.awaitErr(CODE, Duration.ofSeconds(30));
            Page page = signedIn(chromium, "en-GB", server.url("/staff"), manager);
            openView(page, "tablets");
            // The waiting tablet is listed, by its key's fingerprint; never its code.
            page.waitForSelector("#enrolment-list li.enrolment", visible());
            assertTrue(page.textContent("#enrolment-list").contains("from 127.0.0.1"), page.textContent("#enrolment-list"));
            assertFalse(page.textContent("#enrolment-list").contains(code.replace("-", "")));

            tabTo(page, "#tablet-enrol-open");
            page.keyboard().press("Enter");
            page.waitForSelector("#tablet-enrol-dialog[open]", attached());
            assertFocused(page, "#tablet-enrol-code");
            page.keyboard().type(wrongCode(code));
            tabTo(page, "#tablet-enrol-label");
            page.keyboard().type("Tablet by the window");
            page.keyboard().press("Enter");
            // A wrong code is said next to the code, the cursor back there.
            page.waitForSelector("#tablet-enrol-code[aria-invalid=\"true\"]", attached());
            assertFocused(page, "#tablet-enrol-code");
            assertTrue(page.textContent("#tablet-enrol-code-error").startsWith("No tablet is waiting with this code."));
            page.keyboard().press("Control+A");
            page.keyboard().type(code);
            page.keyboard().press("Enter");

            page.waitForSelector("#tablet-enrol-dialog", new Page.WaitForSelectorOptions()
                    .setState(WaitForSelectorState.HIDDEN));
            page.waitForSelector("#tablet-list tr.tablet:has-text(\"Tablet by the window\")", visible());
            assertTrue(page.textContent("#tablets-status").startsWith("Tablet by the window is enrolled for bed Bed 1."),
                    page.textContent("#tablets-status"));

            Result enrolled = launcher.await(Duration.ofSeconds(60));
            assertEquals(0, enrolled.exit(), enrolled.err());
            assertTrue(enrolled.err().contains("enrolled as tablet "), enrolled.err());
        }
        String tablet = Files.readString(dir.resolve("state/tablet.id")).strip();
        assertEquals("rw-------", PosixFilePermissions.toString(
                Files.getPosixFilePermissions(dir.resolve("state/tablet.key"))), "the key is the tablet's alone");
        assertTrue(Files.readString(dir.resolve("lucarne-kiosk.conf"))
                .contains("LUCARNE_ORIGIN=" + server.server().kioskOrigin() + "\n"));
        Result listed = KioskScript.run(List.of("certutil", "-L", "-d", "sql:" + dir.resolve("nssdb")), Map.of());
        assertTrue(listed.out().contains("lucarne-tablet-" + tablet + "-"), listed.out());

        // The kiosk page with the key and certificate the launcher wrote: connected, on its idle screen.
        String kiosk = server.server().kioskOrigin();
        // Playwright presents the certificate through its own TLS proxy, which does not know the test CA (the
        // launcher checked the server against it): the proxy is told not to check the server.
        BrowserContext ctx = chromium.browser().newContext(new Browser.NewContextOptions().setLocale("en-GB")
                .setIgnoreHTTPSErrors(true).setClientCertificates(List.of(new ClientCertificate(kiosk).setCertPath(dir.resolve("state/tablet.crt"))
                        .setKeyPath(dir.resolve("state/tablet.key")))));
        contexts.add(ctx);
        Page tabletPage = ctx.newPage();
        int status = tabletPage.navigate(kiosk + "/kiosk").status();
        assertEquals(200, status, tabletPage.content());
        tabletPage.waitForSelector("body[data-kiosk-screen=\"idle\"] #connection[data-state=\"connected\"]",
                new Page.WaitForSelectorOptions().setTimeout(TIMEOUT_MS));
        assertEquals(1, server.server().tabletConnections().count(tablet));

        Result due = KioskScript.kiosk(env, "renew");
        assertEquals(0, due.exit(), due.err());
        assertTrue(due.err().contains("not_due: the certificate of tablet " + tablet + " is valid until"), due.err());
        // Asked anyway, over mutual TLS on the kiosk port, the server says the same.
        Result asked = KioskScript.kiosk(env, "renew", "--now");
        assertEquals(0, asked.exit(), asked.err());
        assertTrue(asked.err().contains("not_due: the server renews the certificate of tablet " + tablet + " from"), asked.err());

        Result again = KioskScript.kiosk(env, "enrol", publicOrigin(server));
        assertEquals(0, again.exit(), again.err());
        assertTrue(again.err().contains("already enrolled as tablet " + tablet), again.err());
    }

    @Test
    void theConsoleOpenedFromTheQrCodeHasTheCodeFilledInAndARefusalEndsTheLauncher(TestServer server, Chromium chromium)
            throws Exception {
        StaffFixture.Member manager = member(server, "w-enrol-qr", "Paul Durand", Role.WARD_MANAGER);
        // The pairing screen's browser: a stand-in that notes how it was started and waits to be stopped.
        Path args = dir.resolve("chromium.args");
        Path chromiumStandIn = dir.resolve("chromium");
        Files.writeString(chromiumStandIn, "#!/bin/sh\nprintf '%s\\n' \"$$\" \"$@\" > '" + args + "'\nexec sleep 600\n");
        Files.setPosixFilePermissions(chromiumStandIn, PosixFilePermissions.fromString("rwx------"));
        Map<String, String> env = launcherEnv(server);
        env.remove("LUCARNE_KIOSK_NO_DISPLAY");
        env.put("LUCARNE_CHROMIUM", chromiumStandIn.toString());

        try (Running launcher = KioskScript.start(env, "enrol", publicOrigin(server))) {
            launcher.awaitErr(Pattern.compile("showing the enrolment code on the screen"), Duration.ofSeconds(30));
            List<String> shown = awaitLines(args);
            String url = shown.get(shown.size() - 1);
            assertTrue(shown.contains("--kiosk"), shown.toString());
            assertTrue(url.startsWith(publicOrigin(server) + "/enrol/pair#code="), url);
            String code = url.replaceAll(".*#code=([0-9]{4}-[0-9]{4}).*", "$1");
            assertFalse(launcher.err().contains(code), "the code is on the screen, not in the log");
            Page page = signedIn(chromium, "fr-FR", server.url("/staff#enrol=" + code.replace("-", "")), manager);

            page.waitForSelector("#tablet-enrol-dialog[open]", attached());
            assertEquals(code, page.inputValue("#tablet-enrol-code"));
            assertFocused(page, "#tablet-enrol-bed");
            assertEquals("tablets", page.evaluate("document.body.dataset.view"));
            page.keyboard().press("Escape");
            page.waitForSelector("#enrolment-list li.enrolment", visible());
            tabTo(page, "#enrolment-list .enrolment-refuse");
            page.keyboard().press("Enter");
            page.waitForSelector("#tablets-status:has-text(\"est refusé\")", visible());

            Result refused = launcher.await(Duration.ofSeconds(60));
            assertEquals(4, refused.exit(), refused.err());
            assertTrue(refused.err().contains("the ward staff refused this enrolment"), refused.err());
            long pid = Long.parseLong(shown.get(0));
            assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "the pairing screen is closed");
        }
        assertFalse(Files.exists(dir.resolve("state/tablet.key")), "nothing installed");
    }

    @Test
    void aManagerIssuesAnMdmPackageWhosePasswordIsShownOnceAndOpensIt(TestServer server, Chromium chromium) throws Exception {
        StaffFixture.Member manager = member(server, "w-enrol-mdm", "Anne Petit", Role.WARD_MANAGER);
        Page page = signedIn(chromium, "en-GB", server.url("/staff"), manager);
        openView(page, "tablets");

        tabTo(page, "#mdm-open");
        page.keyboard().press("Enter");
        page.waitForSelector("#mdm-dialog[open]", attached());
        assertFocused(page, "#mdm-bed");
        page.keyboard().press("Tab");
        page.keyboard().type("Android bed 1");
        Download download = page.waitForDownload(() -> page.keyboard().press("Enter"));

        page.waitForSelector("#mdm-result", visible());
        assertEquals("Android bed 1.p12", download.suggestedFilename());
        String password = page.textContent("#mdm-password");
        assertTrue(page.textContent("#mdm-warning").contains("cannot be shown again"));
        KeyStore p12 = KeyStore.getInstance("PKCS12");
        try (var in = Files.newInputStream(download.path())) {
            p12.load(in, password.toCharArray());
        }
        String alias = p12.aliases().nextElement();
        assertTrue(p12.isKeyEntry(alias), "the tablet's key and certificate");
        page.waitForSelector("#tablet-list tr.tablet:has-text(\"Android bed 1\")", attached());

        tabTo(page, "#mdm-done");
        page.keyboard().press("Enter");
        page.waitForSelector("#mdm-dialog", new Page.WaitForSelectorOptions().setState(WaitForSelectorState.HIDDEN));
        // The password leaves the page with the dialog's close event (a task after it hides).
        page.waitForFunction("() => document.getElementById('mdm-password').textContent === ''"
                + " && !document.getElementById('mdm-download').hasAttribute('href')");
        assertTrue(page.textContent("#tablets-status").startsWith("Android bed 1 is enrolled through device management."));
    }

    @Test
    void aNurseSeesNoEnrolmentAndIsToldWhoMayEnrol(TestServer server, Chromium chromium) {
        StaffFixture.Member nurse = member(server, "w-enrol-nurse", "Luc Moreau", Role.NURSE);
        Page page = signedIn(chromium, "en-GB", server.url("/staff#enrol=12345678"), nurse);

        page.waitForSelector("#tablets-error", visible());
        assertEquals("Only the ward’s managers and the administrators can enrol a tablet.", page.textContent("#tablets-error"));
        assertTrue(page.isHidden("#tablet-enrolments") && page.isHidden("#tablet-enrol-dialog"));
    }

    @Test
    void thePairingScreenShowsTheCodeInTwoGroupsAndAQrCodeOfTheConsole(TestServer server, Chromium chromium) {
        long expires = System.currentTimeMillis() + 15 * 60_000;
        Page page = open(chromium, "en-GB", server.url("/enrol/pair#code=1234-5678&expires=" + expires));

        page.waitForSelector("#pair-ready", visible());
        assertEquals(List.of("1234", "5678"), page.locator("#pair-code .pair__group").allTextContents());
        assertEquals("1 2 3 4 5 6 7 8", page.getAttribute("#pair-code", "aria-label"));
        assertTrue(Integer.parseInt(page.getAttribute("#pair-qr svg", "data-modules")) >= 21, "a QR symbol");
        assertTrue(page.getAttribute("#pair-qr svg", "aria-label").contains("console"));
        assertEquals("Ask a member of the ward staff to enter this code in the Lucarne console.",
                page.textContent("#pair-instruction"));
        page.waitForSelector("#pair-instruction-other[lang=\"fr\"]", visible());
        assertTrue(page.textContent("#pair-instruction-other").startsWith("Demandez à un membre de l’équipe du service"));
        assertEquals("false", page.getAttribute("#pair-expiry", "data-expired"));
        assertTrue(page.textContent("#pair-expiry").startsWith("This code is valid until "), page.textContent("#pair-expiry"));
        assertTrue(page.isHidden("#pair-problem"));
        // The QR code carries the console's address with the code (read back from the same matrix the page drew).
        Object qr = page.evaluate("async () => { const { qrMatrix } = await import('/static/staff/qr.js');"
                + " const m = qrMatrix(location.origin + '/staff#enrol=12345678');"
                + " return m.length === Number(document.querySelector('#pair-qr svg').dataset.modules); }");
        assertEquals(Boolean.TRUE, qr);
        assertEquals(List.of(), problems);
    }

    @Test
    void anExpiredCodeIsSaidInFrench(TestServer server, Chromium chromium) {
        Page page = open(chromium, "fr-FR", server.url("/enrol/pair#code=87654321&expires=1000"));

        page.waitForSelector("#pair-expiry[data-expired=\"true\"]", visible());
        assertEquals("Ce code a expiré. La tablette en demandera un nouveau.", page.textContent("#pair-expiry"));
        assertEquals(List.of("8765", "4321"), page.locator("#pair-code .pair__group").allTextContents());
        assertEquals("en", page.getAttribute("#pair-instruction-other", "lang"));
    }

    @Test
    void aPairingScreenWithoutACodeSaysWhatToDo(TestServer server, Chromium chromium) {
        Page page = open(chromium, "en-GB", server.url("/enrol/pair#code=12-34"));

        page.waitForSelector("#pair-problem", visible());
        assertTrue(page.isHidden("#pair-ready"));
        assertTrue(page.textContent("#pair-problem").contains("Start the enrolment on the tablet again"));
    }

    /** The launcher's files in this test's directory, trusting the test server's CA, with no screen. */
    private Map<String, String> launcherEnv(TestServer server) {
        Map<String, String> env = new HashMap<>();
        env.put("LUCARNE_KIOSK_STATE_DIR", dir.resolve("state").toString());
        env.put("LUCARNE_KIOSK_NSS_DB", dir.resolve("nssdb").toString());
        env.put("LUCARNE_KIOSK_CONF", dir.resolve("lucarne-kiosk.conf").toString());
        env.put("LUCARNE_KIOSK_CA_FILE", server.caCertificate().toString());
        env.put("LUCARNE_KIOSK_NO_DISPLAY", "1");
        return env;
    }

    /** The lines of {@code file} once it has been written (within 30 s). */
    private static List<String> awaitLines(Path file) throws IOException, InterruptedException {
        for (int i = 0; i < 300 && (!Files.exists(file) || Files.readAllLines(file).size() < 2); i++) {
            Thread.sleep(100);
        }
        return Files.readAllLines(file);
    }

    private static String publicOrigin(TestServer server) {
        return "https://127.0.0.1:" + URI.create(server.origin()).getPort();
    }

    /** Another code of the same shape: its last digit changed. */
    private static String wrongCode(String code) {
        char last = code.charAt(code.length() - 1);
        return code.substring(0, code.length() - 1) + (char) ('0' + (last - '0' + 1) % 10);
    }

    /** A ward {@code ward} (StaffFixture#ward) and one of its staff, as {@code role}. */
    private static StaffFixture.Member member(TestServer server, String ward, String patient, Role role) {
        StaffFixture staff = new StaffFixture(server);
        staff.ward(ward, patient);
        return staff.member(role.name().toLowerCase(java.util.Locale.ROOT) + "-" + ward, role, ward);
    }

    /** The console at {@code url}, signed in as {@code m} by the keyboard. */
    private Page signedIn(Chromium chromium, String locale, String url, StaffFixture.Member m) {
        Page page = open(chromium, locale, url);
        page.waitForSelector("body[data-screen=\"sign-in\"]", attached());
        signIn(page, m);
        return page;
    }

    private Page open(Chromium chromium, String locale, String url) {
        BrowserContext ctx = chromium.browser().newContext(new Browser.NewContextOptions().setLocale(locale)
                .setAcceptDownloads(true));
        contexts.add(ctx);
        Page page = ctx.newPage();
        page.setDefaultTimeout(TIMEOUT_MS);
        page.onConsoleMessage(m -> {
            if ("error".equals(m.type()) || "warning".equals(m.type())) {
                problems.add(m.text());
            }
        });
        page.onPageError(e -> problems.add(String.valueOf(e)));
        assertEquals(200, page.navigate(url).status());
        return page;
    }
}
