package org.lucarne.bridge.bench;

import com.microsoft.playwright.Browser;
import java.net.http.HttpClient;
import java.util.UUID;
import org.lucarne.bridge.MediaBridge;
import org.lucarne.bridge.browser.CallPage;
import org.lucarne.bridge.browser.focus.Colibri2Client;
import org.lucarne.bridge.browser.focus.FocusConference;

/**
 * The two calls the browser benchmarks compare: a direct one between two Chromium pages (offer and
 * answer through this process, candidates inside), and one through a bridge set up through
 * Colibri2 as the focus does. Page a is in {@code aSide}, page b in {@code bSide} (the same browser,
 * or one behind a shaped link); both cameras give 1280×720 at 30 frames/s.
 */
final class TwoPageCalls {
    /** What a benchmark measures once both pages are in the call. */
    @FunctionalInterface
    interface Measure<T> {
        T on(CallPage a, CallPage b) throws Exception;
    }

    private TwoPageCalls() {
    }

    static <T> T direct(Browser aSide, Browser bSide, Measure<T> measure) throws Exception {
        try (CallPage a = CallPage.open(aSide, "p2p-a", "p2p.html", 1280, 720, 30);
             CallPage b = CallPage.open(bSide, "p2p-b", "p2p.html", 1280, 720, 30)) {
            String offer = a.call("p2pOffer", null);
            String answer = b.call("p2pAnswer", offer);
            a.call("p2pAccept", answer);
            return measure.on(a, b);
        }
    }

    static <T> T throughBridge(Browser aSide, Browser bSide, MediaBridge bridge, HttpClient http, Measure<T> measure)
            throws Exception {
        FocusConference call = new FocusConference(new Colibri2Client(bridge.httpUri(), http), "bench-" + UUID.randomUUID());
        try (CallPage a = CallPage.open(aSide, "bridge-a", 1280, 720, 30);
             CallPage b = CallPage.open(bSide, "bridge-b", 1280, 720, 30)) {
            call.join("a", a);
            call.join("b", b);
            return measure.on(a, b);
        } finally {
            call.expire();
        }
    }
}
