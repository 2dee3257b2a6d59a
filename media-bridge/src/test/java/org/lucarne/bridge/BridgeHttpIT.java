package org.lucarne.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.http.HttpRequest;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The HTTP API's edges on a real bridge: routing, content checks, errors as JSON, the shared secret, ports. */
class BridgeHttpIT {
    private static MediaBridge bridge;
    private static BridgeHttp http;

    @BeforeAll
    static void start() throws IOException {
        bridge = MediaBridge.create(BridgeConfig.loopbackForTests(), Clock.systemUTC()).start();
        http = new BridgeHttp(bridge.httpUri());
    }

    @AfterAll
    static void stop() {
        bridge.close();
    }

    @Test
    void healthIsOkWhileTheUdpPortIsOpen() {
        BridgeHttp.Answer a = http.get("/about/health");
        assertEquals(200, a.status());
        assertTrue(a.json().path("healthy").asBoolean());
        assertEquals("127.0.0.1:" + bridge.udpAddress().getPort(), a.json().path("udp").asText());
        assertTrue(a.raw().headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
    }

    @Test
    void statsCarryJvbNamesCountersAndRates() {
        JsonNode stats = http.get("/colibri/stats").json();
        for (String key : new String[] {"conferences", "endpoints", "participants", "total_packets_received",
                "total_bytes_received", "total_packets_sent", "total_bytes_sent", "bitrate_download_bps",
                "bitrate_upload_bps", "bit_rate_download", "bit_rate_upload", "packet_rate_download",
                "packet_rate_upload", "total_conferences_created", "current_timestamp"}) {
            assertTrue(stats.has(key), "stats lack " + key + ": " + stats);
        }
        assertTrue(stats.path("dropped").isObject(), stats.toString());
        assertTrue(stats.path("conferences").isInt());
    }

    @Test
    void unknownPathIsNotFoundAsJson() {
        BridgeHttp.Answer a = http.get("/colibri/v1/conferences");
        assertEquals(404, a.status());
        assertEquals("no such resource: /colibri/v1/conferences", a.error());
    }

    @Test
    void wrongMethodIsRefusedWithTheAllowedOne() {
        BridgeHttp.Answer a = http.get("/colibri/v2/conferences");
        assertEquals(405, a.status());
        assertEquals("POST", a.raw().headers().firstValue("Allow").orElse(""));
        assertEquals(405, http.post("/about/health", "{}").status());
        assertEquals(405, http.post("/colibri/v2/conferences/m1", "{}").status());
    }

    @Test
    void bodyThatIsNotJsonByContentTypeIs415() {
        BridgeHttp.Answer a = http.send(http.builder("/colibri/v2/conferences").header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("{\"meeting-id\":\"m\",\"create\":true}")));
        assertEquals(415, a.status());
        assertEquals("Content-Type must be application/json, was 'text/plain'", a.error());
        assertEquals(0, bridge.conferences().conferenceCount());
    }

    @Test
    void malformedColibriIs400NamingTheJsonPath() {
        BridgeHttp.Answer a = http.post("/colibri/v2/conferences",
                "{\"meeting-id\":\"m\",\"create\":true,\"endpoints\":[{\"id\":\"e1\",\"create\":\"yes\"}]}");
        assertEquals(400, a.status());
        assertTrue(a.error().startsWith("endpoints[0].create "), a.error());
        BridgeHttp.Answer broken = http.post("/colibri/v2/conferences", "{\"meeting-id\":");
        assertEquals(400, broken.status());
        assertFalse(broken.body().contains("Exception"), broken.body());
        assertEquals(0, bridge.conferences().conferenceCount());
    }

    @Test
    void oversizeBodyIsRefused() {
        String big = "{\"meeting-id\":\"" + "m".repeat(300 * 1024) + "\"}";
        BridgeHttp.Answer a = http.post("/colibri/v2/conferences", big);
        assertEquals(413, a.status());
        assertEquals("close", a.raw().headers().firstValue("Connection").orElse(null),
                "the unread body ends the connection, so no client reuses it");
    }

    @Test
    void patchOfAnUnknownConferenceIs404WithAJsonError() {
        BridgeHttp.Answer a = http.patch("/colibri/v2/conferences/no-such-meeting", "{\"expire\":true}");
        assertEquals(404, a.status());
        assertEquals("Conference not found for meeting-id no-such-meeting", a.error());
    }

    @Test
    void postWithoutMeetingIdIs400() {
        BridgeHttp.Answer a = http.post("/colibri/v2/conferences", "{\"create\":true}");
        assertEquals(400, a.status());
        assertEquals("meeting-id is missing: a POST names its conference", a.error());
    }

    @Test
    void patchWhoseBodyNamesAnotherConferenceIs400() {
        BridgeHttp.Answer a = http.patch("/colibri/v2/conferences/m1", "{\"meeting-id\":\"m2\",\"expire\":true}");
        assertEquals(400, a.status());
        assertTrue(a.error().startsWith("meeting-id 'm2' does not match"), a.error());
    }

    @Test
    void sharedSecretIsRequiredWhenConfigured() throws IOException {
        String secret = "s3cret-s3cret-s3cret";
        BridgeConfig t = BridgeConfig.loopbackForTests();
        BridgeConfig config = new BridgeConfig(t.httpHost(), 0, t.udpHost(), 0, Optional.empty(), t.expire(),
                Optional.of(secret));
        try (MediaBridge guarded = MediaBridge.create(config, Clock.systemUTC()).start()) {
            BridgeHttp.Answer none = new BridgeHttp(guarded.httpUri()).get("/about/health");
            assertEquals(401, none.status());
            assertEquals("Bearer realm=\"lucarne-bridge\"", none.raw().headers().firstValue("WWW-Authenticate")
                    .orElse(""));
            BridgeHttp.Answer wrong = new BridgeHttp(guarded.httpUri(), secret + "x").post("/colibri/v2/conferences",
                    "{\"meeting-id\":\"m\",\"create\":true}");
            assertEquals(401, wrong.status());
            assertEquals(0, guarded.conferences().conferenceCount());
            assertEquals(200, new BridgeHttp(guarded.httpUri(), secret).get("/about/health").status());
        }
    }

    @Test
    void takenHttpPortIsNamedInTheError() {
        BridgeConfig t = BridgeConfig.loopbackForTests();
        BridgeConfig clash = new BridgeConfig(t.httpHost(), bridge.httpUri().getPort(), t.udpHost(), 0,
                Optional.empty(), t.expire(), Optional.empty());
        IOException e = assertThrows(IOException.class, () -> MediaBridge.create(clash, Clock.systemUTC()).start());
        assertTrue(e.getMessage().startsWith("cannot listen for HTTP on 127.0.0.1:" + bridge.httpUri().getPort()
                + " (LUCARNE_BRIDGE_HTTP_HOST / LUCARNE_BRIDGE_HTTP_PORT)"), e.getMessage());
    }

    @Test
    void takenIceTcpPortIsNamedInTheErrorAndLeavesTheUdpPortFree() throws IOException {
        BridgeConfig t = BridgeConfig.loopbackForTests();
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName(t.udpHost()));
                DatagramSocket probe = new DatagramSocket(0, InetAddress.getByName(t.udpHost()))) {
            int udpPort = probe.getLocalPort();
            probe.close();
            BridgeConfig clash = new BridgeConfig(t.httpHost(), 0, t.udpHost(), udpPort, Optional.empty(),
                    Duration.ofSeconds(60), Optional.empty(), OptionalInt.of(taken.getLocalPort()));
            IOException e = assertThrows(IOException.class, () -> MediaBridge.create(clash, Clock.systemUTC()).start());
            assertTrue(e.getMessage().contains("or its ICE-TCP port " + taken.getLocalPort()) && e.getMessage()
                    .contains("LUCARNE_BRIDGE_TCP_PORT"), e.getMessage());
            try (DatagramSocket again = new DatagramSocket(udpPort, InetAddress.getByName(t.udpHost()))) {
                assertEquals(udpPort, again.getLocalPort(), "the failed start released its UDP port");
            }
        }
    }

    @Test
    void takenUdpPortIsNamedInTheError() {
        BridgeConfig t = BridgeConfig.loopbackForTests();
        BridgeConfig clash = new BridgeConfig(t.httpHost(), 0, t.udpHost(), bridge.udpAddress().getPort(),
                Optional.empty(), Duration.ofSeconds(60), Optional.empty());
        IOException e = assertThrows(IOException.class, () -> MediaBridge.create(clash, Clock.systemUTC()).start());
        assertTrue(e.getMessage().startsWith("cannot bind the media UDP port 127.0.0.1:" + bridge.udpAddress().getPort()
                + " (LUCARNE_BRIDGE_UDP_HOST / LUCARNE_BRIDGE_UDP_PORT)"), e.getMessage());
    }
}
