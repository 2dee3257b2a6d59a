package org.lucarne.signaling.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.BoundingBox;
import com.microsoft.playwright.options.ClientCertificate;
import com.microsoft.playwright.options.Contrast;
import com.microsoft.playwright.options.WaitForSelectorState;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lucarne.certs.CaDirectory;
import org.lucarne.certs.PasswordFile;
import org.lucarne.certs.TabletKeystore;
import org.lucarne.signaling.call.CallPages;
import org.lucarne.signaling.policy.Role;
import org.lucarne.signaling.testing.AxeScan;
import org.lucarne.signaling.testing.LucarneBrowserTest;
import org.lucarne.signaling.testing.StaffClient;
import org.lucarne.signaling.testing.StaffFixture;
import org.lucarne.signaling.testing.TestServer;
import org.lucarne.signaling.ward.WardSettings;
import org.lucarne.signaling.ward.WardSettingsStore;
import org.lucarne.testing.Chromium;

/**
 * What a patient sees on the bedside tablet, in real Chromium against a real server and bridge
 * (bedside-kiosk/README.md, "What a patient sees"): the next visit booked through the API, the ring
 * that counts down and answers by itself with recorded consent, "Not now", a ring without consent, and
 * the idle screen and the call's controls at 200 % text; axe-core's WCAG 2.2 A/AA rules on each screen. The ward and the tablet are set to a time zone where it is about
 * 10:00 now, so that a visit an hour from now is "today" whatever the hour the test runs; the kiosk
 * page's timers run on Playwright's clock, so that the countdown's 10 s pass without waiting them.
 */
@LucarneBrowserTest
class KioskScreensBrowserIT {
    private static final int TIMEOUT_MS = CallPages.TIMEOUT_MS;
    private static final String[] CONTROLS = {
        "#kiosk-mute", "#kiosk-camera", "#kiosk-volume-down", "#kiosk-volume-level", "#kiosk-volume-up", "#kiosk-hangup"};
    @TempDir
    Path dir;
    private TestServer server;
    private Chromium chromium;
    private CallPages pages;
    private final List<BrowserContext> contexts = new ArrayList<>();
    /** Where it is about 10:00 now: Etc/GMT zones run from −12 to +14 hours. */
    private final ZoneId zone = aboutTenNow();

    @BeforeEach
    void servers(TestServer testServer, Chromium browser) {
        server = testServer;
        chromium = browser;
        pages = new CallPages(server, chromium);
    }

    @AfterEach
    void closePages() {
        pages.close();
        contexts.forEach(BrowserContext::close);
    }

    private static ZoneId aboutTenNow() {
        int hour = Instant.now().atZone(ZoneOffset.UTC).getHour();
        int offset = Math.floorMod(10 - hour + 12, 24) - 12; // −12 … +11
        return ZoneId.of(offset == 0 ? "Etc/GMT" : "Etc/GMT" + (offset > 0 ? "-" : "+") + Math.abs(offset));
    }

    /**
     * A ward named "Ward {@code w}" with Marie Curie (English-speaking) and her contact, open all day in
     * {@link #zone}, with the patient's consent to answer by itself if {@code consent}; its manager, signed in.
     */
    private StaffClient ward(String w, boolean consent) {
        StaffFixture staff = new StaffFixture(server);
        staff.ward(w, "Marie Curie");
        var db = server.server().database();
        Map<DayOfWeek, List<WardSettings.Span>> hours = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek d : DayOfWeek.values()) {
            hours.put(d, List.of(new WardSettings.Span(0, 1440)));
        }
        db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE patient SET language = 'en' WHERE id = ?")) {
                ps.setString(1, w + "-patient");
                ps.executeUpdate();
            }
            new WardSettingsStore(db, Clock.systemUTC(), zone).save(c, w, new WardSettings(zone, hours,
                    List.of(Duration.ofMinutes(30)), Duration.ZERO, 48, List.of()), "staff:test");
            return null;
        });
        StaffFixture.Member m = staff.member("manager-" + w, Role.WARD_MANAGER, w);
        StaffClient manager = new StaffClient(server);
        manager.signIn(m.username(), StaffFixture.PASSWORD, m.secret(), server.server().clock());
        if (consent) {
            StaffClient.Answer a = manager.put("/api/patients/" + w + "-patient/consent", "{\"autoAnswer\": true}");
            assertEquals(200, a.status(), a.toString());
        }
        return manager;
    }

    /** Books 30 minutes from {@code start} for the ward's contact; answers the visit's id and the invite link. */
    private static String[] book(StaffClient manager, String w, long start) {
        StaffClient.Answer a = manager.post("/api/visits", "{\"patient\":\"" + w + "-patient\",\"start\":" + start
                + ",\"length\":30,\"contacts\":[\"" + w + "-contact\"]}");
        assertEquals(201, a.status(), a.toString());
        return new String[] {a.json().get("visit").get("id").asText(), a.json().get("invites").get(0).get("link").asText()};
    }

    /** The kiosk page as the ward's tablet, in English and {@link #zone}, its timers on Playwright's clock. */
    private Page kiosk(String w) {
        TabletKeystore keystore = TabletKeystore.ensure(new CaDirectory(server.dataDir().resolve("tls"))
                .load(Clock.systemUTC()), dir, w + "-tablet", Clock.systemUTC());
        String origin = server.server().kioskOrigin();
        BrowserContext context = chromium.browser().newContext(new Browser.NewContextOptions()
                .setLocale("en-GB").setTimezoneId(zone.getId()).setViewportSize(1280, 800)
                .setClientCertificates(List.of(new ClientCertificate(origin).setPfxPath(keystore.keystore())
                        .setPassphrase(new String(PasswordFile.read(keystore.passwordFile()))))));
        contexts.add(context);
        Page page = context.newPage();
        page.clock().install();
        page.navigate(origin + "/kiosk");
        waitFor(page, "#connection[data-state=\"connected\"]");
        return page;
    }

    private static void waitFor(Page page, String selector) {
        page.waitForSelector(selector, new Page.WaitForSelectorOptions().setTimeout(TIMEOUT_MS));
    }

    /** Waits for an element that is in the page but hidden, e.g. {@code #kiosk-next[hidden]}. */
    private static void waitForHidden(Page page, String selector) {
        page.waitForSelector(selector, new Page.WaitForSelectorOptions().setTimeout(TIMEOUT_MS)
                .setState(WaitForSelectorState.ATTACHED));
    }

    private record Ringing(Page kiosk, Page family) { }

    /** Ward {@code w}'s visit open now; its family member opens the link and joins: the tablet rings. */
    private Ringing ringing(String w, boolean consent) {
        String link = book(ward(w, consent), w, Instant.now().toEpochMilli())[1];
        Page kiosk = kiosk(w);
        Page family = pages.family(link);
        family.click("#join-call");
        waitFor(kiosk, "body[data-kiosk-screen=\"incoming\"]");
        return new Ringing(kiosk, family);
    }

    @Test
    void theIdleScreenShowsTheWardAndTheVisitBookedThroughTheApiUntilItIsCancelled() {
        String w = "w-kiosk-next";
        StaffClient manager = ward(w, false);
        Page kiosk = kiosk(w);
        waitFor(kiosk, "#kiosk-ward:has-text(\"Ward " + w + "\")");
        assertTrue(kiosk.isHidden("#kiosk-next"), "nothing booked: no next visit");

        long start = Instant.now().plus(Duration.ofHours(1)).toEpochMilli() / 60_000 * 60_000;
        String visit = book(manager, w, start)[0];
        waitFor(kiosk, "#kiosk-next[data-visit=\"" + visit + "\"]:not([hidden])");
        String time = DateTimeFormatter.ofPattern("HH:mm").format(Instant.ofEpochMilli(start).atZone(zone));
        assertEquals("Contact of Marie Curie — today " + time, kiosk.textContent("#kiosk-next-text"));
        assertEquals("en", kiosk.getAttribute("html", "lang"), "the patient's language");
        AxeScan.assertNoViolations(kiosk, "idle, a visit booked");
        kiosk.emulateMedia(new Page.EmulateMediaOptions().setContrast(Contrast.MORE));
        assertEquals("rgb(0, 0, 0)", kiosk.evaluate("getComputedStyle(document.body).backgroundColor"), "high contrast");
        AxeScan.assertNoViolations(kiosk, "idle, high contrast");
        kiosk.emulateMedia(new Page.EmulateMediaOptions().setContrast(Contrast.NO_PREFERENCE));

        kiosk.evaluate("document.documentElement.style.fontSize = '200%'");
        kiosk.waitForFunction("() => { const now = document.querySelector('#kiosk-idle .kiosk__now');"
                + " return now.dataset.fit !== '0' && now.scrollHeight <= now.clientHeight + 1; }", null,
                new Page.WaitForFunctionOptions().setTimeout(TIMEOUT_MS));
        assertTrue(kiosk.isVisible("#kiosk-next-text"), "at 200 % text the clock gives way, the next visit stays");
        kiosk.evaluate("document.documentElement.style.fontSize = ''");

        assertEquals(200, manager.post("/api/visits/" + visit + "/cancel", "{}").status());
        waitForHidden(kiosk, "#kiosk-next[hidden]");

        kiosk.context().setOffline(true);
        waitFor(kiosk, "#kiosk-offline:not([hidden])");
        AxeScan.assertNoViolations(kiosk, "idle, offline");
        kiosk.context().setOffline(false);
    }

    @Test
    void withConsentTheRingCountsDownAndAnswersByItselfAndTheControlsFitAt200PercentText() {
        Page kiosk = ringing("w-kiosk-auto", true).kiosk();
        waitFor(kiosk, "#kiosk-auto:not([hidden])");
        assertTrue(kiosk.textContent("#kiosk-auto").matches("The call starts in (10|9|8) seconds"),
                kiosk.textContent("#kiosk-auto"));
        assertTrue(kiosk.isVisible("#kiosk-not-now") && kiosk.isVisible("#kiosk-answer"), "Not now and Answer");
        AxeScan.assertNoViolations(kiosk, "incoming, counting down");

        kiosk.clock().fastForward(10_000);
        waitFor(kiosk, "body[data-call-state=\"in-call\"]");
        waitFor(kiosk, ".call-tile[data-role=\"family\"]");
        AxeScan.assertNoViolations(kiosk, "in call");

        kiosk.click("#kiosk-volume-up");
        assertEquals("Volume 9 of 10", kiosk.textContent("#kiosk-volume-level").strip());
        assertEquals(0.9, ((Number) kiosk.evaluate("document.querySelector('.call-tile__video').volume")).doubleValue(),
                1e-9, "the others' tiles play at the level shown");

        kiosk.evaluate("document.documentElement.style.fontSize = '200%'");
        controlsFit(kiosk, 1280, 800);
        controlsFit(kiosk, 800, 1280);
    }

    /** Every call control in the viewport, at least 64 × 64 px, none over another, its text whole, no sideways scroll. */
    private static void controlsFit(Page page, int width, int height) {
        page.setViewportSize(width, height);
        page.waitForFunction("w => window.innerWidth === w", width);
        String where = width + "x" + height + " at 200 %: ";
        List<BoundingBox> boxes = new ArrayList<>();
        for (String control : CONTROLS) {
            assertTrue(page.isVisible(control), where + control + " is hidden");
            BoundingBox b = page.locator(control).boundingBox();
            assertTrue(b.x >= 0 && b.y >= 0 && b.x + b.width <= width + 0.5 && b.y + b.height <= height + 0.5,
                    where + control + " is outside the viewport: " + b.x + "," + b.y + " " + b.width + "x" + b.height);
            assertTrue(b.width >= 64 && b.height >= 64, where + control + " is smaller than 64 px");
            for (BoundingBox o : boxes) {
                boolean apart = b.x >= o.x + o.width || o.x >= b.x + b.width || b.y >= o.y + o.height || o.y >= b.y + b.height;
                assertTrue(apart, where + control + " overlaps another control");
            }
            boxes.add(b);
            Object cut = page.evaluate("s => { const e = document.querySelector(s);"
                    + " return e.scrollWidth > e.clientWidth + 1 || e.scrollHeight > e.clientHeight + 1; }", control);
            assertEquals(false, cut, where + control + "'s text is cut");
        }
        assertEquals(true, page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"),
                where + "the page scrolls sideways");
    }

    @Test
    void notNowStopsTheCountdownAndTheTabletKeepsRingingUntilAnswered() {
        Page kiosk = ringing("w-kiosk-notnow", true).kiosk();
        waitFor(kiosk, "#kiosk-not-now:not([hidden])");
        kiosk.click("#kiosk-not-now");
        waitForHidden(kiosk, "#kiosk-auto[hidden]");
        assertTrue(kiosk.isVisible("#kiosk-decline") && kiosk.isVisible("#kiosk-answer") && kiosk.isHidden("#kiosk-not-now"),
                "it rings with Answer and Decline");

        kiosk.clock().fastForward(15_000);
        assertEquals("incoming", kiosk.getAttribute("body", "data-kiosk-screen"), "no automatic answer after Not now");
        kiosk.click("#kiosk-answer");
        waitFor(kiosk, "body[data-call-state=\"in-call\"]");
        kiosk.click("#kiosk-hangup");
        waitFor(kiosk, "body[data-kiosk-screen=\"ended\"]");
        AxeScan.assertNoViolations(kiosk, "ended");
    }

    @Test
    void withoutConsentTheTabletRingsUntilDeclinedAndNeverAnswersByItself() {
        Ringing ring = ringing("w-kiosk-noconsent", false);
        Page kiosk = ring.kiosk();
        assertTrue(kiosk.isHidden("#kiosk-auto") && kiosk.isHidden("#kiosk-not-now"), "no countdown without consent");
        AxeScan.assertNoViolations(kiosk, "incoming");

        kiosk.clock().fastForward(30_000);
        assertEquals("incoming", kiosk.getAttribute("body", "data-kiosk-screen"), "still ringing");
        assertEquals("idle", kiosk.getAttribute("body", "data-call-state"), "and not answered");
        kiosk.click("#kiosk-decline");
        waitFor(kiosk, "body[data-kiosk-screen=\"idle\"]");
        CallPages.waitForCallState(ring.family(), "ended");
    }

    /** A relative's link opened on a second phone: the prompt with its two buttons, read as a dialog; the patient refuses. */
    @Test
    void aSecondDeviceWithARelativesLinkIsLetInOrRefusedByThePatient() {
        String w = "w-kiosk-admit";
        String link = book(ward(w, false), w, Instant.now().toEpochMilli())[1];
        Page kiosk = kiosk(w);
        pages.familyWith(link, "bound");
        Page second = pages.familyWith(link, "waiting");
        waitFor(kiosk, "body[data-admit]");
        assertEquals("alertdialog", kiosk.getAttribute("#kiosk-admit", "role"));
        assertTrue(kiosk.textContent("#kiosk-admit-title").contains("Curie"), kiosk.textContent("#kiosk-admit-title"));
        AxeScan.assertNoViolations(kiosk, "a relative's link on a second device");
        kiosk.click("#kiosk-admit-no");
        waitForHidden(kiosk, "#kiosk-admit[hidden]");
        waitFor(second, "#link-refused:visible");
    }
}
