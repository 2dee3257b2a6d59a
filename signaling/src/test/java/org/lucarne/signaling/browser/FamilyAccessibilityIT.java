package org.lucarne.signaling.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.lucarne.signaling.testing.AxeScan.assertNoViolations;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Route;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lucarne.signaling.call.CallSockets;
import org.lucarne.signaling.demo.DemoVisit;
import org.lucarne.signaling.demo.OpenDemoVisit;
import org.lucarne.signaling.testing.AxeScan;
import org.lucarne.signaling.testing.TabletTls;
import org.lucarne.signaling.testing.TestDevice;
import org.lucarne.signaling.testing.WsTestClient;

/**
 * Every screen of the family page meets the WCAG 2.2 A and AA rules of axe-core (AxeScan), in
 * one Chromium: the device check, a refused camera, the lobby, the call, its end, a broken link,
 * a refused invite, and a link someone else's device holds (waiting, then refused). The tablet is a socket that answers, as in CallFocusIT; the family page
 * is the real one, with its real camera, peer connection and bridge.
 */
class FamilyAccessibilityIT extends AppPageTest {
    private static final double TIMEOUT_MS = 20_000;

    @TempDir
    Path dir;

    @Test
    void theDeviceCheckLobbyCallAndEndMeetWcag22AA() {
        try (Visit visit = new Visit(context)) {
            Page page = visit.inCall();
            page.click("#call-mute");
            page.click("#call-camera");
            waitFor(page, "#call-camera[aria-pressed=\"true\"]");
            assertNoViolations(page, "in call, muted, camera off");

            page.click("#call-leave");
            waitFor(page, "body[data-call-state=\"ended\"]");
            waitFor(page, "#call-rejoin:visible");
            assertNoViolations(page, "call ended");
            assertEquals(List.of(), problems, "no console errors or CSP violations");
        }
    }

    /** Families join from their phones: the French page on a small touch screen, reconnecting included. */
    @Test
    void onAPhoneInFrenchTheCallReconnectingAndTheEndMeetWcag22AA() {
        BrowserContext phone = chromium.browser().newContext(new Browser.NewContextOptions().setLocale("fr-FR")
                .setViewportSize(360, 640).setIsMobile(true).setHasTouch(true));
        try (Visit visit = new Visit(phone)) {
            Page page = visit.inCall();
            visit.kiosk.send(visit.message("media_state", ",\"muted\":true,\"cameraOff\":true"));
            waitFor(page, ".call-tile[data-camera-off=\"true\"][data-muted=\"true\"]");
            assertNoViolations(page, "in call, the patient muted with the camera off");
            assertEquals(List.of(), captionsUnderTheSelfView(page), "the captions of the tiles are not covered");

            phone.setOffline(true);
            waitFor(page, "body[data-call-state=\"reconnecting\"]");
            waitFor(page, "#call-reconnecting:visible");
            assertNoViolations(page, "reconnecting");
            phone.setOffline(false);
            waitFor(page, "body[data-call-state=\"in-call\"]");

            visit.kiosk.send(visit.message("end", ""));
            waitFor(page, "body[data-end-reason=\"ended\"]");
            assertNoViolations(page, "call ended by the tablet");
        } finally {
            phone.close();
        }
    }

    /** The demo's visit, its tablet a socket that answers (as in CallFocusIT), and a family page. */
    private final class Visit implements AutoCloseable {
        final DemoVisit demo = OpenDemoVisit.seed(server.server().database(), server.server().personalData(),
                Clock.systemUTC());
        final WsTestClient kiosk = new TabletTls(server, dir).kiosk(demo.tabletId());
        final BrowserContext context;

        Visit(BrowserContext context) {
            this.context = context;
            CallSockets.next(kiosk, "welcome");
        }

        /** Scans the device check and the lobby on the way; the tablet answers; the patient's tile is shown. */
        Page inCall() {
            Page page = open(context, demo.familyLink(server.origin()));
            waitFor(page, "#join-call:enabled");
            waitFor(page, "html:not(.i18n-pending)");
            assertNoViolations(page, "device check, ready");

            page.click("#join-call");
            waitFor(page, "body[data-call-state=\"lobby\"]");
            assertNoViolations(page, "lobby");

            CallSockets.next(kiosk, "ring");
            kiosk.send(message("answer", ""));
            waitFor(page, "body[data-call-state=\"in-call\"]");
            waitFor(page, ".call-tile[data-role=\"patient\"]");
            assertNoViolations(page, "in call");
            return page;
        }

        String message(String type, String more) {
            return "{\"v\":1,\"type\":\"" + type + "\",\"visit\":\"" + demo.visitId() + "\"" + more + "}";
        }

        @Override
        public void close() {
            kiosk.abort();
        }
    }

    /** The participants whose tile caption one's own picture covers, even in part. */
    private static List<String> captionsUnderTheSelfView(Page page) {
        @SuppressWarnings("unchecked")
        List<String> covered = (List<String>) page.evaluate("""
                () => {
                  const self = document.getElementById('call-self').getBoundingClientRect();
                  return [...document.querySelectorAll('.call-tile')].filter((tile) => {
                    const c = tile.querySelector('.call-tile__caption').getBoundingClientRect();
                    return c.left < self.right && self.left < c.right && c.top < self.bottom && self.top < c.bottom;
                  }).map((tile) => tile.dataset.participant);
                }
                """);
        return covered;
    }

    /** Someone else's device holds the link: the waiting screen, then the refusal by the patient. */
    @Test
    void waitingToBeLetInAndBeingRefusedMeetWcag22AA() {
        try (Visit visit = new Visit(context)) {
            WsTestClient first = WsTestClient.connect(server, server.origin());
            first.send("{\"v\":1,\"type\":\"hello\",\"app\":\"family\",\"appVersion\":\"test\"}");
            CallSockets.next(first, "welcome");
            TestDevice.create().bindOn(first, server.origin(), visit.demo.inviteId().value());
            Page page = open(context, visit.demo.familyLink(server.origin()));
            waitFor(page, "#link-waiting:visible");
            waitFor(page, "html:not(.i18n-pending)");
            assertNoViolations(page, "waiting to be let in");

            String device = CallSockets.next(visit.kiosk, "e2ee_waiting_device").get("device").asText();
            visit.kiosk.send("{\"v\":1,\"type\":\"e2ee_admit_device\",\"device\":\"" + device + "\",\"admit\":false}");
            waitFor(page, "#link-refused:visible");
            assertNoViolations(page, "refused");
            first.abort();
        }
    }

    @Test
    void aRefusedCameraMeetsWcag22AA() {
        refuseMedia(context);
        Page page = open(context, server.url("/v/AbCdEfGhIjKlMnOpQrStUvWxYz0123456789-_abcde#a11y-secret"));
        waitFor(page, "#device-message[data-state=\"denied\"]");
        waitFor(page, "#device-retry:visible");
        assertNoViolations(page, "camera refused");
    }

    @Test
    void anIncompleteLinkAndARefusedInviteMeetWcag22AA() {
        Page incomplete = open(context, server.url("/v/AbCdEfGhIjKlMnOpQrStUvWxYz0123456789-_abcde"));
        waitFor(incomplete, "#link-problem:visible");
        waitFor(incomplete, "#device-message[data-state=\"ready\"]");
        assertNoViolations(incomplete, "incomplete link");

        Page refused = open(context, server.url("/v/" + "x".repeat(43) + "#" + "y".repeat(43)));
        waitFor(refused, "#join-call:enabled");
        refused.click("#join-call");
        waitFor(refused, "body[data-call-error=\"invite_invalid\"]");
        assertNoViolations(refused, "invite refused");
    }

    @Test
    void theScanReportsWhatBreaksARule() {
        Page page = context.newPage();
        page.setContent("<!doctype html><html lang=\"en\"><title>t</title><main><img src=\"x.png\">"
                + "<p style=\"color:#999;background:#fff\">faint</p></main></html>");
        List<String> rules = AxeScan.scan(page).stream().map(AxeScan.Violation::rule).sorted().toList();
        assertEquals(List.of("color-contrast", "image-alt"), rules);
        AssertionError e = assertThrows(AssertionError.class, () -> assertNoViolations(page, "a broken page"));
        assertTrue(e.getMessage().contains("image-alt (critical)") && e.getMessage().contains("img"), e.getMessage());
    }

    private static void waitFor(Page page, String selector) {
        page.waitForSelector(selector, new Page.WaitForSelectorOptions().setTimeout(TIMEOUT_MS));
    }

    /**
     * Chromium refuses the camera and microphone of the family page as it does for a site where a
     * person clicked "Block" (NotAllowedError): the page's response comes with a Permissions-Policy
     * that allows neither, in place of the server's. The browser of this class grants media otherwise, so no second one is launched.
     */
    private static void refuseMedia(BrowserContext context) {
        context.route("**/v/**", route -> {
            try {
                HttpResponse<byte[]> page = server.httpClient().send(
                        HttpRequest.newBuilder(URI.create(route.request().url())).build(), BodyHandlers.ofByteArray());
                Map<String, String> headers = new HashMap<>();
                page.headers().map().forEach((name, values) -> {
                    if (!name.equalsIgnoreCase("permissions-policy")) { // the server's allows camera=(self)
                        headers.put(name, String.join(", ", values));
                    }
                });
                headers.put("permissions-policy", "camera=(), microphone=()");
                route.fulfill(new Route.FulfillOptions().setStatus(page.statusCode()).setHeaders(headers)
                        .setBodyBytes(page.body()));
            } catch (IOException e) {
                route.abort();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                route.abort();
            }
        });
    }
}
