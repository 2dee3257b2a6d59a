package org.lucarne.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lucarne.testing.ManualClock;

/** Colibri2 over HTTP on a real bridge: real ICE port, DTLS identity, transports and router. */
class ColibriApiIT {
    private static final String CONFERENCES = "/colibri/v2/conferences";
    private static final String FINGERPRINT = "3A:91:C4:0E:77:D2:58:1B:AF:60:2C:E9:14:B8:7D:03:C6:5F:A1:98:4E:22:DB:70:0F:"
            + "B3:69:8C:E5:17:4A:D0";

    private final ManualClock clock = ManualClock.startingNow();
    private MediaBridge bridge;
    private BridgeHttp http;

    @BeforeEach
    void start() throws IOException {
        BridgeConfig t = BridgeConfig.loopbackForTests();
        bridge = MediaBridge.create(new BridgeConfig(t.httpHost(), 0, t.udpHost(), 0, Optional.empty(),
                Duration.ofSeconds(60), Optional.empty()), clock).start();
        http = new BridgeHttp(bridge.httpUri());
    }

    @AfterEach
    void stop() {
        bridge.close();
    }

    static String createWithEndpoint(String meetingId, String endpointId) {
        return "{\"meeting-id\":\"" + meetingId + "\",\"create\":true,\"endpoints\":[{\"id\":\"" + endpointId
                + "\",\"create\":true,\"medias\":[{\"type\":\"audio\",\"payload-types\":[{\"id\":\"111\","
                + "\"name\":\"opus\",\"clockrate\":\"48000\",\"channels\":\"2\"}]}],"
                + "\"transport\":{\"ice-controlling\":true},\"capabilities\":[\"source-names\"]}]}";
    }

    static String addEndpoint(String endpointId) {
        return "{\"endpoints\":[{\"id\":\"" + endpointId + "\",\"create\":true,\"transport\":{}}]}";
    }

    static String remoteTransport(String endpointId, String ufrag, String fingerprints) {
        return "{\"endpoints\":[{\"id\":\"" + endpointId + "\",\"transport\":{\"transport\":{"
                + "\"xmlns\":\"urn:xmpp:jingle:transports:ice-udp:1\",\"ufrag\":\"" + ufrag + "\","
                + "\"pwd\":\"x3HdT0pZr9LmA2sYwE5uNbqC\",\"rtcp-mux\":true" + fingerprints + "}}}]}";
    }

    static String sources(String endpointId, long audioSsrc) {
        return "{\"endpoints\":[{\"id\":\"" + endpointId + "\",\"sources\":[{\"type\":\"audio\",\"id\":\""
                + endpointId + "-a0\",\"sources\":[" + audioSsrc + "]}]}]}";
    }

    private static String fingerprints() {
        return ",\"fingerprints\":[{\"fingerprint\":\"" + FINGERPRINT + "\",\"hash\":\"sha-256\",\"setup\":\"active\"}]";
    }

    @Test
    void createdEndpointGetsTheBridgeTransportOnItsRealUdpPortAndFeedbackSources() {
        BridgeHttp.Answer a = http.post(CONFERENCES, createWithEndpoint("m1", "e1"));
        assertEquals(200, a.status(), a.body());
        JsonNode endpoint = a.json().path("endpoints").path(0);
        assertEquals("e1", endpoint.path("id").asText());
        JsonNode t = endpoint.path("transport").path("transport");
        assertEquals("urn:xmpp:jingle:transports:ice-udp:1", t.path("xmlns").asText());
        assertTrue(t.path("ufrag").asText().length() >= 4, t.toString());
        assertTrue(t.path("pwd").asText().length() >= 22, t.toString());
        assertTrue(t.path("rtcp-mux").asBoolean());
        JsonNode fp = t.path("fingerprints").path(0);
        assertEquals("sha-256", fp.path("hash").asText());
        assertEquals("actpass", fp.path("setup").asText());
        assertTrue(fp.path("fingerprint").asText().matches("([0-9A-F]{2}:){31}[0-9A-F]{2}"), fp.toString());
        JsonNode candidate = t.path("candidates").path(0);
        assertTrue(candidate.path("port").isTextual(), "JVB writes the port as a string: " + candidate);
        assertEquals(String.valueOf(bridge.udpAddress().getPort()), candidate.path("port").asText());
        assertEquals("127.0.0.1", candidate.path("ip").asText());
        assertEquals("1", candidate.path("component").asText());
        assertTrue(candidate.path("priority").isTextual());
        assertEquals("host", candidate.path("type").asText());
        assertEquals("udp", candidate.path("protocol").asText());
        JsonNode feedback = a.json().path("sources");
        assertEquals("jvb-a0", feedback.path(0).path("id").asText());
        assertEquals("audio", feedback.path(0).path("type").asText());
        assertEquals("jvb-v0", feedback.path(1).path("id").asText());
        assertTrue(feedback.path(1).path("sources").path(0).path("ssrc").isNumber());
        assertEquals(1, bridge.conferences().conferenceCount());
        assertEquals(1, bridge.conferences().endpointCount());
    }

    @Test
    void patchWithRemoteTransportAndSourcesIsAccepted() {
        http.post(CONFERENCES, createWithEndpoint("m1", "e1"));
        BridgeHttp.Answer a = http.patch(CONFERENCES + "/m1", remoteTransport("e1", "Qk7v", fingerprints()));
        assertEquals(200, a.status(), a.body());
        assertEquals("e1", a.json().path("endpoints").path(0).path("id").asText());
        assertFalse(a.json().has("sources"), "feedback sources come only with a creation: " + a.body());
        assertEquals(200, http.patch(CONFERENCES + "/m1", sources("e1", 1234)).status());
    }

    @Test
    void badRemoteTransportIs400WithThePathAndChangesNothing() {
        http.post(CONFERENCES, createWithEndpoint("m1", "e1"));
        BridgeHttp.Answer a = http.patch(CONFERENCES + "/m1", remoteTransport("e1", "Qk7v", ""));
        assertEquals(400, a.status(), a.body());
        assertTrue(a.error().startsWith("endpoints[0].transport.transport.fingerprints is missing"), a.error());
        assertEquals(200, http.patch(CONFERENCES + "/m1", remoteTransport("e1", "Qk7v", fingerprints())).status());
    }

    @Test
    void badTransportInACreateLeavesNoConferenceBehind() {
        String create = createWithEndpoint("m1", "e1").replace("\"transport\":{\"ice-controlling\":true}",
                "\"transport\":{\"transport\":{\"xmlns\":\"urn:xmpp:jingle:transports:ice-udp:1\",\"ufrag\":\"Qk7v\"}}");
        BridgeHttp.Answer a = http.post(CONFERENCES, create);
        assertEquals(400, a.status(), a.body());
        assertTrue(a.error().startsWith("endpoints[0].transport.transport."), a.error());
        assertEquals(0, bridge.conferences().conferenceCount());
        assertEquals(200, http.post(CONFERENCES, createWithEndpoint("m1", "e1")).status());
    }

    @Test
    void creatingAnEndpointWithoutTransportIsRefusedWithJvbsMessage() {
        String create = createWithEndpoint("m1", "e1").replace(",\"transport\":{\"ice-controlling\":true}", "");
        BridgeHttp.Answer a = http.post(CONFERENCES, create);
        assertEquals(400, a.status());
        assertEquals("endpoints[0].transport is missing: Attempt to create endpoint e1 with no <transport>", a.error());
        assertEquals(0, bridge.conferences().conferenceCount());
    }

    @Test
    void creatingAnExistingConferenceIsAConflictAndKeepsTheFirst() {
        http.post(CONFERENCES, createWithEndpoint("m1", "e1"));
        BridgeHttp.Answer again = http.post(CONFERENCES, createWithEndpoint("m1", "e2"));
        assertEquals(409, again.status());
        assertEquals("Conference already exists for meeting-id m1", again.error());
        assertEquals(1, bridge.conferences().endpointCount());
    }

    @Test
    void creatingAnExistingEndpointIsAConflict() {
        http.post(CONFERENCES, createWithEndpoint("m1", "e1"));
        BridgeHttp.Answer a = http.patch(CONFERENCES + "/m1", addEndpoint("e1"));
        assertEquals(409, a.status());
        assertEquals("endpoints[0]: Endpoint with ID e1 already exists", a.error());
    }

    @Test
    void changingAnUnknownEndpointIs400AsInJvb() {
        http.post(CONFERENCES, createWithEndpoint("m1", "e1"));
        BridgeHttp.Answer a = http.patch(CONFERENCES + "/m1", sources("nobody", 99));
        assertEquals(400, a.status());
        assertEquals("endpoints[0].id: Unknown endpoint nobody", a.error());
    }

    @Test
    void anSsrcAnnouncedByAnotherEndpointIsRefused() {
        http.post(CONFERENCES, createWithEndpoint("m1", "e1"));
        http.patch(CONFERENCES + "/m1", addEndpoint("e2"));
        assertEquals(200, http.patch(CONFERENCES + "/m1", sources("e1", 1234)).status());
        BridgeHttp.Answer a = http.patch(CONFERENCES + "/m1", sources("e2", 1234));
        assertEquals(400, a.status());
        assertEquals("endpoints[0].sources[0].sources[0].ssrc 1234 is already announced by endpoint e1", a.error());
    }

    @Test
    void expiringAnEndpointThenTheConferenceRemovesThem() {
        http.post(CONFERENCES, createWithEndpoint("m1", "e1"));
        BridgeHttp.Answer a = http.patch(CONFERENCES + "/m1", "{\"endpoints\":[{\"id\":\"e1\",\"expire\":true}]}");
        assertEquals(200, a.status());
        assertTrue(a.json().path("endpoints").path(0).path("expire").asBoolean(), a.body());
        assertEquals(0, bridge.conferences().endpointCount());
        assertEquals(1, bridge.conferences().conferenceCount());
        BridgeHttp.Answer end = http.patch(CONFERENCES + "/m1", "{\"expire\":true}");
        assertEquals(200, end.status());
        assertEquals("{}", end.body());
        assertEquals(0, bridge.conferences().conferenceCount());
        assertEquals(404, http.patch(CONFERENCES + "/m1", "{\"expire\":true}").status());
    }

    @Test
    void sweepExpiresSilentEndpointsThenConferencesLeftEmpty() {
        http.post(CONFERENCES, createWithEndpoint("m1", "e1"));
        clock.advance(Duration.ofSeconds(59));
        assertEquals(0, bridge.conferences().sweep());
        assertEquals(1, bridge.conferences().endpointCount());
        clock.advance(Duration.ofSeconds(2));
        assertEquals(1, bridge.conferences().sweep());
        assertEquals(0, bridge.conferences().endpointCount());
        assertEquals(1, bridge.conferences().conferenceCount(), "an empty conference gets the expire time too");
        clock.advance(Duration.ofSeconds(61));
        assertEquals(1, bridge.conferences().sweep());
        assertEquals(0, bridge.conferences().conferenceCount());
        assertEquals(404, http.patch(CONFERENCES + "/m1", addEndpoint("e2")).status());
    }

    @Test
    void statsCountConferencesAndEndpoints() {
        http.post(CONFERENCES, createWithEndpoint("m1", "e1"));
        http.patch(CONFERENCES + "/m1", addEndpoint("e2"));
        JsonNode stats = http.get("/colibri/stats").json();
        assertEquals(1, stats.path("conferences").asInt());
        assertEquals(2, stats.path("endpoints").asInt());
        assertEquals(1, stats.path("total_conferences_created").asInt());
    }

    @Test
    void closingTheBridgeExpiresEverything() {
        http.post(CONFERENCES, createWithEndpoint("m1", "e1"));
        bridge.close();
        assertEquals(0, bridge.conferences().conferenceCount());
    }
}
