package org.lucarne.signaling.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.lucarne.signaling.call.CallPages.TIMEOUT_MS;
import static org.lucarne.signaling.call.CallPages.awaitSeesAndHears;

import com.microsoft.playwright.Page;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lucarne.signaling.call.CallPages;

/**
 * A family member's network changes in the middle of a call, as when a phone leaves the Wi-Fi for
 * 4G: their namespace's link goes down for 5 s and comes back with a new address. Their page,
 * with nobody clicking, finds the server again and a fresh media session from the new address;
 * the tablet sees and hears them again.
 */
class NetworkChangeBrowserIT {
    /** The outage of the scenario: long enough for ICE and the socket to notice. */
    private static final int OUTAGE_MS = 5_000;
    /** Noticing the loss, finding the server again and a new ICE and DTLS: well within a minute. */
    private static final int BACK_WITHIN_MS = 60_000;

    @TempDir
    Path dir;

    @Test
    void aNetworkChangeBringsTheCallBackWithoutAClick() {
        try (LabCall lab = LabCall.start(Map.of())) {
            Page kiosk = lab.rootPages().kiosk(lab.visit(), dir);
            Page jean = lab.familyPages().family(lab.familyLink());
            CallPages.familyCallsTabletAnswers(kiosk, jean);
            awaitSeesAndHears(kiosk, 1, TIMEOUT_MS);
            awaitSeesAndHears(jean, 1, TIMEOUT_MS);
            String before = lab.family().address();

            lab.family().linkDown();
            jean.waitForSelector("body:not([data-call-state=\"in-call\"])", new Page.WaitForSelectorOptions().setTimeout(TIMEOUT_MS));
            jean.waitForTimeout(OUTAGE_MS);
            String after = lab.family().linkUpWithNewAddress();

            jean.waitForSelector("body[data-call-state=\"in-call\"]", new Page.WaitForSelectorOptions().setTimeout(BACK_WITHIN_MS));
            awaitSeesAndHears(jean, 1, BACK_WITHIN_MS);
            awaitSeesAndHears(kiosk, 1, BACK_WITHIN_MS);
            String jeanOnKiosk = CallPages.received(kiosk).get(0).participant();
            long frames = CallPages.framesFrom(kiosk, jeanOnKiosk);
            long later = frames;
            for (int i = 0; i < 50 && later <= frames; i++) {
                kiosk.waitForTimeout(200);
                later = CallPages.framesFrom(kiosk, jeanOnKiosk);
            }
            assertTrue(later > frames, "the tablet decodes Jean again after " + before + " became " + after
                    + ": " + frames + " then " + later);
            CallPages.SelectedPair pair = CallPages.selectedPair(jean);
            assertEquals(after, pair == null ? null : pair.address(), "Jean's media goes from the new address: " + pair);
        }
    }
}
