package org.lucarne.bridge.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.TestInstance;
import org.lucarne.bridge.browser.focus.FocusConference;

/**
 * Simulcast in Chromium through a real bridge: three pages send their camera as two layers
 * ({@value #CAMERA_HEIGHT} and half as many rows); the receiver that shows a small tile gets the low
 * layer while another gets the high one, and both keep decoding, without freezing, across switches.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SimulcastBrowserIT {
    private static final int CAMERA_HEIGHT = 360;
    private static final int LOW = CAMERA_HEIGHT / 2;
    /**
     * On this loaded machine a receiver's REMB may fall (its estimator sees the delay of a busy CPU)
     * and move it down for bandwidth; climbing back takes the congestion hold, a hold and a few
     * probes: some 25 s.
     */
    private static final Duration DEADLINE = Duration.ofSeconds(45);
    /**
     * A switch that broke the stream would freeze it until the next keyframe, a second or more; a
     * loaded machine (two cores, three pages encoding) may stall a frame for a few hundred ms,
     * which Chromium already counts as a freeze. So the bound is on the frozen time, not the count.
     */
    private static final double MAX_FROZEN_SECONDS = 0.5;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private LoopbackCall call;
    private Map<String, CallPage> pages;
    private FocusConference focus;

    @BeforeAll
    void start() throws Exception {
        call = LoopbackCall.start(http);
        pages = call.pages;
        focus = call.focus;
        for (String name : List.of("alice", "bob", "carol")) {
            CallPage page = CallPage.openSimulcast(call.chromium.browser(), name, CAMERA_HEIGHT * 4 / 3, CAMERA_HEIGHT, 15);
            pages.put(name, page);
            focus.join(name, page);
        }
    }

    @AfterAll
    void stop() {
        if (call != null) {
            call.close();
        }
    }

    @AfterEach
    void noPageErrors(TestInfo test) {
        call.assertNoPageErrors(test.getDisplayName());
    }

    @Test
    void aSmallTileGetsTheLowLayerWhileABigOneKeepsTheHighAndBothDecodeAcrossSwitches() throws IOException {
        await("bob and carol decode alice's high layer", () -> height("bob") == CAMERA_HEIGHT && height("carol") == CAMERA_HEIGHT);

        long carolFrames = frames("carol");
        double bobFrozen = frozenSeconds("bob");
        double carolFrozen = frozenSeconds("carol");
        focus.videoHeights("bob", Map.of("alice", 120));
        await("bob gets alice's low layer", () -> height("bob") == LOW);
        long bobFrames = frames("bob");
        await("bob keeps decoding alice's low layer, carol her high one", () -> frames("bob") >= bobFrames + 30
                && frames("carol") >= carolFrames + 30 && height("carol") == CAMERA_HEIGHT && height("bob") == LOW);

        focus.videoHeights("bob", Map.of());
        await("bob is back on alice's high layer", () -> height("bob") == CAMERA_HEIGHT);
        long bobFramesAfter = frames("bob");
        await("bob keeps decoding after switching up", () -> frames("bob") >= bobFramesAfter + 30);
        assertTrue(frozenSeconds("bob") - bobFrozen < MAX_FROZEN_SECONDS, "bob's video froze across the switches\n"
                + diagnosis());
        assertTrue(frozenSeconds("carol") - carolFrozen < MAX_FROZEN_SECONDS, "carol's video froze while bob switched\n"
                + diagnosis());
        assertTrue(pages.get("alice").stats().from("bob", "video").map(t -> t.framesDecoded() > 0).orElse(false),
                "alice decodes bob too");
    }

    private PageStats.Track fromAlice(String receiver) {
        return pages.get(receiver).stats().from("alice", "video").orElse(null);
    }

    private long height(String receiver) {
        PageStats.Track t = fromAlice(receiver);
        return t == null ? 0 : t.frameHeight();
    }

    private long frames(String receiver) {
        PageStats.Track t = fromAlice(receiver);
        return t == null ? 0 : t.framesDecoded();
    }

    private double frozenSeconds(String receiver) {
        PageStats.Track t = fromAlice(receiver);
        return t == null ? 0 : t.totalFreezesDuration();
    }

    private void await(String what, BooleanSupplier condition) {
        Await.until(what, DEADLINE, condition, this::diagnosis);
    }

    private String diagnosis() {
        StringBuilder s = new StringBuilder();
        for (CallPage page : pages.values()) {
            s.append(page).append(": ").append(page.stats()).append('\n');
        }
        return s.toString();
    }
}
