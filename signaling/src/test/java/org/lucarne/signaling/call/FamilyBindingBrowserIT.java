package org.lucarne.signaling.call;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.lucarne.signaling.call.CallPages.TIMEOUT_MS;
import static org.lucarne.signaling.call.CallPages.awaitSeesAndHears;
import static org.lucarne.signaling.call.CallPages.waitForCallState;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.playwright.Page;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lucarne.signaling.demo.DemoVisit;
import org.lucarne.signaling.demo.OpenDemoVisit;
import org.lucarne.signaling.policy.Role;
import org.lucarne.signaling.testing.LucarneBrowserTest;
import org.lucarne.signaling.testing.StaffClient;
import org.lucarne.signaling.testing.StaffFixture;
import org.lucarne.signaling.testing.TestServer;
import org.lucarne.testing.Chromium;

/**
 * A family link bound to the first browser that opens it, in real Chromium (docs/e2ee.md, "Binding a link to a
 * browser"): a second browser with the same link waits on a screen of its own and gets nothing of the call, no
 * media and no call message, until the patient lets it in on the kiosk page; then it joins. A reset by staff (a
 * lost phone) lets a third browser bind.
 */
@LucarneBrowserTest
class FamilyBindingBrowserIT {
    /** What a page must not hear of a call before its device is let in. */
    private static final Set<String> CALL_TYPES = Set.of("visit_ready", "lobby", "joined", "participant_joined",
            "participant_left", "participant_media", "sdp_offer", "ring", "waiting", "ended");
    private static final ObjectMapper JSON = new ObjectMapper();
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

    /** The types of the frames the page's sockets receive, from now on. */
    private static List<String> framesOf(Page page) {
        List<String> types = new CopyOnWriteArrayList<>();
        page.onWebSocket(ws -> ws.onFrameReceived(f -> {
            try {
                types.add(JSON.readTree(f.text()).path("type").asText());
            } catch (Exception e) {
                types.add("unreadable");
            }
        }));
        return types;
    }

    @Test
    void aSecondBrowserWaitsWithoutACallUntilThePatientLetsItInAndAResetLetsAThirdBind() {
        String link = visit.familyLink(server.origin());
        Page kiosk = pages.kiosk(visit, dir);
        Page jean = pages.familyWith(link, "bound");
        jean.waitForSelector("#join-call", new Page.WaitForSelectorOptions().setTimeout(TIMEOUT_MS));
        jean.click("#join-call");
        waitForCallState(jean, "lobby");
        kiosk.waitForSelector("body[data-kiosk-screen=\"incoming\"]", new Page.WaitForSelectorOptions().setTimeout(TIMEOUT_MS));
        kiosk.click("#kiosk-answer");
        waitForCallState(kiosk, "in-call");
        waitForCallState(jean, "in-call");
        awaitSeesAndHears(jean, 1, TIMEOUT_MS);

        Page other = pages.blankFamilyPage();
        List<String> heard = framesOf(other);
        other.navigate(link);
        other.waitForSelector("body[data-link=\"waiting\"]", new Page.WaitForSelectorOptions().setTimeout(TIMEOUT_MS));
        assertTrue(other.isVisible("#link-waiting"), "the waiting screen shows");
        assertTrue(other.textContent("#link-waiting").contains("Ask the patient or the ward staff to let you in"),
                other.textContent("#link-waiting"));
        assertFalse(other.isVisible("#join-call"), "no way to join while waiting");
        kiosk.waitForSelector("body[data-admit]", new Page.WaitForSelectorOptions().setTimeout(TIMEOUT_MS));
        assertTrue(kiosk.textContent("#kiosk-admit-title").contains(visit.contactName()), kiosk.textContent("#kiosk-admit-title"));
        assertEquals("idle", other.getAttribute("body", "data-call-state"));
        assertTrue(CallPages.received(other).isEmpty(), "no media reached the waiting browser");
        assertTrue(heard.stream().noneMatch(CALL_TYPES::contains), "no call message reached it: " + heard);

        kiosk.click("#kiosk-admit-yes");
        other.waitForSelector("body[data-link=\"bound\"]", new Page.WaitForSelectorOptions().setTimeout(TIMEOUT_MS));
        other.waitForSelector("#join-call", new Page.WaitForSelectorOptions().setTimeout(TIMEOUT_MS));
        other.click("#join-call");
        waitForCallState(other, "in-call");
        assertEquals(2, awaitSeesAndHears(other, 2, TIMEOUT_MS).size(), "the patient and Jean's first browser");
        waitForCallState(jean, "in-call");

        StaffClient nurse = new StaffClient(server);
        StaffFixture.Member m = new StaffFixture(server).member("nurse-binding-" + System.nanoTime(), Role.NURSE,
                wardOf(visit));
        nurse.signIn(m.username(), StaffFixture.PASSWORD, m.secret(), Clock.systemUTC());
        StaffClient.Answer reset = nurse.post("/api/contacts/" + visit.contactId() + "/devices/reset", "{}");
        assertEquals(200, reset.status(), reset.toString());
        assertEquals(2, reset.json().get("removed").asInt());
        Page third = pages.familyWith(link, "bound");
        assertTrue(third.isHidden("#link-waiting"));
    }

    private String wardOf(DemoVisit v) {
        return server.server().database().inTransaction(c -> {
            try (var ps = c.prepareStatement("SELECT b.ward_id FROM patient p JOIN bed b ON b.id = p.bed_id WHERE p.id = ?")) {
                ps.setString(1, v.patientId());
                try (var rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getString(1);
                }
            }
        });
    }
}
