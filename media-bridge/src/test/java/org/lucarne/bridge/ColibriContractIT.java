package org.lucarne.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lucarne.bridge.colibri.Colibri2Codec;

/**
 * JVB's documented requests (src/test/resources/colibri2/requests) in the order a focus sends them,
 * through the HTTP API; every answer decodes with the focus's side of the codec and holds every field
 * a JVB client reads.
 */
class ColibriContractIT {
    private static final String MEETING = "4d0c1f7a-2b6e-4a59-9c3d-7e81a05f2c14";
    private static final String CONFERENCES = "/colibri/v2/conferences";

    private MediaBridge bridge;
    private BridgeHttp http;

    @BeforeEach
    void start() throws IOException {
        bridge = MediaBridge.create(BridgeConfig.loopbackForTests(), Clock.systemUTC()).start();
        http = new BridgeHttp(bridge.httpUri());
    }

    @AfterEach
    void stop() {
        bridge.close();
    }

    private static String fixture(String name) throws IOException {
        try (InputStream in = ColibriContractIT.class.getResourceAsStream("/colibri2/requests/" + name)) {
            if (in == null) {
                throw new IllegalStateException("no fixture colibri2/requests/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private BridgeHttp.Answer ok(BridgeHttp.Answer a) throws Exception {
        assertEquals(200, a.status(), a.body());
        new Colibri2Codec().decodeResponse(a.body());
        return a;
    }

    @Test
    void documentedRequestsGetAnswersAJvbClientCanUse() throws Exception {
        BridgeHttp.Answer created = ok(http.post(CONFERENCES, fixture("create-conference.json")));
        assertClientFields(created.json(), "a41f09c2");

        ok(http.patch(CONFERENCES + "/" + MEETING, fixture("patch-remote-transport-and-sources.json")));
        BridgeHttp.Answer added = ok(http.patch(CONFERENCES + "/" + MEETING, fixture("add-endpoint-bare-ssrcs.json")));
        assertClientFields(added.json(), "5e6b2d90");
        assertEquals(2, bridge.conferences().endpointCount());

        ok(http.patch(CONFERENCES + "/" + MEETING, fixture("clear-endpoint-sources.json")));
        BridgeHttp.Answer expired = ok(http.patch(CONFERENCES + "/" + MEETING, fixture("expire-endpoint.json")));
        assertTrue(expired.json().path("endpoints").path(0).path("expire").asBoolean());
        assertEquals(1, bridge.conferences().endpointCount());

        assertEquals("{}", ok(http.post(CONFERENCES, fixture("expire-conference.json"))).body());
        assertEquals(0, bridge.conferences().conferenceCount());

        ok(http.post(CONFERENCES, fixture("create-conference.json")));
        assertEquals("{}", ok(http.patch(CONFERENCES + "/" + MEETING,
                fixture("expire-conference-patch-body.json"))).body());
        assertEquals(0, bridge.conferences().conferenceCount());
    }

    /** What Jicofo (and Lucarne's focus) reads from an answer that created an endpoint. */
    private void assertClientFields(JsonNode answer, String endpointId) {
        JsonNode endpoint = answer.path("endpoints").path(0);
        assertEquals(endpointId, endpoint.path("id").asText());
        JsonNode t = endpoint.path("transport").path("transport");
        for (String field : new String[] {"xmlns", "ufrag", "pwd"}) {
            assertTrue(t.path(field).isTextual(), field + " missing: " + t);
        }
        assertTrue(t.path("rtcp-mux").isBoolean(), t.toString());
        JsonNode fp = t.path("fingerprints").path(0);
        for (String field : new String[] {"fingerprint", "hash", "setup"}) {
            assertTrue(fp.path(field).isTextual(), field + " missing: " + fp);
        }
        assertFalse(t.path("candidates").isEmpty(), t.toString());
        for (JsonNode c : t.path("candidates")) {
            // What becomes the SDP candidate line (RFC 8839 §5.1). JVB also writes "id" and "network".
            for (String field : new String[] {"component", "foundation", "generation", "ip", "port", "priority",
                    "protocol", "type"}) {
                assertTrue(c.path(field).isTextual(), field + " missing or not a string: " + c);
            }
        }
        JsonNode sources = answer.path("sources");
        assertEquals(2, sources.size(), answer.toString());
        for (JsonNode s : sources) {
            JsonNode ssrc = s.path("sources").path(0);
            assertTrue(ssrc.path("ssrc").isNumber(), s.toString());
            assertEquals(s.path("id").asText(), ssrc.path("name").asText());
            assertTrue(ssrc.path("parameters").path("msid").isTextual(), s.toString());
        }
    }
}
