package org.lucarne.signaling.testing;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.WaitForSelectorState;
import java.time.Instant;

/**
 * The staff console driven by the keyboard alone, as the browser tests do it. Waits use the page's
 * own default timeout; selectors are CSS selectors ("#code-input", not "code-input").
 */
public final class ConsoleKeys {
    private static final int MAX_PRESSES = 80;

    private ConsoleKeys() {
    }

    /** From the sign-in screen: the member's username and {@link StaffFixture#PASSWORD}, then their code, to the console. */
    public static void signIn(Page page, StaffFixture.Member m) {
        typeCredentials(page, m.username(), StaffFixture.PASSWORD);
        page.waitForSelector("body[data-screen=\"code\"]", attached());
        assertFocused(page, "#code-input");
        page.keyboard().type(AuthenticatorApp.code(m.secret(), Instant.now()));
        page.keyboard().press("Enter");
        page.waitForSelector("body[data-screen=\"console\"]", attached());
    }

    /** Username, Tab, password, Enter: the cursor starts in the username. */
    public static void typeCredentials(Page page, String username, String password) {
        assertFocused(page, "#sign-in-username");
        page.keyboard().type(username);
        page.keyboard().press("Tab");
        page.keyboard().type(password);
        page.keyboard().press("Enter");
    }

    /** Tab to the view's link in the navigation, Enter: the view opens with the cursor on its heading. */
    public static void openView(Page page, String view) {
        tabTo(page, "#nav-" + view);
        page.keyboard().press("Enter");
        page.waitForSelector("body[data-view=\"" + view + "\"]", attached());
        assertFocused(page, "#" + view + "-heading");
    }

    /** Presses Tab until the focus is on {@code selector}; fails, saying where the focus is, after 80 presses. */
    public static void tabTo(Page page, String selector) {
        pressUntilFocused(page, selector, "Tab");
    }

    /** As {@link #tabTo}, backwards with Shift+Tab. */
    public static void tabBackTo(Page page, String selector) {
        pressUntilFocused(page, selector, "Shift+Tab");
    }

    /** Waits until the focused element matches the CSS {@code selector}. */
    public static void assertFocused(Page page, String selector) {
        page.waitForFunction("s => document.activeElement && document.activeElement.matches(s)", selector);
    }

    /** Wait for a selector until the element is visible. */
    public static Page.WaitForSelectorOptions visible() {
        return new Page.WaitForSelectorOptions().setState(WaitForSelectorState.VISIBLE);
    }

    /** Wait for a selector until the element is in the DOM, shown or not. */
    public static Page.WaitForSelectorOptions attached() {
        return new Page.WaitForSelectorOptions().setState(WaitForSelectorState.ATTACHED);
    }

    /** Wait for a selector until the element is hidden or gone. */
    public static Page.WaitForSelectorOptions hidden() {
        return new Page.WaitForSelectorOptions().setState(WaitForSelectorState.HIDDEN);
    }

    private static void pressUntilFocused(Page page, String selector, String key) {
        for (int i = 0; i < MAX_PRESSES; i++) {
            if ((Boolean) page.evaluate("s => document.activeElement !== null && document.activeElement.matches(s)", selector)) {
                return;
            }
            page.keyboard().press(key);
        }
        throw new AssertionError(key + " never reached " + selector + "; the focus is on "
                + page.evaluate("() => document.activeElement.outerHTML.slice(0, 160)"));
    }
}
