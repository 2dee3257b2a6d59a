package org.lucarne.signaling.staff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.lucarne.signaling.testing.ConsoleKeys.assertFocused;
import static org.lucarne.signaling.testing.ConsoleKeys.attached;
import static org.lucarne.signaling.testing.ConsoleKeys.hidden;
import static org.lucarne.signaling.testing.ConsoleKeys.openView;
import static org.lucarne.signaling.testing.ConsoleKeys.signIn;
import static org.lucarne.signaling.testing.ConsoleKeys.tabTo;
import static org.lucarne.signaling.testing.ConsoleKeys.visible;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lucarne.signaling.policy.Role;
import org.lucarne.signaling.testing.LucarneBrowserTest;
import org.lucarne.signaling.testing.StaffFixture;
import org.lucarne.signaling.testing.StaffFixture.Member;
import org.lucarne.signaling.testing.TestServer;
import org.lucarne.testing.Chromium;

/**
 * The console's Ward settings in a real Chromium, by the keyboard alone: a ward manager gives Sunday two
 * spans and a longer cleaning buffer, a span closing before it opens is refused by the server and said
 * next to its closing time with the cursor there, then saved and read back from the server; a nurse of
 * the ward reads the settings in words, with nothing to change them.
 */
@LucarneBrowserTest
class WardSettingsBrowserIT {
    private static final int TIMEOUT_MS = 15_000;
    private static TestServer server;
    private static Chromium chromium;
    private static StaffFixture staff;
    private final List<BrowserContext> contexts = new ArrayList<>();
    private final List<String> pageErrors = new ArrayList<>();

    @BeforeAll
    static void seed(TestServer testServer, Chromium browser) {
        server = testServer;
        chromium = browser;
        staff = new StaffFixture(server);
    }

    @AfterEach
    void closeContexts() {
        contexts.forEach(BrowserContext::close);
    }

    @Test
    void aWardManagerGivesSundayTwoSpansAndALongerBufferAndASpanClosingBeforeItOpensIsSaidNextToIt() {
        staff.ward("ws", "Paul Settings");
        staff.ward("wt", "Tom Settings");
        Member manager = staff.member("wendy.settings", Role.WARD_MANAGER, "ws", "wt");
        Page page = console(manager);
        page.selectOption("#ward-select", "ws");

        openView(page, "settings");
        page.waitForSelector("#settings-form #settings-sunday-0-closes", visible());
        assertTrue(page.isVisible("#settings-defaults"), "a ward that never had its own settings says so");
        assertEquals("10:00", page.inputValue("#settings-sunday-0-opens"));

        tabTo(page, "#settings-sunday-0-closes");
        retype(page, "12:00");
        tabTo(page, "#settings-day-sunday .settings-add");
        page.keyboard().press("Enter");
        assertFocused(page, "#settings-sunday-1-opens");
        page.keyboard().type("14:00");
        page.keyboard().press("Tab");
        assertFocused(page, "#settings-sunday-1-closes");
        page.keyboard().type("13:00");
        tabTo(page, "#settings-buffer");
        retype(page, "20");
        page.keyboard().press("Enter");

        String error = "#settings-sunday-1-closes-error";
        page.waitForSelector(error, visible());
        assertEquals("These hours must open before they close.", page.textContent(error));
        assertFocused(page, "#settings-sunday-1-closes");
        assertEquals("true", page.getAttribute("#settings-sunday-1-closes", "aria-invalid"));
        assertTrue(page.getAttribute("#settings-sunday-1-closes", "aria-describedby").contains("settings-sunday-1-closes-error"));
        assertFalse(page.isVisible("#settings-status"), "nothing was saved");

        retype(page, "18:30");
        page.keyboard().press("Enter");
        page.waitForFunction("() => document.querySelector('#settings-status').textContent.startsWith('Saved')");
        assertTrue(page.textContent("#settings-status").contains("by Display wendy.settings"), page.textContent("#settings-status"));
        assertFalse(page.isVisible("#settings-defaults"), "the ward has its own settings now");
        assertEquals("Sunday: 10:00–12:00, 14:00–18:30", page.textContent("#settings-summary .settings-day[data-day=\"sunday\"]"));
        assertFocused(page, "#settings-sunday-1-closes");

        Object saved = page.evaluate("() => fetch('/api/wards/ws/settings').then(r => r.json())"
                + ".then(s => JSON.stringify([s.visitingHours.sunday, s.visitingHours.monday, s.cleaningBufferMinutes, s.defaults]))");
        assertEquals("[[{\"opens\":\"10:00\",\"closes\":\"12:00\"},{\"opens\":\"14:00\",\"closes\":\"18:30\"}],"
                + "[{\"opens\":\"10:00\",\"closes\":\"20:00\"}],20,false]", saved);

        // Another ward chosen with a change not saved: asked first; Cancel keeps the ward and the change.
        tabTo(page, "#settings-buffer");
        retype(page, "25");
        page.selectOption("#ward-select", "wt");
        page.waitForSelector("#confirm-dialog[open]");
        assertFocused(page, "#confirm-no");
        page.keyboard().press("Enter");
        page.waitForSelector("#confirm-dialog", hidden());
        // The dialog hides at once; its answer (and the choice put back) comes with its 'close' event, a task later.
        page.waitForFunction("() => document.querySelector('#ward-select').value === 'ws'");
        assertEquals("ws", page.inputValue("#ward-select"));
        assertEquals("25", page.inputValue("#settings-buffer"), "the change is still there");
        page.selectOption("#ward-select", "wt");
        page.waitForSelector("#confirm-dialog[open]");
        page.keyboard().press("Shift+Tab");
        assertFocused(page, "#confirm-yes");
        page.keyboard().press("Enter");
        page.waitForSelector("#settings-defaults", visible()); // the other ward's, never changed
        assertEquals("15", page.inputValue("#settings-buffer"));
        assertEquals(List.of(), pageErrors);
    }

    @Test
    void aNurseOfTheWardReadsTheSettingsInWordsWithNothingToChange() {
        staff.ward("wn", "Nora Settings");
        Member nurse = staff.member("nina.settings", Role.NURSE, "wn");
        Page page = console(nurse);

        openView(page, "settings");
        page.waitForSelector("#settings-summary .settings-day[data-day=\"monday\"]");
        assertEquals("Monday: 10:00–20:00", page.textContent("#settings-summary .settings-day[data-day=\"monday\"]"));
        assertTrue(page.textContent("#settings-summary").contains("24 hours before"), page.textContent("#settings-summary"));
        assertTrue(page.isVisible("#settings-defaults"));
        assertTrue(page.isVisible("#settings-read-only"));
        assertFalse(page.isVisible("#settings-form"));
        assertFalse(page.isVisible("#settings-save"));
        assertEquals(List.of(), pageErrors);
    }

    // --- helpers -------------------------------------------------------------------------------

    /** The console in a new browser, signed in by the keyboard. */
    private Page console(Member m) {
        BrowserContext ctx = chromium.browser().newContext(new Browser.NewContextOptions().setLocale("en-GB")
                .setTimezoneId(server.server().config().staff().timeZone().getId()).setViewportSize(1024, 768));
        contexts.add(ctx);
        Page page = ctx.newPage();
        page.setDefaultTimeout(TIMEOUT_MS);
        page.onPageError(e -> pageErrors.add(String.valueOf(e)));
        page.navigate(server.url("/staff"));
        page.waitForSelector("body[data-screen=\"sign-in\"]", attached());
        signIn(page, m);
        return page;
    }

    /** Replaces the text of the focused field. */
    private static void retype(Page page, String text) {
        page.keyboard().press("Control+A");
        page.keyboard().type(text);
    }
}
