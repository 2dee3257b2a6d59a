package org.lucarne.signaling.call;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.lucarne.signaling.call.CallPages.TIMEOUT_MS;
import static org.lucarne.signaling.call.CallPages.awaitSeesAndHears;
import static org.lucarne.signaling.call.CallPages.framesFrom;
import static org.lucarne.signaling.call.CallPages.waitForCallState;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.WaitForSelectorState;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lucarne.signaling.demo.DemoVisit;
import org.lucarne.signaling.demo.OpenDemoVisit;
import org.lucarne.testing.Chromium;
import org.lucarne.signaling.testing.LucarneBrowserTest;
import org.lucarne.signaling.testing.TestServer;

/**
 * A video visit end to end in real Chromium with fake cameras and microphones: the kiosk page as
 * the bedside tablet, family pages from their links, the server's focus and its embedded bridge.
 */
@LucarneBrowserTest
class VisitCallBrowserIT {
    @TempDir
    Path dir;
    private TestServer server;
    private CallPages pages;
    private DemoVisit visit;

    @BeforeEach
    void newVisit(TestServer testServer, Chromium chromium) {
        server = testServer;
        pages = new CallPages(server, chromium);
        visit = OpenDemoVisit.seed(server.server().database(), server.server().personalData(), Clock.systemUTC());
    }

    @AfterEach
    void closePages() {
        pages.close();
    }

    /** The kiosk answers; Jean and Léa are in the call with the patient. */
    private Call threeInACall() {
        Page kiosk = pages.kiosk(visit, dir);
        Page jean = pages.family(visit.familyLink(server.origin()));
        Page lea = pages.family(CallPages.secondFamilyLink(server, visit, "Léa Martin"));
        jean.click("#join-call");
        waitForCallState(jean, "lobby");
        assertTrue(jean.textContent("#call-lobby").contains("Marie Dupont"), "the lobby names the patient");
        kiosk.waitForSelector("body[data-kiosk-screen=\"incoming\"]", new Page.WaitForSelectorOptions().setTimeout(TIMEOUT_MS));
        assertTrue(kiosk.textContent("#kiosk-caller").contains("Jean Dupont"), "the tablet shows who calls");
        kiosk.click("#kiosk-answer");
        waitForCallState(kiosk, "in-call");
        waitForCallState(jean, "in-call");
        lea.click("#join-call");
        waitForCallState(lea, "in-call");
        return new Call(kiosk, jean, lea);
    }

    private record Call(Page kiosk, Page jean, Page lea) {
        List<Page> all() {
            return List.of(kiosk, jean, lea);
        }
    }

    @Test
    void theTabletAndTwoFamilyBrowsersSeeAndHearEachOther() {
        Call call = threeInACall();
        for (Page p : call.all()) {
            List<CallPages.Received> others = awaitSeesAndHears(p, 2, TIMEOUT_MS);
            assertEquals(2, others.size(), "every page shows the two others: " + others);
        }
    }

    @Test
    void aFamilyMemberLeavesAndRejoinsWhileTheOthersKeepTheirMedia() {
        Call call = threeInACall();
        call.all().forEach(p -> awaitSeesAndHears(p, 2, TIMEOUT_MS));
        String jeanOnKiosk = idOn(call.kiosk(), "Jean Dupont");

        call.lea().click("#call-leave");
        waitForCallState(call.lea(), "ended");
        awaitSeesAndHears(call.kiosk(), 1, TIMEOUT_MS);
        awaitSeesAndHears(call.jean(), 1, TIMEOUT_MS);
        long before = framesFrom(call.kiosk(), jeanOnKiosk);
        long after = before;
        for (int i = 0; i < 25 && after <= before; i++) { // a few seconds' grace on a loaded machine
            call.kiosk().waitForTimeout(200);
            after = framesFrom(call.kiosk(), jeanOnKiosk);
        }
        assertTrue(after > before, "the tablet kept decoding Jean while Léa left: " + before + " then " + after);

        call.lea().click("#call-rejoin");
        waitForCallState(call.lea(), "in-call");
        call.all().forEach(p -> awaitSeesAndHears(p, 2, TIMEOUT_MS));
    }

    @Test
    void theTabletLosesItsConnectionAndTheCallComesBackWithoutAClick() {
        Call call = threeInACall();
        call.all().forEach(p -> awaitSeesAndHears(p, 2, TIMEOUT_MS));

        call.kiosk().context().setOffline(true);
        call.kiosk().waitForSelector("#connection:not([data-state=\"connected\"])",
                new Page.WaitForSelectorOptions().setState(WaitForSelectorState.ATTACHED).setTimeout(TIMEOUT_MS));
        call.kiosk().waitForTimeout(2000);
        call.kiosk().context().setOffline(false);

        waitForCallState(call.kiosk(), "in-call");
        call.all().forEach(p -> awaitSeesAndHears(p, 2, TIMEOUT_MS));
    }

    @Test
    void aGarbageInviteAndAnEndedVisitAreRefusedWithAClearMessage() {
        Page stranger = pages.family(server.origin() + "/v/" + "x".repeat(43) + "#" + "y".repeat(43));
        stranger.click("#join-call");
        stranger.waitForSelector("body[data-call-error=\"invite_invalid\"]",
                new Page.WaitForSelectorOptions().setTimeout(TIMEOUT_MS));
        assertTrue(stranger.textContent("#call-end-message").contains("This link does not work"),
                stranger.textContent("#call-end-message"));
    }

    private static String idOn(Page page, String name) {
        return CallPages.received(page).stream().filter(r -> r.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError(name + " is not on the page")).participant();
    }
}
