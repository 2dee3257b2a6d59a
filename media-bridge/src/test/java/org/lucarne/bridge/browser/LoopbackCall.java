package org.lucarne.bridge.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.net.http.HttpClient;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.lucarne.bridge.BridgeConfig;
import org.lucarne.bridge.MediaBridge;
import org.lucarne.bridge.browser.focus.Colibri2Client;
import org.lucarne.bridge.browser.focus.FocusConference;
import org.lucarne.testing.Chromium;

/** A bridge on loopback, one Chromium and one conference driven through Colibri2: what the browser ITs share. */
final class LoopbackCall implements AutoCloseable {
    final MediaBridge bridge;
    final Chromium chromium;
    final FocusConference focus;
    /** The pages in the conference, by endpoint id; closed with the call. */
    final Map<String, CallPage> pages = new LinkedHashMap<>();

    private LoopbackCall(MediaBridge bridge, Chromium chromium, FocusConference focus) {
        this.bridge = bridge;
        this.chromium = chromium;
        this.focus = focus;
    }

    static LoopbackCall start(HttpClient http) throws IOException {
        MediaBridge bridge = MediaBridge.create(BridgeConfig.loopbackForTests(), Clock.systemUTC()).start();
        try {
            Chromium chromium = Chromium.launch();
            return new LoopbackCall(bridge, chromium,
                    new FocusConference(new Colibri2Client(bridge.httpUri(), http), "visit-" + UUID.randomUUID()));
        } catch (RuntimeException e) {
            bridge.close();
            throw e;
        }
    }

    /** No page logged an error or threw, {@code during} says when (for the message). */
    void assertNoPageErrors(String during) {
        for (CallPage page : pages.values()) {
            assertEquals(List.of(), page.errors(), page + "'s console during " + during);
        }
    }

    @Override
    public void close() {
        pages.values().forEach(CallPage::close);
        chromium.close();
        bridge.close();
    }
}
