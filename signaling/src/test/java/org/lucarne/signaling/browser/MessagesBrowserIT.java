package org.lucarne.signaling.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.lucarne.signaling.testing.AxeScan.assertNoViolations;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Route;
import com.microsoft.playwright.options.BoundingBox;
import com.microsoft.playwright.options.FilePayload;
import com.microsoft.playwright.options.WaitForSelectorState;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The messages' views in a real Chromium, on the real kiosk and family pages with their CSS: the
 * page's entry script is replaced by a few lines that build the same views on a conversation the test
 * fills (the E2EE transport, which fills it in the app, is not part of these views), then the test
 * reads the DOM contract and scans each screen with axe-core.
 */
class MessagesBrowserIT extends AppPageTest {
    private static final String FAMILY_PATH = "/v/AbCdEfGhIjKlMnOpQrStUvWxYz0123456789-_abcde";
    private static final double TIMEOUT_MS = 15_000;
    private static final String JEAN = "{device: 'AAAAAAAAAAAAAAAAAAAAAA', name: 'Jean Dupont', role: 'family'}";
    private static final String LEA = "{device: 'CCCCCCCCCCCCCCCCCCCCCC', name: 'Léa Martin', role: 'family'}";
    private static final String MARIE = "{device: 'BBBBBBBBBBBBBBBBBBBBBB', name: 'Marie Dupont', role: 'patient'}";
    private static final String SIXTY = "052187733919820466102534779015638824019943317460218859062347";

    /** In place of kiosk.js: the idle screen and the Messages screen, as kiosk.js wires them, without the socket. */
    private static final String KIOSK_HARNESS = """
            import { startPage } from '/static/shared/page.js';
            import { KioskScreens } from '/static/kiosk/screens.js';
            import { Conversation } from '/static/shared/messages/conversation.js';
            import { MessagesScreen } from '/static/kiosk/messages-screen.js';
            const page = await startPage({ app: 'kiosk', connect: false });
            const idle = { screen: 'idle', plannedUntil: null, ward: 'Cardiologie B', language: null, next: null,
              callers: [], autoAnswer: false, autoAnswerIn: null, notNow: false, answering: false, mediaMissing: null,
              signaling: 'connected', call: null, endedWhy: null, localStream: null };
            let messages = null;
            const none = () => {};
            const screens = new KioskScreens(document, { t: page.t, locale: () => page.currentLocale(),
              actions: { answer: none, decline: none, notNow: none, hangUp: none, toggleMute: none, toggleCamera: none },
              onScreen: (s) => { if (messages) messages.screenShown(s === 'messages'); } });
            const conversation = new Conversation();
            const read = [];
            conversation.subscribe((e) => { if (e.type === 'read') read.push(...e.toSay); });
            messages = new MessagesScreen(document, { conversation, t: page.t, locale: () => page.currentLocale(),
              open: () => screens.showMessages(true), close: () => screens.showMessages(false) });
            screens.render(idle);
            window.lucarneTest = { conversation, messages, read,
              ring: () => screens.render({ ...idle, screen: 'incoming', callers: ['Jean Dupont'] }),
              idle: () => screens.render(idle) };
            document.body.dataset.test = 'ready';
            """;

    /**
     * In place of family.js: the messages panel, attached to a sender that adds the own message as
     * the transport will (refusing a photo over 2 MiB as the transport's resizing would).
     */
    private static final String FAMILY_HARNESS = """
            import { startPage } from '/static/shared/page.js';
            import { Conversation } from '/static/shared/messages/conversation.js';
            import { MessagesPanel } from '/static/family/messages-panel.js';
            const page = await startPage({ app: 'family', connect: false });
            const conversation = new Conversation();
            const panel = new MessagesPanel(document, { conversation, t: page.t, locale: () => page.currentLocale() });
            const me = { device: 'DDDDDDDDDDDDDDDDDDDDDD', name: 'Paul Dupont', role: 'family' };
            let n = 0;
            const sent = [];
            panel.attach({
              sendText: async (body) => {
                n += 1;
                sent.push(body);
                conversation.receive({ id: `own-${n}`, from: me, sentAt: Date.now(), kind: 'text', body, own: true,
                  status: window.lucarneTest.offline ? 'queued' : 'sending' });
              },
              sendPhoto: async (file) => {
                if (file.size > 2 * 1024 * 1024) throw Object.assign(new Error('too large'), { code: 'photo_too_large' });
                sent.push(file.name);
              },
            });
            panel.setPatientName('Marie Dupont');
            window.lucarneTest = { conversation, panel, sent, offline: false };
            document.body.dataset.test = 'ready';
            """;

    private static void waitFor(Page page, String selector) {
        page.waitForSelector(selector, new Page.WaitForSelectorOptions().setTimeout(TIMEOUT_MS));
    }

    private static void waitForGone(Page page, String selector) {
        page.waitForSelector(selector, new Page.WaitForSelectorOptions().setTimeout(TIMEOUT_MS)
                .setState(WaitForSelectorState.DETACHED));
    }

    private Page openWith(BrowserContext ctx, String path, String script, String harness) {
        ctx.route("**" + script, route -> route.fulfill(new Route.FulfillOptions()
                .setStatus(200).setContentType("text/javascript").setBody(harness)));
        Page page = open(ctx, server.url(path));
        waitFor(page, "body[data-test=\"ready\"]");
        waitFor(page, "html:not(.i18n-pending)");
        return page;
    }

    @Test
    void theViewModelAndItsDrawingChecksPassInChromium() {
        Page page = open(context, server.url("/staff"));
        Object failures = page.evaluate("async () => {"
                + " const m = await import('/static/shared/messages/messages.selftest.js');"
                + " return [...m.runConversationChecks(), ...m.runMessageDomChecks(document)]; }");
        assertEquals(List.of(), failures);
        assertEquals(List.of(), problemsBeyondNotSignedIn());
    }

    @Test
    void theKioskShowsMessagesNewestFirstWithTheirBadgeAndMarksThemReadWhenShown() {
        Page page = openWith(context, "/kiosk", "/static/kiosk/kiosk.js", KIOSK_HARNESS);
        page.evaluate("async () => {"
                + " const c = window.lucarneTest.conversation;"
                + " const today = new Date(); today.setHours(0, 5, 0, 0);"
                + " const yesterday = new Date(today); yesterday.setDate(today.getDate() - 1); yesterday.setHours(14, 5);"
                + " const canvas = new OffscreenCanvas(320, 240); const g = canvas.getContext('2d');"
                + " g.fillStyle = '#3a7'; g.fillRect(0, 0, 320, 240);"
                + " const blob = await canvas.convertToBlob({ type: 'image/png' });"
                + " c.receive({ id: 'old', from: " + JEAN + ", sentAt: yesterday.getTime(), kind: 'text', body: 'Bonne nuit, maman.' });"
                + " c.receive({ id: 'photo', from: " + LEA + ", sentAt: today.getTime(), kind: 'photo',"
                + "   photo: { blob, width: 320, height: 240, caption: 'Le jardin' } });"
                + " c.receive({ id: 'x-1', from: " + JEAN + ", sentAt: today.getTime() + 60000, kind: 'undecryptable' });"
                + " c.receive({ id: 'new', from: " + LEA + ", sentAt: today.getTime() + 120000, kind: 'text', body: 'À dimanche !' });"
                + " c.receive({ id: 'new', from: " + LEA + ", sentAt: today.getTime() + 120000, kind: 'text', body: 'À dimanche !' });"
                + "}");
        waitFor(page, "#kiosk-messages-open[data-unread=\"4\"]");
        assertEquals("4", page.textContent("#kiosk-messages-badge"));
        assertEquals("- button \"Messages (4 new messages)\"", page.locator("#kiosk-messages-open").ariaSnapshot(),
                "its name for a screen reader (the badge's number is hidden from it)");
        assertNoViolations(page, "idle with unread messages");

        page.click("#kiosk-messages-open");
        waitFor(page, "body[data-kiosk-screen=\"messages\"]");
        assertTrue(page.isHidden("#kiosk-idle") && page.isVisible("#kiosk-messages"), "the Messages screen in idle's place");
        assertEquals(List.of("new", "x-1", "photo", "old"), page.evalOnSelectorAll("#kiosk-message-list > li.message",
                "items => items.map((li) => li.dataset.messageId)"), "newest first, the same message once");
        assertEquals("yesterday 14:05", page.textContent("li[data-message-id=\"old\"] .message__when"));
        assertEquals("today 00:07", page.textContent("li[data-message-id=\"new\"] .message__when"));
        assertEquals("Jean Dupont", page.textContent("li[data-kind=\"undecryptable\"] .message__from"));
        assertEquals("This message could not be read.", page.textContent("li[data-kind=\"undecryptable\"] .message__problem"));
        boolean voices = (Boolean) page.evaluate("() => speechSynthesis.getVoices().some((v) => v.lang.startsWith('en'))");
        assertEquals(voices ? 4 : 0, page.locator(".message__speak").count(), "read aloud only where the browser has a voice");

        waitFor(page, "li[data-message-id=\"new\"][data-read=\"true\"]");
        assertEquals("false", page.getAttribute("li[data-message-id=\"old\"]", "data-read"), "not read before it was on screen");
        page.locator("li[data-message-id=\"old\"]").scrollIntoViewIfNeeded();
        waitForGone(page, "#kiosk-message-list > li.message[data-read=\"false\"]");
        assertEquals(List.of("new", "old", "photo"), page.evaluate("() => [...window.lucarneTest.read].sort()"),
                "the transport is told what was read, not the unreadable one");
        assertTrue(page.isHidden("#kiosk-messages-badge"), "no badge once read");
        assertNoViolations(page, "messages");
        page.evaluate("() => { document.documentElement.dataset.contrast = 'high'; }"); // as /kiosk?contrast=high
        assertNoViolations(page, "messages in high contrast");
        page.evaluate("() => { delete document.documentElement.dataset.contrast; }");

        page.click("li[data-message-id=\"photo\"] .message__photo");
        waitFor(page, "#kiosk-photo[open]");
        assertEquals(Boolean.TRUE, page.evaluate("() => document.querySelector('#kiosk-photo img').naturalWidth === 320"));
        assertEquals("Le jardin", page.textContent("#kiosk-photo .photo-viewer__caption"));
        assertNoViolations(page, "a photo full screen");
        page.click("#kiosk-photo img");
        waitForGone(page, "#kiosk-photo[open]");
        assertEquals(Boolean.TRUE, page.evaluate("() => document.activeElement.classList.contains('message__photo')"),
                "back on the photo's thumbnail");

        page.evaluate("() => window.lucarneTest.messages.setCodeWarnings([{ device: 'AAAAAAAAAAAAAAAAAAAAAA', name: 'Jean Dupont' }])");
        assertEquals("Jean Dupont’s security code changed. Check it with Jean Dupont during your next call.",
                page.textContent(".safety-warning__text"));
        assertNoViolations(page, "messages with a changed security code");
        page.click(".safety-warning__seen");
        waitForGone(page, ".safety-warning");

        page.evaluate("() => window.lucarneTest.ring()");
        waitFor(page, "body[data-kiosk-screen=\"incoming\"]");
        page.evaluate("() => window.lucarneTest.idle()");
        waitFor(page, "body[data-kiosk-screen=\"idle\"]");
        page.click("#kiosk-messages-open");
        waitFor(page, "body[data-kiosk-screen=\"messages\"]");
        page.click("#kiosk-messages-close");
        waitFor(page, "body[data-kiosk-screen=\"idle\"]");
        assertEquals("kiosk-messages-open", page.evaluate("() => document.activeElement.id"), "back on the Messages button");
        assertEquals(List.of(), problems, "no console errors or CSP violations");
    }

    /** At 200 % text, on a tablet in landscape and in portrait: the buttons whole, large, inside the screen; no sideways scroll. */
    @Test
    void atTwiceTheTextSizeTheKioskMessagesAndItsButtonsStayWholeAndLarge() {
        Page page = openWith(context, "/kiosk", "/static/kiosk/kiosk.js", KIOSK_HARNESS);
        page.evaluate("() => { const c = window.lucarneTest.conversation; const now = Date.now();"
                + " for (let i = 0; i < 6; i += 1) c.receive({ id: `m${i}`, from: " + LEA + ", sentAt: now - i * 60000,"
                + "   kind: 'text', body: 'Nous avons pensé à toi toute la journée, les enfants t’embrassent très fort. ' + i }); }");
        page.evaluate("document.documentElement.style.fontSize = '200%'");
        for (int[] size : new int[][] {{1280, 800}, {800, 1280}}) {
            page.setViewportSize(size[0], size[1]);
            page.waitForFunction("w => window.innerWidth === w", size[0]);
            String where = size[0] + "x" + size[1] + " at 200 %: ";
            if (!page.isVisible("#kiosk-messages")) {
                fits(page, "#kiosk-messages-open", size, where);
                page.click("#kiosk-messages-open");
                waitFor(page, "body[data-kiosk-screen=\"messages\"]");
            }
            fits(page, "#kiosk-messages-close", size, where);
            fits(page, "li[data-message-id=\"m0\"]", size, where);
            assertEquals(true, page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"),
                    where + "the page scrolls sideways");
        }
        assertEquals(List.of(), problems);
    }

    /** The element inside the viewport, at least 64 × 64 px, its text whole. */
    private static void fits(Page page, String selector, int[] size, String where) {
        BoundingBox b = page.locator(selector).boundingBox();
        assertTrue(b.x >= 0 && b.y >= 0 && b.x + b.width <= size[0] + 0.5 && b.y + b.height <= size[1] + 0.5,
                where + selector + " is outside the viewport: " + b.x + "," + b.y + " " + b.width + "x" + b.height);
        assertTrue(b.width >= 64 && b.height >= 64, where + selector + " is smaller than 64 px");
        assertEquals(false, page.evaluate("s => { const e = document.querySelector(s);"
                + " return e.scrollWidth > e.clientWidth + 1; }", selector), where + selector + "'s text is cut");
    }

    @Test
    void theKioskShowsTheSafetyCodeLargeAndThe60DigitsOnRequest() {
        Page page = openWith(context, "/kiosk", "/static/kiosk/kiosk.js", KIOSK_HARNESS);
        page.evaluate("code => window.lucarneTest.messages.showSafetyCode({ device: 'AAAAAAAAAAAAAAAAAAAAAA',"
                + " name: 'Jean Dupont', peer: 'person', shortCode: '042917', fullCode: code })", SIXTY);
        waitFor(page, "#kiosk-safety[open]");
        assertEquals(List.of("042", "917"), page.evalOnSelectorAll("#kiosk-safety .safety__short-group", "g => g.map((e) => e.textContent)"),
                "six digits in two groups");
        assertEquals("Security code: 0 4 2 9 1 7", page.textContent("#kiosk-safety .safety__spoken"), "read digit by digit");
        assertEquals("If Jean Dupont’s screen shows the same number, nobody is listening in.",
                page.textContent("#kiosk-safety .safety__words"));
        assertTrue(page.isHidden("#kiosk-safety .safety__full"), "the 60 digits only on request");
        assertNoViolations(page, "the safety code");
        page.click("#kiosk-safety .safety__more");
        waitFor(page, "#kiosk-safety .safety__full:visible");
        List<?> groups = (List<?>) page.evalOnSelectorAll("#kiosk-safety .safety__full > li", "g => g.map((e) => e.textContent)");
        assertEquals(12, groups.size());
        assertEquals(SIXTY, String.join("", groups.stream().map(String::valueOf).toList()));
        assertNoViolations(page, "the safety code's 60 digits");
        page.click("#kiosk-safety-close");
        waitForGone(page, "#kiosk-safety[open]");
        assertEquals(List.of(), problems);
    }

    @Test
    void theFamilyPanelShowsTheConversationWithEachSenderAndEachOwnMessagesProgress() {
        Page page = openWith(context, FAMILY_PATH, "/static/family/family.js", FAMILY_HARNESS);
        page.evaluate("() => { const c = window.lucarneTest.conversation; const now = Date.now();"
                + " c.receive({ id: 'm1', from: " + MARIE + ", sentAt: now - 3000, kind: 'text', body: 'Merci pour les fleurs' });"
                + " c.receive({ id: 'm2', from: " + LEA + ", sentAt: now - 2000, kind: 'text', body: 'Je passe demain' });"
                + " c.receive({ id: 'm0', from: " + JEAN + ", sentAt: now - 4000, kind: 'undecryptable' }); }");
        waitFor(page, "#messages-panel:visible");
        assertEquals(List.of("m0", "m1", "m2"), page.evalOnSelectorAll("#message-list > li.message",
                "items => items.map((li) => li.dataset.messageId)"), "oldest first");
        assertEquals(List.of("Jean Dupont", "Marie Dupont", "Léa Martin"),
                page.evalOnSelectorAll("#message-list .message__from", "e => e.map((x) => x.textContent)"));
        assertEquals("Write a few words or send a photo to Marie Dupont. Only Marie Dupont and your family can read them.",
                page.textContent("#messages-intro"));

        page.fill("#message-text", "Bonjour maman");
        page.click("#message-send");
        waitFor(page, "li.message[data-own=\"true\"][data-status=\"sending\"]");
        assertEquals("Sending…", page.textContent("li[data-own=\"true\"] .message__status"));
        assertEquals("", page.inputValue("#message-text"), "the box is empty again");
        for (String[] step : new String[][] {{"sent", "Sent"}, {"delivered", "Delivered to the tablet"}, {"read", "Read"}}) {
            page.evaluate("s => window.lucarneTest.conversation.setStatus('own-1', s)", step[0]);
            waitFor(page, "li[data-message-id=\"own-1\"][data-status=\"" + step[0] + "\"]");
            assertEquals(step[1], page.textContent("li[data-message-id=\"own-1\"] .message__status"));
        }
        assertNoViolations(page, "messages panel");

        page.fill("#message-text", "x".repeat(4001));
        waitFor(page, "#message-counter:visible");
        assertEquals("4,001 of 4,000 characters", page.textContent("#message-counter"));
        page.click("#message-send");
        waitFor(page, "#message-error:visible");
        assertEquals("This message is too long: 4,001 characters, at most 4,000. Please shorten it.", page.textContent("#message-error"));
        assertEquals("true", page.getAttribute("#message-text", "aria-invalid"));
        assertNoViolations(page, "a message too long");

        page.fill("#message-text", "");
        page.setInputFiles("#message-photo", new FilePayload("notes.txt", "text/plain", "hello".getBytes(StandardCharsets.UTF_8)));
        waitFor(page, "#message-error[data-code=\"not_an_image\"]");
        page.setInputFiles("#message-photo", new FilePayload("big.jpg", "image/jpeg", new byte[3 * 1024 * 1024]));
        waitFor(page, "#message-error[data-code=\"photo_too_large\"]");
        assertEquals("This photo is too large, even made smaller. Please choose another one.", page.textContent("#message-error"));

        page.evaluate("() => { window.lucarneTest.offline = true; window.lucarneTest.panel.setConnection('offline'); }");
        waitFor(page, "#message-offline:visible");
        page.fill("#message-text", "Je t’embrasse");
        page.click("#message-send");
        waitFor(page, "li[data-message-id=\"own-2\"][data-status=\"queued\"]");
        assertEquals("Not sent yet: it will go when you are back online", page.textContent("li[data-message-id=\"own-2\"] .message__status"));
        assertNoViolations(page, "offline, a message kept");
        assertEquals(List.of("Bonjour maman", "Je t’embrasse"), page.evaluate("() => window.lucarneTest.sent"),
                "only what could be sent was handed over");
        assertEquals(List.of(), problems, "no console errors or CSP violations");
    }

    /** Families write from their phones: the French panel on a small touch screen. */
    @Test
    void onAPhoneInFrenchThePanelSpeaksFrenchAndMeetsWcag22AA() {
        BrowserContext phone = chromium.browser().newContext(new Browser.NewContextOptions().setLocale("fr-FR")
                .setViewportSize(360, 640).setIsMobile(true).setHasTouch(true));
        try {
            Page page = openWith(phone, FAMILY_PATH, "/static/family/family.js", FAMILY_HARNESS);
            page.evaluate("() => { const c = window.lucarneTest.conversation; const today = new Date(); today.setHours(0, 5, 0, 0);"
                    + " c.receive({ id: 'm1', from: " + MARIE + ", sentAt: today.getTime(), kind: 'text', body: 'Merci pour les fleurs' });"
                    + " c.receive({ id: 'm2', from: " + JEAN + ", sentAt: today.getTime() + 1, kind: 'undecryptable' }); }");
            waitFor(page, "li[data-message-id=\"m2\"]");
            assertEquals("aujourd’hui 00:05", page.textContent("li[data-message-id=\"m1\"] .message__when"));
            assertEquals("Ce message n’a pas pu être lu.", page.textContent("li[data-message-id=\"m2\"] .message__problem"));
            assertEquals("Envoyer", page.textContent("#message-send").strip());
            page.fill("#message-text", "À demain");
            page.click("#message-send");
            waitFor(page, "li[data-own=\"true\"] .message__status");
            assertEquals("Envoi…", page.textContent("li[data-own=\"true\"] .message__status"));
            assertEquals(true, page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), "no sideways scroll");
            assertNoViolations(page, "the messages panel on a phone, in French");
        } finally {
            phone.close();
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void theFamilyPanelShowsTheSafetyCodeOnRequestAndAWarningWhenACodeChanged() {
        Page page = openWith(context, FAMILY_PATH, "/static/family/family.js", FAMILY_HARNESS);
        assertTrue(page.isHidden("#messages-safety-open"), "no code before the transport gives one");
        page.evaluate("code => { const p = window.lucarneTest.panel;"
                + " p.setSafetyCode({ device: 'BBBBBBBBBBBBBBBBBBBBBB', name: 'Marie Dupont', peer: 'tablet', shortCode: '305118', fullCode: code });"
                + " p.setCodeWarnings([{ device: 'AAAAAAAAAAAAAAAAAAAAAA', name: 'Jean Dupont' }], (d) => { window.seen = d; }); }", SIXTY);
        page.click("#messages-safety-open");
        waitFor(page, "#messages-safety:visible");
        assertEquals("If Marie Dupont’s tablet shows the same number, nobody is listening in.",
                page.textContent("#messages-safety .safety__words"));
        assertEquals("Jean Dupont’s security code changed. Check it with Jean Dupont during your next call.",
                page.textContent("#messages-warnings .safety-warning__text"));
        page.click("#messages-safety .safety__more");
        waitFor(page, "#messages-safety .safety__full:visible");
        assertNoViolations(page, "the safety code and a changed code's warning");
        page.click(".safety-warning__seen");
        waitForGone(page, ".safety-warning");
        assertEquals("AAAAAAAAAAAAAAAAAAAAAA", page.evaluate("() => window.seen"));
        assertEquals(List.of(), problems);
    }
}
