package org.lucarne.signaling.call;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lucarne.signaling.demo.DemoVisit;
import org.lucarne.signaling.demo.OpenDemoVisit;
import org.lucarne.signaling.testing.TestDevice;
import org.lucarne.signaling.testing.TabletTls;
import org.lucarne.signaling.testing.TestServer;
import org.lucarne.signaling.testing.WsTestClient;

/**
 * The call focus driving two Jitsi Videobridges, played by WireMock with JVB's Colibri2 REST API
 * (doc/rest-colibri2.md; the documents of {@code src/test/resources/jvb/}), over real sockets: the
 * family joins by invite, the tablet answers, and the test reads what each bridge was sent.
 *
 * <p>Each bridge answers an allocation with JVB's documented answer for the endpoint it was asked
 * for, with fresh ICE credentials as JVB gives every endpoint; the second bridge has addresses of
 * its own. The first bridge reports the lighter load, so calls start there.
 */
class JvbFocusIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CONFERENCES = "/colibri/v2/conferences";
    private static final String A_CONFERENCE = CONFERENCES + "/[^/]+";

    @TempDir
    Path dir;
    private WireMockServer jvb1;
    private WireMockServer jvb2;
    private TestServer server;
    private TabletTls tablets;
    private DemoVisit visit;

    @BeforeEach
    void start() {
        jvb1 = jvb(Map.of(), 0);
        jvb2 = jvb(Map.of("10.20.0.7", "10.20.0.8", "198.51.100.23", "198.51.100.24"), 5);
        server = TestServer.start(Map.of(
                "LUCARNE_BRIDGE_EMBEDDED", "false",
                "LUCARNE_BRIDGE_URLS", jvb1.baseUrl() + "," + jvb2.baseUrl(),
                "LUCARNE_BRIDGE_HEALTH_INTERVAL_SECONDS", "1",
                "LUCARNE_BRIDGE_REQUEST_TIMEOUT_SECONDS", "2"));
        tablets = new TabletTls(server, dir.resolve("tablets"));
        visit = OpenDemoVisit.seed(server.server().database(), server.server().personalData(), Clock.systemUTC());
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
        jvb1.stop();
        jvb2.stop();
    }

    @Test
    void theFirstEndpointCreatesTheConferenceAndTheSecondIsAddedToItByPatch() throws Exception {
        Call call = answered();

        ServeEvent create = only(jvb1, "POST", CONFERENCES);
        JsonNode created = body(create);
        assertTrue(created.path("create").asBoolean(), "create: true");
        String meetingId = created.path("meeting-id").asText();
        assertFalse(meetingId.isEmpty(), "a meeting-id: " + created);
        assertAllocation(created.path("endpoints"));

        ServeEvent add = only(jvb1, "PATCH", CONFERENCES + "/" + meetingId);
        JsonNode added = body(add);
        assertFalse(added.has("meeting-id"), "the URL names the conference: " + added);
        assertFalse(added.has("create"), "the conference exists: " + added);
        assertAllocation(added.path("endpoints"));
        assertNotEquals(endpointId(create), endpointId(add));
        assertTrue(served(jvb2).stream().noneMatch(e -> e.getRequest().getUrl().startsWith(CONFERENCES)),
                "the more loaded bridge got nothing");

        assertOffersFrom(List.of(call.kioskOffer, call.familyOffer), List.of(create, add));
    }

    @Test
    void anIceRestartALeaveAndAnEndExpireWhatTheyShould() throws Exception {
        Call call = answered();
        String meetingId = body(only(jvb1, "POST", CONFERENCES)).path("meeting-id").asText();
        String conference = CONFERENCES + "/" + meetingId;
        ServeEvent familyAllocation = only(jvb1, "PATCH", conference);
        String oldEndpoint = endpointId(familyAllocation);

        call.family.send(msg("ice_restart"));
        assertEquals(call.familyId, next(call.family, "joined").get("participant").asText());
        JsonNode offer = next(call.family, "sdp_offer");
        List<ServeEvent> patches = awaitRequests(jvb1, "PATCH", conference, 3);
        assertEquals(JSON.readTree("{\"endpoints\": [{\"id\": \"" + oldEndpoint + "\", \"expire\": true}]}"),
                body(patches.get(1)), "the old endpoint is expired first");
        ServeEvent reallocation = patches.get(2);
        assertAllocation(body(reallocation).path("endpoints"));
        String newEndpoint = endpointId(reallocation);
        assertNotEquals(oldEndpoint, newEndpoint);
        assertOffersFrom(List.of(offer), List.of(reallocation));
        assertEquals(1, requests(jvb1, "POST", CONFERENCES).size(), "the same conference");

        call.family.send(msg("leave"));
        assertEquals(call.familyId, next(call.kiosk, "participant_left").get("participant").asText());
        patches = awaitRequests(jvb1, "PATCH", conference, 4);
        assertEquals(JSON.readTree("{\"endpoints\": [{\"id\": \"" + newEndpoint + "\", \"expire\": true}]}"),
                body(patches.get(3)));

        call.kiosk.send(msg("end"));
        assertEquals("ended", next(call.kiosk, "ended").get("reason").asText());
        patches = awaitRequests(jvb1, "PATCH", conference, 5);
        assertEquals(JSON.readTree(text("requests/expire-conference.json")), body(patches.get(4)),
                "JVB's documented {\"expire\": true}");
    }

    @Test
    void aConferenceTheBridgeForgotIsCreatedAgainAndEveryoneGetsANewOffer() throws Exception {
        Call call = answered();
        String forgotten = body(only(jvb1, "POST", CONFERENCES)).path("meeting-id").asText();
        // JVB restarted: it answers every request about the old conference with Jetty's 404 page.
        jvb1.stubFor(patch(urlEqualTo(CONFERENCES + "/" + forgotten)).atPriority(1).willReturn(aResponse()
                .withStatus(404).withHeader("Content-Type", "text/plain;charset=iso-8859-1")
                .withBody(text("errors/not-found.txt"))));

        call.family.send(msg("ice_restart"));

        JsonNode kioskJoined = next(call.kiosk, "joined");
        assertEquals(call.patientId, kioskJoined.get("participant").asText());
        JsonNode kioskOffer = next(call.kiosk, "sdp_offer");
        JsonNode familyOffer = next(call.family, "sdp_offer");
        List<ServeEvent> creates = awaitRequests(jvb1, "POST", CONFERENCES, 2);
        String remade = body(creates.get(1)).path("meeting-id").asText();
        assertNotEquals(forgotten, remade, "a new meeting id");
        assertAllocation(body(creates.get(1)).path("endpoints"));
        ServeEvent add = only(jvb1, "PATCH", CONFERENCES + "/" + remade);
        assertOffersFrom(List.of(kioskOffer, familyOffer), List.of(creates.get(1), add));
        assertNoFrameWithin(call.family, "sdp_offer", 1);
    }

    @Test
    void aBridgeAnsweringServiceUnavailableMovesTheCallToTheOther() throws Exception {
        Call call = answered();
        // A proxy in front of a stopped JVB.
        jvb1.stubFor(patch(urlPathMatching(A_CONFERENCE)).atPriority(1).willReturn(aResponse().withStatus(503)
                .withHeader("Content-Type", "text/html").withBody(text("errors/service-unavailable.html"))));

        call.family.send(msg("ice_restart"));

        assertMovedToJvb2(call);
        assertNoFrameWithin(call.family, "sdp_offer", 1);
    }

    @Test
    void aBridgeThatStopsAnsweringIsFoundByItsHealthCheckAndTheCallMoves() throws Exception {
        Call call = answered();

        jvb1.stop(); // connection refused, for the health check as for Colibri2

        assertMovedToJvb2(call);
    }

    @Test
    void aRefusalNeitherMovesTheCallNorDropsAnyone() throws Exception {
        Call call = answered();
        // A body JVB cannot take: its 400, JSON error page.
        jvb1.stubFor(patch(urlPathMatching(A_CONFERENCE)).atPriority(1)
                .withRequestBody(matchingJsonPath("$.endpoints[?(@.create == true)]"))
                .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json;charset=utf-8")
                        .withBody(text("errors/bad-request.json"))));

        call.family.send(msg("ice_restart"));

        // The family page is told to start a fresh session, and no offer comes: the bridge said no.
        assertEquals(call.familyId, next(call.family, "joined").get("participant").asText());
        assertNoFrameWithin(call.family, "sdp_offer", 2);
        assertEquals(1, requests(jvb1, "POST", CONFERENCES).size(), "not created again");
        assertTrue(requests(jvb2, "POST", CONFERENCES).isEmpty(), "not moved");

        // Both sockets are up and the call goes on.
        call.family.send("{\"v\":1,\"type\":\"media_state\",\"visit\":\"" + visit.visitId()
                + "\",\"muted\":true,\"cameraOff\":false}");
        assertEquals(call.familyId, next(call.kiosk, "participant_media").get("participant").asText());
        call.kiosk.send(msg("end"));
        assertEquals("ended", next(call.family, "ended").get("reason").asText());
        String meetingId = body(requests(jvb1, "POST", CONFERENCES).get(0)).path("meeting-id").asText();
        List<ServeEvent> patches = awaitRequests(jvb1, "PATCH", CONFERENCES + "/" + meetingId, 4);
        assertEquals(JSON.readTree(text("requests/expire-conference.json")), body(patches.get(3)));
        assertFalse(call.kiosk.isClosed() || call.family.isClosed(), "nobody lost their socket");
    }

    // --- the call

    /** The tablet answered the family member waiting in the lobby; both got their first offer. */
    private record Call(WsTestClient kiosk, WsTestClient family, String patientId, String familyId,
                        JsonNode kioskOffer, JsonNode familyOffer) {
    }

    private Call answered() {
        WsTestClient kiosk = tablets.kiosk(visit.tabletId());
        next(kiosk, "welcome");
        WsTestClient family = hello();
        TestDevice.create().bindOn(family, server.origin(), visit.inviteId().value());
        family.send("{\"v\":1,\"type\":\"join\",\"invite\":\"" + visit.inviteId().value() + "\"}");
        next(family, "lobby");
        next(kiosk, "ring");
        kiosk.send(msg("answer"));
        String patientId = next(kiosk, "joined").get("participant").asText();
        JsonNode kioskOffer = next(kiosk, "sdp_offer");
        String familyId = next(family, "joined").get("participant").asText();
        JsonNode familyOffer = next(family, "sdp_offer");
        return new Call(kiosk, family, patientId, familyId, kioskOffer, familyOffer);
    }

    /** Everyone got {@code joined} again and an offer from the second bridge, which holds the call now. */
    private void assertMovedToJvb2(Call call) throws Exception {
        assertEquals(call.patientId, next(call.kiosk, "joined").get("participant").asText());
        JsonNode kioskOffer = next(call.kiosk, "sdp_offer");
        assertEquals(call.familyId, next(call.family, "joined").get("participant").asText());
        JsonNode familyOffer = next(call.family, "sdp_offer");

        ServeEvent create = awaitRequests(jvb2, "POST", CONFERENCES, 1).get(0);
        assertAllocation(body(create).path("endpoints"));
        String meetingId = body(create).path("meeting-id").asText();
        ServeEvent add = awaitRequests(jvb2, "PATCH", CONFERENCES + "/" + meetingId, 1).get(0);
        assertOffersFrom(List.of(kioskOffer, familyOffer), List.of(create, add));
        assertTrue(kioskOffer.get("sdp").asText().contains(" 10.20.0.8 10000 typ host"), "jvb2's address");
    }

    // --- what the bridge was sent

    /** One endpoint allocated as Jicofo does: create, audio opus, video VP8 with RTX, the bridge controlling ICE. */
    private static void assertAllocation(JsonNode endpoints) {
        assertEquals(1, endpoints.size(), "one endpoint: " + endpoints);
        JsonNode e = endpoints.get(0);
        assertFalse(e.path("id").asText().isEmpty(), "an endpoint id: " + e);
        assertTrue(e.path("create").asBoolean(), "create: true: " + e);
        assertTrue(e.path("transport").path("ice-controlling").asBoolean(), "ice-controlling: " + e);
        JsonNode medias = e.path("medias");
        assertEquals(2, medias.size(), "audio and video: " + medias);
        JsonNode audio = medias.get(0);
        assertEquals("audio", audio.path("type").asText());
        JsonNode opus = payloadType(audio, "opus");
        assertEquals("48000", opus.path("clockrate").asText());
        assertEquals("2", opus.path("channels").asText());
        JsonNode video = medias.get(1);
        assertEquals("video", video.path("type").asText());
        JsonNode vp8 = payloadType(video, "VP8");
        assertEquals("90000", vp8.path("clockrate").asText());
        JsonNode rtx = payloadType(video, "rtx");
        assertEquals(vp8.path("id").asText(), rtx.path("parameters").path("apt").asText(), "RTX of VP8");
    }

    private static JsonNode payloadType(JsonNode media, String name) {
        for (JsonNode pt : media.path("payload-types")) {
            if (name.equals(pt.path("name").asText())) {
                return pt;
            }
        }
        throw new AssertionError("no " + name + " in " + media);
    }

    /**
     * Each offer carries the ICE and DTLS parameters of one of the bridge's allocation answers, a
     * different one each: ufrag, pwd, fingerprint and every candidate.
     */
    private static void assertOffersFrom(List<JsonNode> offers, List<ServeEvent> allocations) throws IOException {
        Set<String> used = new HashSet<>();
        for (JsonNode offer : offers) {
            String sdp = offer.get("sdp").asText();
            JsonNode transport = null;
            for (ServeEvent a : allocations) {
                JsonNode t = JSON.readTree(a.getResponse().getBodyAsString()).path("endpoints").get(0)
                        .path("transport").path("transport");
                if (sdp.contains("a=ice-ufrag:" + t.path("ufrag").asText() + "\r\n")) {
                    transport = t;
                }
            }
            assertTrue(transport != null, "the offer has the ufrag of one of the bridge's answers:\n" + sdp);
            assertTrue(used.add(transport.path("ufrag").asText()), "each offer its own endpoint");
            assertTrue(sdp.contains("a=ice-pwd:" + transport.path("pwd").asText() + "\r\n"), sdp);
            JsonNode fp = transport.path("fingerprints").get(0);
            assertTrue(sdp.contains("a=fingerprint:" + fp.path("hash").asText() + " "
                    + fp.path("fingerprint").asText() + "\r\n"), sdp);
            for (JsonNode c : transport.path("candidates")) {
                String line = " " + c.path("ip").asText() + " " + c.path("port").asText() + " typ "
                        + c.path("type").asText();
                assertTrue(sdp.contains(line), "candidate" + line + " in\n" + sdp);
            }
        }
    }

    private static String endpointId(ServeEvent allocation) throws IOException {
        return body(allocation).path("endpoints").get(0).path("id").asText();
    }

    private static JsonNode body(ServeEvent e) throws IOException {
        return JSON.readTree(e.getRequest().getBodyAsString());
    }

    /** Requests served by {@code jvb}, oldest first. */
    private static List<ServeEvent> served(WireMockServer jvb) {
        List<ServeEvent> events = new ArrayList<>(jvb.getAllServeEvents());
        Collections.reverse(events);
        return events;
    }

    private static List<ServeEvent> requests(WireMockServer jvb, String method, String url) {
        Predicate<ServeEvent> match = e -> e.getRequest().getMethod().getName().equals(method)
                && e.getRequest().getUrl().equals(url);
        return served(jvb).stream().filter(match).toList();
    }

    private static ServeEvent only(WireMockServer jvb, String method, String url) {
        List<ServeEvent> found = requests(jvb, method, url);
        assertEquals(1, found.size(), method + " " + url + " requests: " + found);
        return found.get(0);
    }

    /** The requests, once there are {@code count} of them (within 5 s): the focus sends some after its messages. */
    private static List<ServeEvent> awaitRequests(WireMockServer jvb, String method, String url, int count)
            throws InterruptedException {
        long end = System.nanoTime() + 5_000_000_000L;
        List<ServeEvent> found = requests(jvb, method, url);
        while (found.size() < count && System.nanoTime() < end) {
            Thread.sleep(50);
            found = requests(jvb, method, url);
        }
        assertEquals(count, found.size(), method + " " + url + " requests");
        return found;
    }

    // --- the bridges

    /**
     * A JVB on a free port: healthy, reporting {@code conferences} in its statistics, allocating
     * endpoints with its documented answers ({@code replace}d for a bridge of its own), and
     * answering {@code {}} to every other conference PATCH.
     */
    private static WireMockServer jvb(Map<String, String> replace, int conferences) {
        WireMockServer jvb = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1").globalTemplating(true));
        jvb.start();
        jvb.stubFor(get(urlEqualTo("/about/health")).willReturn(aResponse().withStatus(200)));
        jvb.stubFor(get(urlEqualTo("/colibri/stats")).willReturn(json(
                text("responses/stats.json").replace("\"conferences\": 3", "\"conferences\": " + conferences))));
        jvb.stubFor(post(urlEqualTo(CONFERENCES))
                .willReturn(json(allocated(text("responses/conference-created.json"), "a41f09c2", replace))));
        jvb.stubFor(patch(urlPathMatching(A_CONFERENCE)).atPriority(4)
                .withRequestBody(matchingJsonPath("$.endpoints[?(@.create == true)]"))
                .willReturn(json(allocated(text("responses/endpoint-added.json"), "5e6b2d90", replace))));
        jvb.stubFor(patch(urlPathMatching(A_CONFERENCE)).atPriority(5)
                .willReturn(json(text("responses/empty.json"))));
        return jvb;
    }

    /** JVB's answer for the endpoint the request names, with credentials of its own (JVB makes them per endpoint). */
    private static String allocated(String answer, String documentedId, Map<String, String> replace) {
        String s = answer.replace("\"id\": \"" + documentedId + "\"",
                        "\"id\": \"{{jsonPath request.body '$.endpoints[0].id'}}\"")
                .replaceAll("\"ufrag\": \"[^\"]+\"", "\"ufrag\": \"{{randomValue length=14 type='ALPHANUMERIC'}}\"")
                .replaceAll("\"pwd\": \"[^\"]+\"", "\"pwd\": \"{{randomValue length=26 type='ALPHANUMERIC'}}\"");
        for (Map.Entry<String, String> r : replace.entrySet()) {
            s = s.replace(r.getKey(), r.getValue());
        }
        return s;
    }

    private static ResponseDefinitionBuilder json(String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(body);
    }

    private static String text(String name) {
        try (InputStream in = JvbFocusIT.class.getResourceAsStream("/jvb/" + name)) {
            if (in == null) {
                throw new IllegalStateException("no test resource jvb/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // --- the sockets

    private WsTestClient hello() {
        WsTestClient c = WsTestClient.connect(server, server.origin());
        c.send("{\"v\":1,\"type\":\"hello\",\"app\":\"family\",\"appVersion\":\"test\"}");
        next(c, "welcome");
        return c;
    }

    private String msg(String type) {
        return "{\"v\":1,\"type\":\"" + type + "\",\"visit\":\"" + visit.visitId() + "\"}";
    }

    /** The next frame of {@code type} within 5 s, skipping others; an error frame fails the test. */
    private static JsonNode next(WsTestClient c, String type) {
        long end = System.nanoTime() + 5_000_000_000L;
        while (System.nanoTime() < end) {
            JsonNode n = read(c.next(5));
            if (type.equals(n.get("type").asText())) {
                return n;
            }
            if ("error".equals(n.get("type").asText())) {
                throw new AssertionError("waiting for " + type + ", got " + n);
            }
        }
        throw new AssertionError("no " + type + " within 5 s");
    }

    private static void assertNoFrameWithin(WsTestClient c, String type, int seconds) {
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        while (System.nanoTime() < end) {
            String frame;
            try {
                frame = c.next(1);
            } catch (AssertionError nothingYet) {
                continue;
            }
            JsonNode n = read(frame);
            assertNotEquals(type, n.get("type").asText(), "no other " + type + " expected, got " + n);
        }
    }

    private static JsonNode read(String frame) {
        try {
            return JSON.readTree(frame);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
