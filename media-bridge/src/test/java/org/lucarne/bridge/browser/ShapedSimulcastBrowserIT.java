package org.lucarne.bridge.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lucarne.bridge.BridgeConfig;
import org.lucarne.bridge.MediaBridge;
import org.lucarne.bridge.browser.focus.Colibri2Client;
import org.lucarne.bridge.browser.focus.FocusConference;
import org.lucarne.testing.Chromium;
import org.lucarne.testing.net.LabNamespace;
import org.lucarne.testing.net.LinkShape;
import org.lucarne.testing.net.NetLab;

/**
 * Simulcast on a shaped link: alice sends her camera as two layers; bob receives on an unshaped
 * link, carol from a network namespace behind 400 kbit/s, 100 ms each way (200 ms round trip) and
 * 3 % loss each way. Bob keeps alice's high layer, carol gets the low one and her audio stays
 * continuous. Needs root (the network lab skips the test otherwise).
 */
class ShapedSimulcastBrowserIT {
    private static final LinkShape WEAK = new LinkShape(400, Duration.ofMillis(100), 3);
    private static final int CAMERA_HEIGHT = 360;
    private static final Duration DEADLINE = Duration.ofSeconds(40);
    private static final Duration HOLD = Duration.ofSeconds(5);
    /** How long carol's audio is measured once she is on the low layer: ten seconds at 48 kHz. */
    private static final long MEASURED_SAMPLES = 10 * 48_000;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private NetLab lab;
    private MediaBridge bridge;
    private Chromium shaped;
    private Chromium unshaped;
    private CallPage alice;
    private CallPage bob;
    private CallPage carol;

    @BeforeEach
    void start() throws Exception {
        lab = NetLab.open();
        LabNamespace weak = lab.namespace();
        weak.shape(WEAK);
        bridge = MediaBridge.create(new BridgeConfig("127.0.0.1", 0, weak.rootAddress(), 0, Optional.empty(),
                Duration.ofSeconds(60), Optional.empty(), OptionalInt.empty()), Clock.systemUTC()).start();
        shaped = Chromium.launch(new Chromium.Launch().executable(weak.chromiumExecutable()));
        unshaped = Chromium.launch();
    }

    @AfterEach
    void stop() {
        for (AutoCloseable c : new AutoCloseable[] {alice, bob, carol, shaped, unshaped, bridge, lab}) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception e) {
                // go on closing the rest; the lab's close comes last and removes the namespace
            }
        }
    }

    @Test
    void theShapedReceiverGetsTheLowLayerWithContinuousAudioWhileTheOtherKeepsTheHigh() throws Exception {
        FocusConference focus = new FocusConference(new Colibri2Client(bridge.httpUri(), http), "visit-" + UUID.randomUUID());
        alice = CallPage.openSimulcast(unshaped.browser(), "alice", CAMERA_HEIGHT * 4 / 3, CAMERA_HEIGHT, 15);
        bob = CallPage.openSimulcast(unshaped.browser(), "bob", 160, 120, 15);
        carol = CallPage.openSimulcast(shaped.browser(), "carol", 160, 120, 15);
        focus.join("alice", alice);
        focus.join("bob", bob);
        focus.join("carol", carol);

        BooleanSupplier layers = () -> height(bob) == CAMERA_HEIGHT && height(carol) == CAMERA_HEIGHT / 2;
        await("bob decodes alice's high layer and carol her low one", layers);
        // The first seconds of a call overfill a weak link (alice starts before carol's link is
        // known) and its queue takes a moment to drain: measure the call once its layers held.
        Await.held("the layers stay so", DEADLINE, HOLD, layers, this::diagnosis);
        PageStats.Track before = audioFromAlice(carol);
        await("carol receives ten more seconds of alice's audio",
                () -> audioFromAlice(carol).totalSamplesReceived() >= before.totalSamplesReceived() + MEASURED_SAMPLES);
        PageStats.Track after = audioFromAlice(carol);

        assertEquals(CAMERA_HEIGHT / 2, height(carol), "carol stayed on the low layer\n" + diagnosis());
        assertEquals(CAMERA_HEIGHT, height(bob), "bob kept the high layer\n" + diagnosis());
        long concealed = after.concealedSamples() - before.concealedSamples();
        long total = after.totalSamplesReceived() - before.totalSamplesReceived();
        assertTrue(total > 0, "carol received alice's audio\n" + diagnosis());
        double ratio = (double) concealed / total;
        System.out.printf("carol's audio from alice on the shaped link: %.2f %% concealed of %d samples%n",
                100 * ratio, total);
        assertTrue(ratio < 0.05, "carol's audio from alice: " + concealed + " of " + total
                + " samples concealed, not under 5 %\n" + diagnosis());
        for (CallPage page : List.of(alice, bob, carol)) {
            assertEquals(List.of(), page.errors(), page + "'s console");
        }
    }

    private static PageStats.Track audioFromAlice(CallPage receiver) {
        return receiver.stats().from("alice", "audio").orElseThrow(() -> new AssertionError(receiver + " has no audio from alice"));
    }

    private static long height(CallPage receiver) {
        return receiver.stats().from("alice", "video").map(PageStats.Track::frameHeight).orElse(0L);
    }

    private void await(String what, BooleanSupplier condition) {
        Await.until(what, DEADLINE, condition, this::diagnosis);
    }

    private String diagnosis() {
        return "alice: " + alice.stats() + "\nbob: " + bob.stats() + "\ncarol: " + carol.stats();
    }
}
