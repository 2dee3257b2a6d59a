package org.lucarne.signaling.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.lucarne.signaling.call.CallPages.TIMEOUT_MS;

import com.google.gson.JsonObject;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lucarne.signaling.call.CallPages;
import org.lucarne.signaling.call.CallSockets;
import org.lucarne.signaling.demo.DemoData;
import org.lucarne.signaling.demo.DemoVisit;
import org.lucarne.signaling.demo.OpenDemoVisit;
import org.lucarne.signaling.testing.AtRest;
import org.lucarne.signaling.testing.CapturedLog;
import org.lucarne.signaling.testing.LucarneBrowserTest;
import org.lucarne.signaling.testing.TestServer;
import org.lucarne.testing.Chromium;

/**
 * End-to-end encrypted messages between the real family page and the real kiosk page (Chromium, the kiosk over mutual
 * TLS) through the real server: written while the tablet is away, read when it comes back, followed to "read" on the
 * family's side, the same safety code on both screens, and nothing of the text or the photo in the server's files or
 * log. Then a family device written in Java with the reference implementation sends the kiosk an altered envelope,
 * a repeated one and two out of order.
 */
@LucarneBrowserTest
class MessagesEndToEndBrowserIT {
    private static final String TEXT = "Bonne nuit Mamie, on pense très fort à toi — Jean ❤ 7f3a";
    /** Records every status an own message of the family page takes, in order. */
    private static final String WATCH_STATUSES = """
            () => {
              window.__statuses = {};
              const note = (li) => {
                const s = (window.__statuses[li.dataset.messageId] ||= []);
                if (li.dataset.status && s.at(-1) !== li.dataset.status) s.push(li.dataset.status);
              };
              new MutationObserver(() => document.querySelectorAll('#message-list li.message[data-own="true"]').forEach(note))
                .observe(document.getElementById('message-list'), { subtree: true, childList: true, attributes: true });
            }
            """;
    /** The picture the kiosk's viewer shows, as base64: the JPEG the kiosk decrypted. */
    private static final String VIEWER_JPEG = """
            async () => {
              const img = document.querySelector('#kiosk-photo .photo-viewer__img');
              const bytes = new Uint8Array(await (await fetch(img.src)).arrayBuffer());
              let s = '';
              for (let i = 0; i < bytes.length; i += 8192) s += String.fromCharCode(...bytes.subarray(i, i + 8192));
              return btoa(s);
            }
            """;
    @TempDir
    Path dir;
    private TestServer server;
    private CallPages pages;
    private DemoVisit visit;
    private CapturedLog log;

    @BeforeEach
    void newVisit(TestServer testServer, Chromium chromium) {
        server = testServer;
        pages = new CallPages(server, chromium);
        visit = OpenDemoVisit.seed(server.server().database(), server.server().personalData(), Clock.systemUTC());
        log = new CapturedLog();
    }

    @AfterEach
    void closePages() {
        log.close();
        pages.close();
    }

    private static void waitFor(Page page, String selector) {
        page.waitForSelector(selector, new Page.WaitForSelectorOptions().setTimeout(TIMEOUT_MS));
    }

    /**
     * The kiosk page in {@code context} (the tablet's browser profile), its messages ready. The page's Content
     * Security Policy is set aside for this test alone, so that it may read back the picture the kiosk decrypted.
     */
    private Page kioskIn(BrowserContext context) {
        Page page = context.newPage();
        JsonObject bypass = new JsonObject();
        bypass.addProperty("enabled", true);
        context.newCDPSession(page).send("Page.setBypassCSP", bypass);
        page.onConsoleMessage(m -> System.out.println("kiosk console: " + m.text()));
        page.navigate(server.server().kioskOrigin() + "/kiosk");
        waitFor(page, "body[data-messages=\"ready\"]");
        return page;
    }

    @Test
    void aFamilyWritesWhileTheTabletIsAwayAndTheTabletShowsBothThenTheFamilySeesThemReadAndNothingIsLeftInClear()
            throws IOException {
        Page first = pages.kiosk(visit, dir);
        waitFor(first, "body[data-messages=\"ready\"]"); // the tablet's identity and prekeys are published
        BrowserContext tablet = first.context();
        first.close();

        Page family = pages.family(visit.familyLink(server.origin()));
        family.onConsoleMessage(m -> System.out.println("family console: " + m.text()));
        waitFor(family, "#messages-panel:not([hidden])");
        family.evaluate(WATCH_STATUSES);
        family.fill("#message-text", TEXT);
        family.click("#message-send");
        waitFor(family, "#message-list li.message[data-kind=\"text\"][data-status=\"sent\"]");
        Path picture = dir.resolve("garden.jpg");
        writePicture(picture);
        family.setInputFiles("#message-photo", picture);
        waitFor(family, "#message-list li.message[data-kind=\"photo\"][data-status=\"sent\"]");

        Page kiosk = kioskIn(tablet);
        waitFor(kiosk, "#kiosk-messages-badge:text(\"2\")");
        kiosk.click("#kiosk-messages-open");
        waitFor(kiosk, "#kiosk-message-list li.message[data-kind=\"photo\"] img.message__thumb");
        List<String> kinds = new ArrayList<>();
        for (var li : kiosk.querySelectorAll("#kiosk-message-list li.message")) {
            kinds.add(li.getAttribute("data-kind"));
        }
        assertEquals(List.of("photo", "text"), kinds, "newest first: the photo was sent after the text");
        assertTrue(kiosk.textContent("#kiosk-message-list li.message[data-kind=\"text\"] .message__body").contains(TEXT));
        kiosk.click("#kiosk-message-list button.message__photo");
        waitFor(kiosk, "dialog#kiosk-photo[open] .photo-viewer__img");
        kiosk.waitForFunction("() => document.querySelector('#kiosk-photo .photo-viewer__img').naturalWidth > 0", null,
                new Page.WaitForFunctionOptions().setTimeout(TIMEOUT_MS));
        byte[] jpeg = Base64.getDecoder().decode((String) kiosk.evaluate(VIEWER_JPEG));
        assertEquals(0xFF, jpeg[0] & 0xFF, "a JPEG");
        assertEquals(0xD8, jpeg[1] & 0xFF, "a JPEG");
        kiosk.keyboard().press("Escape");

        waitFor(family, "#message-list li.message[data-kind=\"text\"][data-status=\"read\"]");
        waitFor(family, "#message-list li.message[data-kind=\"photo\"][data-status=\"read\"]");
        String statuses = String.valueOf(family.evaluate("() => JSON.stringify(Object.values(window.__statuses))"));
        assertEquals("[[\"sending\",\"sent\",\"delivered\",\"read\"],[\"sending\",\"sent\",\"delivered\",\"read\"]]",
                statuses, "each own message went through every status, in order");

        family.click("#messages-safety-open");
        waitFor(family, "#messages-safety .safety__short[data-code]");
        kiosk.click("#kiosk-codes .kiosk-codes__open");
        waitFor(kiosk, "dialog#kiosk-safety[open] .safety__short[data-code]");
        String familyCode = family.getAttribute("#messages-safety .safety__short", "data-code");
        assertEquals(familyCode, kiosk.getAttribute("#kiosk-safety .safety__short", "data-code"), "the same short code");
        assertEquals(family.textContent("#messages-safety ol.safety__full"), kiosk.textContent("#kiosk-safety ol.safety__full"),
                "the same 60 digits");

        assertNothingInClear(TEXT, jpeg);
    }

    @Test
    void anAlteredEnvelopeCannotBeReadTheNextShowsARepeatShowsOnceAndTwoOutOfOrderBothShow() throws Exception {
        Page kiosk = pages.kiosk(visit, dir);
        kiosk.onConsoleMessage(m -> System.out.println("kiosk console: " + m.text()));
        waitFor(kiosk, "body[data-messages=\"ready\"]");
        try (CallSockets sockets = new CallSockets(server, Files.createDirectories(dir.resolve("sockets")))) {
            JavaFamilyDevice jean = JavaFamilyDevice.bind(sockets, server.origin(), visit.inviteId().value());
            jean.startWith(jean.tablet(), visit.secret().bytes());
            jean.send(jean.seal("one"));
            byte[] altered = jean.seal("two");
            altered[altered.length - 20] ^= 0x01;
            jean.send(altered);
            byte[] three = jean.seal("three");
            jean.send(three);
            jean.send(three);
            byte[] four = jean.seal("four");
            byte[] five = jean.seal("five");
            jean.send(five);
            jean.send(four);

            kiosk.click("#kiosk-messages-open");
            kiosk.waitForFunction("() => document.querySelectorAll('#kiosk-message-list li.message').length >= 5", null,
                    new Page.WaitForFunctionOptions().setTimeout(TIMEOUT_MS));
            List<String> shown = new ArrayList<>();
            for (var li : kiosk.querySelectorAll("#kiosk-message-list li.message")) {
                shown.add("undecryptable".equals(li.getAttribute("data-kind")) ? "?" : li.querySelector(".message__body")
                        .textContent().trim());
            }
            // Newest first by the sender's time; the unreadable one is placed at its arrival.
            assertEquals(List.of("five", "four", "three", "one"), shown.stream().filter(s -> !"?".equals(s)).toList(),
                    "every good message once, in the sender's order: " + shown);
            assertEquals(1, shown.stream().filter("?"::equals).count(), "one 'could not be read': " + shown);
            assertTrue(kiosk.textContent("#kiosk-message-list li.message[data-kind=\"undecryptable\"]")
                    .contains("This message could not be read."));
        }
    }

    @Test
    void aFamilyPageOpenedBeforeTheVisitsSlotMayWriteToTheTablet() {
        DemoVisit later = OpenDemoVisit.seedFrom(server.server().database(), server.server().personalData(),
                Clock.systemUTC(), Instant.now().plus(Duration.ofDays(1)));
        writesAndIsRead(later, "À demain");
    }

    @Test
    void theDemosFamilyLinkAndTabletPageExchangeMessages() {
        var s = server.server();
        DemoVisit demo = DemoData.seed(s.database(), s.personalData(), Clock.systemUTC(), s.config().staff().timeZone(),
                s.staff().bookings());
        s.database().inTransaction(c -> { // the demo contact's browsers of the other tests are not this one's
            try (var ps = c.prepareStatement("DELETE FROM e2ee_device WHERE contact_id = ?")) {
                ps.setString(1, demo.contactId());
                return ps.executeUpdate();
            }
        });
        writesAndIsRead(demo, "Bonjour de la démo");
    }

    @Test
    void duringACallTheRelativesTileOnTheTabletShowsTheSameSecurityCodeAsTheirPage() {
        Page kiosk = pages.kiosk(visit, dir);
        waitFor(kiosk, "body[data-messages=\"ready\"]");
        Page family = pages.family(visit.familyLink(server.origin()));
        waitFor(family, "#messages-panel:not([hidden])");
        family.click("#join-call");
        waitFor(kiosk, "body[data-kiosk-screen=\"incoming\"]");
        kiosk.click("#kiosk-answer");
        CallPages.waitForCallState(family, "in-call");
        waitFor(kiosk, ".call-tile[data-role=\"family\"] .call-tile__code");
        kiosk.click(".call-tile[data-role=\"family\"] .call-tile__code");
        waitFor(kiosk, "dialog#kiosk-safety[open] .safety__short[data-code]");
        assertTrue(family.isVisible("#messages-panel"), "the messages panel stays during the call");
        family.click("#messages-safety-open");
        waitFor(family, "#messages-safety .safety__short[data-code]");
        assertEquals(family.getAttribute("#messages-safety .safety__short", "data-code"),
                kiosk.getAttribute("#kiosk-safety .safety__short", "data-code"));
    }

    /** The visit's tablet page is open; its family page writes {@code text}: delivered, shown on the tablet, read. */
    private void writesAndIsRead(DemoVisit v, String text) {
        Page kiosk = pages.kiosk(v, dir);
        waitFor(kiosk, "body[data-messages=\"ready\"]");
        Page family = pages.family(v.familyLink(server.origin()));
        waitFor(family, "#messages-panel:not([hidden])");
        assertTrue(family.textContent("#messages-intro").contains(v.patientName()), family.textContent("#messages-intro"));
        family.fill("#message-text", text);
        family.click("#message-send");
        waitFor(family, "#message-list li.message[data-kind=\"text\"][data-status=\"delivered\"]");
        kiosk.click("#kiosk-messages-open");
        waitFor(kiosk, "#kiosk-message-list li.message[data-kind=\"text\"] .message__body:text(\"" + text + "\")");
        waitFor(family, "#message-list li.message[data-kind=\"text\"][data-status=\"read\"]");
    }

    /** The text (UTF-8, UTF-16, JSON-escaped) and 32-byte windows of the photo in no file of the server, nor its log. */
    private void assertNothingInClear(String text, byte[] jpeg) {
        String escaped = jsonEscaped(text);
        List<byte[]> windows = new ArrayList<>();
        for (int at : new int[] {0, jpeg.length / 4, jpeg.length / 2, 3 * jpeg.length / 4, jpeg.length - 32}) {
            windows.add(java.util.Arrays.copyOfRange(jpeg, at, at + 32));
        }
        Path database = server.dataDir().resolve("lucarne.db");
        assertTrue(AtRest.sqliteFiles(database).size() >= 2, "the database and its WAL: " + AtRest.sqliteFiles(database));
        List<Path> scanned = AtRest.assertNoneOf(server.dataDir(), text, escaped);
        assertTrue(scanned.containsAll(AtRest.sqliteFiles(database)), "the database's files were scanned: " + scanned);
        AtRest.assertNoBytes(server.dataDir(), windows);
        org.slf4j.LoggerFactory.getLogger(Relay.class).info("relay: end of the scan's log (a marker of the test)");
        String output = log.text();
        assertTrue(output.contains("end of the scan's log"), "the server's loggers are captured");
        assertTrue(!output.contains(text) && !output.contains(escaped), "the text is not in the server's log");
        byte[] logBytes = output.getBytes(StandardCharsets.UTF_8);
        for (byte[] w : windows) {
            assertEquals(-1, AtRest.indexOf(logBytes, w), "the photo is not in the server's log");
        }
    }

    /** The JSON form of a text with every non-ASCII character escaped ("\u00e0"). */
    private static String jsonEscaped(String s) {
        StringBuilder b = new StringBuilder();
        s.chars().forEach(c -> b.append(c < 0x80 ? String.valueOf((char) c) : String.format("\\u%04x", c)));
        return b.toString();
    }

    /** A 1200 × 900 picture (a gradient and noise): a few hundred KB as JPEG. */
    private static void writePicture(Path file) throws IOException {
        BufferedImage image = new BufferedImage(1200, 900, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setPaint(new GradientPaint(0, 0, new Color(40, 120, 60), 1200, 900, new Color(230, 200, 90)));
        g.fillRect(0, 0, 1200, 900);
        g.dispose();
        Random random = new Random(7);
        for (int y = 0; y < 900; y++) {
            for (int x = 0; x < 1200; x++) {
                int rgb = image.getRGB(x, y);
                int n = random.nextInt(48) - 24;
                int r = Math.max(0, Math.min(255, ((rgb >> 16) & 0xFF) + n));
                int gr = Math.max(0, Math.min(255, ((rgb >> 8) & 0xFF) + n));
                int bl = Math.max(0, Math.min(255, (rgb & 0xFF) + n));
                image.setRGB(x, y, (r << 16) | (gr << 8) | bl);
            }
        }
        ImageIO.write(image, "jpg", file.toFile());
        long size = Files.size(file);
        assertTrue(size > 100_000 && size < 2_000_000, "a picture of a few hundred KB: " + size);
    }
}
