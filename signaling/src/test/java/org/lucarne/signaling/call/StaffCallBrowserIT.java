package org.lucarne.signaling.call;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.lucarne.signaling.call.CallPages.TIMEOUT_MS;
import static org.lucarne.signaling.call.CallPages.awaitSeesAndHears;
import static org.lucarne.signaling.call.CallPages.waitForCallState;
import static org.lucarne.signaling.testing.ConsoleKeys.assertFocused;
import static org.lucarne.signaling.testing.ConsoleKeys.attached;
import static org.lucarne.signaling.testing.ConsoleKeys.hidden;
import static org.lucarne.signaling.testing.ConsoleKeys.signIn;
import static org.lucarne.signaling.testing.ConsoleKeys.tabTo;

import com.microsoft.playwright.Page;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lucarne.signaling.demo.OpenDemoVisit;
import org.lucarne.signaling.demo.DemoVisit;
import org.lucarne.signaling.policy.Role;
import org.lucarne.signaling.testing.LucarneBrowserTest;
import org.lucarne.signaling.testing.StaffFixture;
import org.lucarne.signaling.testing.StaffFixture.Member;
import org.lucarne.signaling.testing.TestServer;
import org.lucarne.testing.Chromium;

/**
 * The console's Today, live, and joining a visit to help, in real Chromium: a nurse's list follows
 * the visit as the tablet comes online, the family joins and the patient answers, pushed by the
 * server (no reload, long before the list's own 2-minute timer); she joins the call from the list by
 * the keyboard alone, sees the patient, leaves, and the others stay in their call.
 */
@LucarneBrowserTest
class StaffCallBrowserIT {
    /** The console's own timer (today.js SAFETY_REFRESH_MS): anything sooner came from a push. */
    private static final Duration SAFETY_REFRESH = Duration.ofMinutes(2);
    @TempDir
    Path dir;
    private TestServer server;
    private CallPages pages;
    private DemoVisit visit;
    private final List<String> pageErrors = new CopyOnWriteArrayList<>();

    @BeforeEach
    void aVisitOfTheDemoWard(TestServer testServer, Chromium chromium) {
        server = testServer;
        pages = new CallPages(server, chromium);
        visit = OpenDemoVisit.seed(server.server().database(), server.server().personalData(), Clock.systemUTC());
    }

    @AfterEach
    void closePages() {
        pages.close();
    }

    @Test
    void aNurseSeesTheCallStartLiveJoinsItByKeyboardSeesThePatientAndLeavesTheOthersInIt() {
        Member nurse = new StaffFixture(server).member("nina.live", Role.NURSE, "demo-ward-4");
        Page console = pages.staffConsole();
        console.onPageError(pageErrors::add);
        List<Instant> listReads = new ArrayList<>();
        List<Boolean> background = new ArrayList<>();
        console.onRequest(r -> {
            if (r.url().contains("/api/wards/demo-ward-4/visits")) {
                listReads.add(Instant.now());
                background.add("background".equals(r.headers().get("x-lucarne-request")));
            }
        });
        int[] loads = {0};
        console.onLoad(p -> loads[0]++); // the page is loaded already: any load from now on is a reload

        signIn(console, nurse);
        String row = "#visit-list tr.visit[data-visit-id=\"" + visit.visitId() + "\"]";
        console.waitForSelector(row + "[data-status=\"ready\"][data-tablet-state=\"offline\"]");
        assertEquals("Nobody", console.textContent(row + " .visit__in-call").strip());
        console.waitForSelector("#connection[data-state=\"connected\"]", attached());
        Instant signedIn = Instant.now();

        Page kiosk = pages.kiosk(visit, dir);
        console.waitForSelector(row + "[data-tablet-state=\"online\"]");

        Page family = pages.family(visit.familyLink(server.origin()));
        family.click("#join-call");
        waitForCallState(family, "lobby");
        console.waitForSelector(row + " li.visit__person[data-role=\"family\"][data-state=\"waiting\"]");

        kiosk.waitForSelector("body[data-kiosk-screen=\"incoming\"]", new Page.WaitForSelectorOptions().setTimeout(TIMEOUT_MS));
        kiosk.click("#kiosk-answer");
        waitForCallState(family, "in-call");
        console.waitForSelector(row + "[data-tablet-state=\"in_call\"] li.visit__person[data-role=\"family\"][data-state=\"in_call\"]");
        Duration live = Duration.between(signedIn, Instant.now());
        assertEquals(List.of("Marie Dupont", "Jean Dupont"),
                console.locator(row + " .visit__person-name").allTextContents(), "who is in the call, by name");
        assertEquals(0, loads[0], "no reload: the list follows the call by itself");
        assertTrue(live.compareTo(SAFETY_REFRESH) < 0, "all this came within " + live + ", before the list's own timer");
        assertTrue(listReads.size() >= 3, "the list was read again after the pushes: " + listReads);
        assertEquals(List.of(false), background.subList(0, 1), "the first read is the nurse's own");
        assertTrue(background.subList(1, background.size()).stream().allMatch(b -> b),
                "every read after a push is a background read, which keeps no session alive: " + background);

        tabTo(console, row + " .visit__join");
        console.keyboard().press("Enter");
        console.waitForSelector("#call-screen[data-step=\"check\"]");
        assertFocused(console, "#call-heading");
        assertEquals("Video call with Marie Dupont", console.textContent("#call-heading"));
        assertEquals("call", console.getAttribute("body", "data-view"));
        console.waitForSelector("#call-device-message[data-state=\"ready\"]");
        tabTo(console, "#call-join");
        console.keyboard().press("Enter");
        waitForCallState(console, "in-call");
        List<CallPages.Received> seen = awaitSeesAndHears(console, 2, TIMEOUT_MS);
        CallPages.Received patient = seen.stream().filter(r -> r.name().equals("Marie Dupont")).findFirst()
                .orElseThrow(() -> new AssertionError("the patient's tile is missing: " + seen));
        assertTrue(patient.framesDecoded() > 0, "the nurse decodes the patient's video: " + patient);
        awaitSeesAndHears(family, 2, TIMEOUT_MS); // the patient, and the nurse who came to help

        tabTo(console, "#call-leave");
        console.keyboard().press("Enter");
        console.waitForSelector("#call-screen", hidden());
        assertEquals("today", console.getAttribute("body", "data-view"));
        assertEquals("You left the call.", console.textContent("#staff-notice"));
        assertTrue((Boolean) console.evaluate("s => document.activeElement.matches(s)", row + " .visit__join"),
                "the cursor is back on the visit's Join button");
        assertTrue(console.getAttribute("body", "data-call-state") == null, "no call on the console any more");

        waitForCallState(kiosk, "in-call");
        waitForCallState(family, "in-call");
        awaitSeesAndHears(kiosk, 1, TIMEOUT_MS);
        awaitSeesAndHears(family, 1, TIMEOUT_MS);
        console.waitForSelector(row + "[data-tablet-state=\"in_call\"]");
        console.waitForFunction("s => [...document.querySelectorAll(s)].map(e => e.dataset.role).join() === 'patient,family'",
                row + " li.visit__person");
        assertEquals(0, loads[0], "still no reload");
        assertEquals(List.of(), pageErrors);
    }
}
