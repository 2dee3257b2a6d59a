package org.lucarne.bridge.browser;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.lucarne.bridge.MediaBridge;
import org.lucarne.bridge.browser.focus.Colibri2Client;
import org.lucarne.bridge.browser.focus.FocusConference;
import org.lucarne.bridge.colibri.IceUdpTransport;
import org.lucarne.testing.Chromium;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Headless Chromium pages with a fake camera and microphone in one conference through a real
 * bridge on loopback, driven only through Colibri2 (the focus side in {@code focus}, its SDP from
 * {@code org.lucarne.bridge.sdp}). The scenarios build on each other, in order: two pages, a third
 * joins, one leaves, the conference expires. Then a call of its own: a sender's congestion controller,
 * fed by the bridge's transport-cc feedback, ramps up past 1 Mbit/s.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BridgeBrowserIT {
    private static final Duration MEDIA_DEADLINE = Duration.ofSeconds(20);
    private static final Duration STUN_WAIT = Duration.ofMillis(1500);
    private static final long KEYFRAME_BOUND_MS = 1000;
    /** A generous bound for a loaded machine: a direct call gets there in a few seconds. */
    private static final Duration RAMP_UP_DEADLINE = Duration.ofSeconds(60);
    private static final double RAMP_UP_TARGET_BPS = 1_000_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private LoopbackCall call;
    private Map<String, CallPage> pages;
    private MediaBridge bridge;
    private Chromium chromium;
    private FocusConference focus;
    private int scenariosPassed;

    @BeforeAll
    void start() throws IOException {
        call = LoopbackCall.start(http);
        pages = call.pages;
        bridge = call.bridge;
        chromium = call.chromium;
        focus = call.focus;
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
    @Order(1)
    void twoPagesDecodeEachOthersVideoAndHearEachOthersAudio() throws Exception {
        join("alice");
        join("bob");

        awaitMedia("alice", "bob");
        awaitMedia("bob", "alice");
        scenariosPassed = 1;
    }

    @Test
    @Order(2)
    void thirdPageDecodesBothOthersWithinOneSecondOfConnecting() throws Exception {
        assumeTrue(scenariosPassed == 1, "needs two pages in the conference");
        join("carol");

        for (String other : List.of("alice", "bob")) {
            awaitMedia("carol", other);
            awaitMedia(other, "carol");
        }
        PageStats carol = pages.get("carol").stats();
        assertNotNull(carol.connectedAt(), "carol's connection state is " + carol.connectionState());
        for (String other : List.of("alice", "bob")) {
            PageStats.Track video = carol.from(other, "video").orElseThrow();
            assertNotNull(video.firstFrameAt(), "carol decoded " + other + " but noted no first frame");
            assertTrue(video.keyFramesDecoded() > 0, "carol decoded no keyframe from " + other);
            double delay = video.firstFrameAt() - carol.connectedAt();
            System.out.printf("carol's first frame from %s: %.0f ms after her transport connected%n", other, delay);
            assertTrue(delay <= KEYFRAME_BOUND_MS, "carol's first frame from " + other + " came " + Math.round(delay)
                    + " ms after her transport connected, more than " + KEYFRAME_BOUND_MS + " ms");
        }
        scenariosPassed = 2;
    }

    @Test
    @Order(3)
    void onePageLeavingDoesNotDisturbTheOthers() throws Exception {
        assumeTrue(scenariosPassed == 2, "needs three pages in the conference");
        IceUdpTransport bobsBridgeSide = focus.bridgeTransport("bob");
        focus.leave("bob");
        pages.remove("bob").close();

        long aliceFromCarol = pages.get("alice").stats().framesDecodedFrom("carol");
        long carolFromAlice = pages.get("carol").stats().framesDecodedFrom("alice");
        await("alice keeps decoding carol and carol keeps decoding alice", () ->
                pages.get("alice").stats().framesDecodedFrom("carol") >= aliceFromCarol + 15
                        && pages.get("carol").stats().framesDecodedFrom("alice") >= carolFromAlice + 15);
        JsonNode stats = bridgeStats();
        assertEquals(1, stats.path("conferences").asInt(-1), stats::toString);
        assertEquals(2, stats.path("endpoints").asInt(-1), stats::toString);
        assertFalse(answersStun(bobsBridgeSide), "the bridge still answers ICE checks for bob's expired endpoint");
        scenariosPassed = 3;
    }

    @Test
    @Order(4)
    void expiringTheConferenceFreesEveryEndpointAndItsPortRegistrations() throws Exception {
        assumeTrue(scenariosPassed == 3, "needs the conference of alice and carol");
        List<IceUdpTransport> bridgeSides = List.of(focus.bridgeTransport("alice"), focus.bridgeTransport("carol"));
        for (IceUdpTransport side : bridgeSides) {
            assertTrue(answersStun(side), "a live endpoint's ufrag " + side.ufrag() + " gets no STUN answer: the probe"
                    + " cannot tell a freed one apart");
        }

        focus.expire();

        JsonNode stats = bridgeStats();
        assertEquals(0, stats.path("conferences").asInt(-1), stats::toString);
        assertEquals(0, stats.path("endpoints").asInt(-1), stats::toString);
        for (IceUdpTransport side : bridgeSides) {
            assertFalse(answersStun(side), "the bridge still answers ICE checks for ufrag " + side.ufrag());
        }
    }

    @Test
    @Order(5)
    void sendersEstimateRampsUpToOneMegabitThroughTheBridgeAndTheReceiverKeepsDecoding() throws Exception {
        // A call of its own, with 720p cameras filming noise: the encoder then sends what the estimate
        // allows, so the estimate is not held by an application-limited sender.
        Path camera = NoisyCamera.write(Files.createTempFile("bridge-it-camera", ".y4m"));
        FocusConference call = new FocusConference(new Colibri2Client(bridge.httpUri(), http), "visit-" + UUID.randomUUID());
        try (Chromium noisy = Chromium.launch(new Chromium.Launch().flag("--use-file-for-fake-video-capture=" + camera))) {
            for (String id : List.of("dave", "erin")) {
                CallPage page = CallPage.open(noisy.browser(), id, 1280, 720, 30);
                pages.put(id, page);
                call.join(id, page);
            }
            awaitMedia("dave", "erin");
            awaitMedia("erin", "dave");

            await("dave's congestion controller estimates at least " + RAMP_UP_TARGET_BPS + " bit/s towards the bridge",
                    RAMP_UP_DEADLINE, () -> pages.get("dave").sendStats().availableOutgoingBitrate() >= RAMP_UP_TARGET_BPS);

            long decoded = pages.get("erin").stats().framesDecodedFrom("dave");
            await("erin keeps decoding dave", MEDIA_DEADLINE,
                    () -> pages.get("erin").stats().framesDecodedFrom("dave") >= decoded + 30);
            System.out.println("dave's sending side once his estimate passed 1 Mbit/s: " + pages.get("dave").sendStats());
            call.expire();
        } finally {
            pages.remove("dave");
            pages.remove("erin");
            Files.deleteIfExists(camera);
        }
    }

    private void join(String endpointId) throws Exception {
        CallPage page = CallPage.open(chromium.browser(), endpointId);
        pages.put(endpointId, page);
        focus.join(endpointId, page);
    }

    /** The receiver decodes the sender's video and receives its audio, at a level above silence. */
    private void awaitMedia(String receiver, String sender) {
        await(receiver + " decodes " + sender + "'s video and hears its audio", () -> {
            PageStats s = pages.get(receiver).stats();
            return s.from(sender, "video").map(t -> t.framesDecoded() > 0).orElse(false)
                    && s.from(sender, "audio").map(t -> t.packetsReceived() > 0 && t.peakAudioLevel() > 0).orElse(false);
        });
    }

    private void await(String what, BooleanSupplier condition) {
        await(what, MEDIA_DEADLINE, condition);
    }

    private void await(String what, Duration bound, BooleanSupplier condition) {
        Await.until(what, bound, condition, this::diagnosis);
    }

    private String diagnosis() {
        StringBuilder s = new StringBuilder();
        for (CallPage page : pages.values()) {
            s.append(page).append(": ").append(page.stats()).append('\n');
        }
        try {
            s.append("bridge: ").append(bridgeStats());
        } catch (IOException e) {
            s.append("bridge stats unavailable: ").append(e.getMessage());
        }
        return s.toString();
    }

    private boolean answersStun(IceUdpTransport bridgeSide) throws IOException {
        return StunProbe.answers(bridge.udpAddress(), bridgeSide.ufrag(), bridgeSide.pwd(), STUN_WAIT);
    }

    private JsonNode bridgeStats() throws IOException {
        URI uri = bridge.httpUri().resolve("colibri/stats");
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new IOException("GET " + uri + " answered " + r.statusCode() + ": " + r.body());
            }
            return JSON.readTree(r.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted: GET " + uri, e);
        }
    }
}
