package org.lucarne.signaling.browser;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.lucarne.testing.Chromium;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The family page's device check before any call, in a real Chromium whose fake camera draws a
 * moving picture and whose fake microphone beeps.
 *
 * <p>A refused camera needs a browser of its own, launched to refuse every camera and microphone
 * request as a person clicking "Block" would.
 */
class FamilyDeviceCheckIT extends AppPageTest {
    private static final String FAMILY_PATH = "/v/AbCdEfGhIjKlMnOpQrStUvWxYz0123456789-_abcde#device-check-secret";
    private static final double DEADLINE_MS = 10_000;

    /** Polls a page expression until it is true, failing with {@code what} after the deadline. */
    private static void waitUntil(Page page, String what, String expression, Object arg) {
        try {
            page.waitForFunction(expression, arg, new Page.WaitForFunctionOptions().setTimeout(DEADLINE_MS));
        } catch (com.microsoft.playwright.TimeoutError e) {
            throw new AssertionError("within " + DEADLINE_MS + " ms: " + what, e);
        }
    }

    private static double level(Page page) {
        return Double.parseDouble(page.getAttribute("#mic-level", "data-level"));
    }

    private static void waitForLevel(Page page) {
        waitUntil(page, "the level meter rises above zero",
                "() => Number(document.getElementById('mic-level').dataset.level) > 0", null);
    }

    @Test
    void selfViewPlaysTheMeterMovesAndThePickersListTheDevices() {
        Page page = open(context, server.url(FAMILY_PATH));
        waitUntil(page, "the self-view plays", "() => document.getElementById('self-view').videoWidth > 0", null);
        waitForLevel(page);
        waitUntil(page, "the message says ready", "() => document.getElementById('device-message').dataset.state === 'ready'", null);
        assertEquals("Your camera and microphone work. You are ready for the visit.",
                page.textContent("#device-message").strip());
        assertTrue(page.locator("#camera-select option").count() >= 1, "a camera is listed");
        assertTrue(page.locator("#microphone-select option").count() >= 1, "a microphone is listed");
        assertEquals(List.of(), problems, "no console errors or CSP violations");
    }

    @Test
    void switchingTheMicrophoneKeepsTheMeterAlive() {
        Page page = open(context, server.url(FAMILY_PATH));
        waitForLevel(page);
        waitUntil(page, "the microphones are listed", "() => document.querySelectorAll('#microphone-select option').length > 0", null);
        String before = page.getAttribute("#mic-level", "data-device");
        @SuppressWarnings("unchecked")
        List<String> ids = (List<String>) page.evaluate(
                "() => [...document.querySelectorAll('#microphone-select option')].map(o => o.value)");
        String other = ids.stream().filter(id -> !id.equals(before)).findFirst().orElse(ids.get(0));

        page.evaluate("id => { const s = document.getElementById('microphone-select');"
                + " s.disabled = false; s.value = id; s.dispatchEvent(new Event('change')); }", other);
        waitUntil(page, "the level follows the chosen microphone",
                "id => document.getElementById('mic-level').dataset.device === id", other);
        waitForLevel(page);
        double first = level(page);
        waitUntil(page, "the level keeps moving",
                "v => { const l = Number(document.getElementById('mic-level').dataset.level); return l > 0 && l !== v; }", first);
        if (ids.size() > 1) {
            assertNotEquals(before, other, "switched to another microphone");
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void aRefusedCameraGetsTheDeniedMessageInTheBrowsersLanguage() {
        try (Chromium refusing = Chromium.launchRefusingMedia(server.caCertificate())) {
            BrowserContext french = refusing.browser().newContext(new Browser.NewContextOptions().setLocale("fr-FR"));
            Page page = open(french, server.url(FAMILY_PATH));
            waitUntil(page, "the message says the camera is blocked",
                    "() => document.getElementById('device-message').dataset.state === 'denied'", null);
            assertTrue(page.textContent("#device-message").contains("La caméra ou le micro est bloqué"),
                    page.textContent("#device-message"));
            assertTrue(page.isVisible("text=Réessayer"), "a way to try again is offered");
            assertEquals(List.of(), problems, "no console errors or CSP violations");
        }
    }
}
