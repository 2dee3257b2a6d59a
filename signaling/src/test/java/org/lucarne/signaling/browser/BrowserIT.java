package org.lucarne.signaling.browser;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.WaitForSelectorState;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.lucarne.testing.Chromium;
import org.lucarne.signaling.testing.OtherOriginServer;
import org.lucarne.signaling.ws.protocol.ProtocolFixtures;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The apps in a real Chromium over HTTPS, with the development CA trusted like a person would. */
class BrowserIT extends AppPageTest {
    private static final String FAMILY_PATH = "/v/AbCdEfGhIjKlMnOpQrStUvWxYz0123456789-_abcde";
    /** Written by the Java reference (module e2ee); the browser must reproduce every byte. */
    private static final Path E2EE_VECTORS = Path.of("..", "docs", "e2ee", "vectors");
    private static final ObjectMapper JSON = new ObjectMapper();

    private static void waitForState(Page page, String state) {
        page.waitForSelector("#connection[data-state=\"" + state + "\"]",
                new Page.WaitForSelectorOptions().setState(WaitForSelectorState.ATTACHED).setTimeout(15_000));
    }

    @Test
    void familyPageOverHttpsConnectsToTheSignalingSocket() {
        Page page = open(context, server.url(FAMILY_PATH) + "#link-secret-stays-in-the-browser");
        waitForState(page, "connected");
        assertEquals("Connected", page.textContent("#connection").strip());
        assertEquals(List.of(), problems, "no console errors or CSP violations");
    }

    @Test
    void kioskConnectsToo() {
        waitForState(open(context, server.url("/kiosk")), "connected");
        assertEquals(List.of(), problems);
    }

    @Test
    void staffConsoleOpensOnItsSignInWithoutASocket() {
        long socketsBefore = server.server().connections().openedTotal();
        Page page = open(context, server.url("/staff"));
        page.waitForSelector("body[data-screen=\"sign-in\"]");
        assertTrue(page.isHidden("#connection") && page.isVisible("#sign-in-username"), "the sign-in, no connection status");
        assertEquals("sign-in-username", page.evaluate("() => document.activeElement.id"), "the cursor is in the first field");
        assertEquals(socketsBefore, server.server().connections().openedTotal(), "no socket before signing in");
        assertEquals(List.of(), problemsBeyondNotSignedIn());
    }

    @Test
    void aFrenchBrowserGetsFrench() {
        try (BrowserContext fr = chromium.browser().newContext(new Browser.NewContextOptions().setLocale("fr-FR"))) {
            Page page = open(fr, server.url(FAMILY_PATH));
            waitForState(page, "connected");
            assertEquals("fr", page.getAttribute("html", "lang"));
            assertEquals("Connecté", page.textContent("#connection").strip());
        }
    }

    @Test
    void aPageOnAnotherOriginCannotOpenTheSocket() {
        long refusedBefore = server.server().stats().upgradesRefusedForOrigin();
        // A page of another site, without Lucarne's CSP in the way: only Lucarne's server can refuse.
        try (OtherOriginServer other = new OtherOriginServer(server)) {
            Page page = open(context, other.origin() + "/");
            Object outcome = page.evaluate("url => new Promise(resolve => {"
                    + " const ws = new WebSocket(url);"
                    + " ws.onopen = () => resolve('open');"
                    + " ws.onclose = e => resolve('closed ' + e.code); })", server.wsUrl());
            assertEquals("closed 1006", outcome);
        }
        assertTrue(server.server().stats().upgradesRefusedForOrigin() > refusedBefore, "the server refused it");
        problems.clear(); // Chromium logs the refused handshake as a console error, as it should
    }

    @Test
    void theSameAppUnderAnotherHostNameIsRefusedAndSaysReconnecting() {
        Page page = open(context, "https://127.0.0.1:" + server.server().httpsPort() + FAMILY_PATH);
        waitForState(page, "reconnecting");
        problems.clear(); // the refused socket is logged by Chromium as an error, as expected
    }

    @Test
    void pageReconnectsByItselfWhenTheServerDropsItsSocket() {
        Page page = open(context, server.url("/kiosk"));
        waitForState(page, "connected");
        server.server().connections().closeAll(1001, "test drops every socket");
        waitForState(page, "reconnecting");
        waitForState(page, "connected");
    }

    @Test
    void kioskStartsOnItsIdleScreenAndItsVisitFlowAndTabletChecksPass() {
        Page page = open(context, server.url("/kiosk"));
        waitForState(page, "connected");
        assertEquals("idle", page.getAttribute("body", "data-kiosk-screen"));
        assertEquals("idle", page.getAttribute("body", "data-call-state"));
        assertTrue(page.isHidden("#kiosk-incoming") && page.isHidden("#kiosk-call"), "only the clock shows");
        Object failures = page.evaluate("async () => {"
                + " const m = await import('/static/kiosk/kiosk.selftest.js');"
                + " const tablet = await import('/static/kiosk/tablet.selftest.js');"
                + " return [...await m.runKioskChecks(), ...await tablet.runTabletChecks()]; }");
        assertEquals(List.of(), failures);
        assertEquals(List.of(), problems);
    }

    @Test
    void browserCodecAgreesWithTheSharedFixtures() throws Exception {
        Page page = open(context, server.url("/staff"));
        // As text: JSON.parse keeps 2^53 − 1 exact, where a Java → JS value bridge would not.
        Object failures = page.evaluate("async json => {"
                + " const m = await import('/static/shared/protocol.selftest.js');"
                + " return [...m.runFixtures(JSON.parse(json)), ...m.runEdgeCases()]; }", ProtocolFixtures.rawJson());
        assertEquals(List.of(), failures);
    }

    @Test
    void callEngineAndSignalingChecksPassInChromium() {
        Page page = open(context, server.url("/staff"));
        Object failures = page.evaluate("async () => {"
                + " const call = await import('/static/shared/call.selftest.js');"
                + " const signaling = await import('/static/shared/signaling.selftest.js');"
                + " return [...(await call.runCallChecks()), ...signaling.runSignalingChecks()]; }");
        assertEquals(List.of(), failures);
        assertEquals(List.of(), problemsBeyondNotSignedIn());
    }

    @Test
    void endToEndEncryptionChecksPassInChromium() {
        Page page = open(context, server.url("/staff"));
        Object failures = page.evaluate("async () => {"
                + " const m = await import('/static/shared/e2ee/e2ee.selftest.js');"
                + " return [...await m.runE2eeChecks(), ...await m.runE2eeBrowserChecks()]; }");
        assertEquals(List.of(), failures);
        assertEquals(List.of(), problemsBeyondNotSignedIn());
    }

    @Test
    void browserReproducesEveryE2eeVectorOfTheJavaReference() throws Exception {
        List<String> entries = new ArrayList<>();
        try (Stream<Path> paths = Files.list(E2EE_VECTORS)) {
            for (Path p : paths.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                JSON.readTree(Files.readString(p)); // well-formed, or the test says which file is not
                entries.add(JSON.writeValueAsString(p.getFileName().toString()) + ":" + Files.readString(p));
            }
        }
        assertTrue(entries.size() >= 10, "the vector files in " + E2EE_VECTORS.toAbsolutePath());
        Page page = open(context, server.url("/staff"));
        // The files' own text, as the protocol fixtures: JSON.parse in the page keeps every number exact.
        Object failures = page.evaluate("async json => {"
                + " const m = await import('/static/shared/e2ee/e2ee.selftest.js');"
                + " return m.runVectorChecks(JSON.parse(json)); }", "{" + String.join(",", entries) + "}");
        assertEquals(List.of(), failures);
    }

    @Test
    void familyLinkBindingChecksPassInChromium() {
        Page page = open(context, server.url("/staff"));
        Object failures = page.evaluate("async () => {"
                + " const m = await import('/static/family/binding.selftest.js');"
                + " return await m.runBindingChecks(); }");
        assertEquals(List.of(), failures);
        assertEquals(List.of(), problemsBeyondNotSignedIn());
    }

    @Test
    void staffConsoleChecksPassInChromium() {
        Page page = open(context, server.url("/staff"));
        Object failures = page.evaluate("async () => {"
                + " const m = await import('/static/staff/staff.selftest.js');"
                + " const get = async (url) => (await fetch(url)).text();"
                + " return m.runStaffChecks({ en: JSON.parse(await get('/static/i18n/en.json')),"
                + "   fr: JSON.parse(await get('/static/i18n/fr.json')), html: await get('/staff') }); }");
        assertEquals(List.of(), failures);
        assertEquals(List.of(), problemsBeyondNotSignedIn());
    }
}
