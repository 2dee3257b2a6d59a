package org.lucarne.signaling.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.lucarne.signaling.testing.ConsoleKeys.visible;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.lucarne.signaling.testing.LucarneBrowserTest;
import org.lucarne.signaling.testing.TestServer;
import org.lucarne.testing.Chromium;

/**
 * A tablet's enrolment in real Chromium against a real server: the tablet's pairing screen
 * ({@code /enrol/pair}).
 */
@LucarneBrowserTest
class TabletEnrolmentBrowserIT {
    private static final int TIMEOUT_MS = 15_000;
    private final List<BrowserContext> contexts = new ArrayList<>();
    private final List<String> problems = new ArrayList<>();

    @AfterEach
    void close() {
        contexts.forEach(BrowserContext::close);
        contexts.clear();
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

    private Page open(Chromium chromium, String locale, String url) {
        BrowserContext ctx = chromium.browser().newContext(new Browser.NewContextOptions().setLocale(locale));
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
