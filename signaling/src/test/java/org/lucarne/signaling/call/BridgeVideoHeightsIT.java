package org.lucarne.signaling.call;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.lucarne.bridge.BridgeConfig;
import org.lucarne.bridge.MediaBridge;
import org.lucarne.signaling.call.bridge.Bridge;
import org.lucarne.signaling.call.bridge.Colibri2Client;

/**
 * Lucarne's Colibri2 extension {@code lucarne-video-heights} (docs/colibri2.md) goes to a bridge that
 * announced it, which takes it, and never to a JVB (played by WireMock with JVB's documented answer).
 */
class BridgeVideoHeightsIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    @Test
    void aLucarneBridgeAnnouncesAndTakesTheTilesHeights() throws Exception {
        try (MediaBridge bridge = MediaBridge.create(BridgeConfig.loopbackForTests(), Clock.systemUTC()).start()) {
            BridgeConference conference = new BridgeConference(
                    Colibri2Client.create(new Bridge(bridge.httpUri(), Optional.empty()), TIMEOUT), "m-heights");
            conference.allocate("kiosk-e1");
            conference.allocate("family-e1");

            assertTrue(conference.takesVideoHeights(), "our bridge lists lucarne-video-heights for an endpoint it creates");
            conference.videoHeights("kiosk-e1", Map.of("family-e1", 720)); // a refusal would throw
            conference.videoHeights("family-e1", Map.of("kiosk-e1", 180));
        }
    }

    @Test
    void aJvbNeverGetsThem() throws Exception {
        WireMockServer jvb = new WireMockServer(options().dynamicPort());
        jvb.start();
        try {
            jvb.stubFor(post(urlEqualTo("/colibri/v2/conferences")).willReturn(aResponse().withStatus(200)
                    .withHeader("Content-Type", "application/json").withBody(text("responses/conference-created.json"))));
            jvb.stubFor(patch(urlPathMatching("/colibri/v2/conferences/.+")).willReturn(aResponse().withStatus(200)
                    .withHeader("Content-Type", "application/json").withBody("{}")));
            BridgeConference conference = new BridgeConference(
                    Colibri2Client.create(new Bridge(java.net.URI.create(jvb.baseUrl() + "/"), Optional.empty()), TIMEOUT),
                    "m-jvb");
            conference.allocate("a41f09c2");

            conference.videoHeights("a41f09c2", Map.of("other", 180));

            assertEquals(false, conference.takesVideoHeights());
            assertEquals(1, jvb.findAll(anyRequestedFor(urlPathMatching("/colibri/v2/conferences.*"))).size(),
                    "only the allocation");
            assertEquals(0, jvb.findAll(patchRequestedFor(urlPathMatching(".*"))).size(), "no PATCH with the heights");
        } finally {
            jvb.stop();
        }
    }

    private static String text(String name) throws IOException {
        try (InputStream in = BridgeVideoHeightsIT.class.getResourceAsStream("/jvb/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
