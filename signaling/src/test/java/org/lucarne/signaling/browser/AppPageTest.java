package org.lucarne.signaling.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.lucarne.testing.Chromium;
import org.lucarne.signaling.testing.LucarneBrowserTest;
import org.lucarne.signaling.testing.TestServer;

/**
 * The base of a test of the apps in a real Chromium: the shared server and browser, a fresh English
 * context per test, and every console error and uncaught exception of the pages it opens
 * (CSP violations included) collected in {@link #problems}.
 */
@LucarneBrowserTest
abstract class AppPageTest {
    static TestServer server;
    static Chromium chromium;
    BrowserContext context;
    final List<String> problems = new ArrayList<>();

    @BeforeAll
    static void start(TestServer testServer, Chromium browser) {
        server = testServer;
        chromium = browser;
    }

    @BeforeEach
    void newContext() {
        context = chromium.browser().newContext(new Browser.NewContextOptions().setLocale("en-GB"));
    }

    @AfterEach
    void closeContext() {
        context.close();
    }

    /**
     * The problems but the one the staff console causes by design: at load it asks the server for
     * its session ({@code GET /api/session}), and the 401 of a browser not signed in is logged by
     * Chromium as a failed resource.
     */
    List<String> problemsBeyondNotSignedIn() {
        return problems.stream().filter(p -> !p.contains("the server responded with a status of 401")).toList();
    }

    /** Opens {@code url} in {@code ctx}, expecting 200, and watches the page's console. */
    Page open(BrowserContext ctx, String url) {
        Page page = ctx.newPage();
        page.onConsoleMessage(m -> {
            if ("error".equals(m.type())) {
                problems.add(m.text());
            }
        });
        page.onPageError(e -> problems.add(String.valueOf(e)));
        assertEquals(200, page.navigate(url).status(), url);
        return page;
    }
}
