package org.lucarne.signaling.call.bridge;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lucarne.bridge.colibri.Candidate;
import org.lucarne.bridge.colibri.ConferenceModified;
import org.lucarne.bridge.colibri.Endpoint;
import org.lucarne.bridge.colibri.IceUdpTransport;

/**
 * WireMock plays a Jitsi Videobridge with its Colibri2 REST API on: JVB's documented requests are
 * the only ones it answers, with JVB's documented answers, and JVB's error pages otherwise
 * ({@code src/test/resources/jvb/README.md}). The client must send exactly those documents and
 * turn each error into the right {@link BridgeException.Kind}.
 */
class JvbContractIT {
    private static final String CONFERENCE = "/colibri/v2/conferences/" + JvbDocuments.MEETING_ID;
    private static final String SECRET = "jvb-rest-secret-4f1c9a";
    private static final ObjectMapper JSON = new ObjectMapper();

    private WireMockServer jvb;
    private Colibri2Client client;

    @BeforeEach
    void startJvb() {
        jvb = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        jvb.start();
        // What JVB answers to a body it cannot take (Conferences.java, BadRequestExceptionWithMessage).
        jvb.stubFor(any(anyUrl()).atPriority(10).willReturn(jettyError(400, "errors/bad-request.json")));
        client = Colibri2Client.create(Bridge.at(URI.create(jvb.baseUrl())), Duration.ofSeconds(2));
    }

    @AfterEach
    void stopJvb() {
        jvb.stop();
    }

    @Test
    void createsAConferenceWithJvbsDocumentedPostAndReadsItsAnswer() throws Exception {
        jvb.stubFor(post(urlEqualTo("/colibri/v2/conferences"))
                .withRequestBody(equalToJson(JvbDocuments.text("requests/create-conference.json")))
                .willReturn(json(200, "responses/conference-created.json")));

        ConferenceModified answer = client.createConference(JvbDocuments.request("create-conference.json"));

        assertSent("POST", "/colibri/v2/conferences", "requests/create-conference.json");
        Endpoint endpoint = answer.endpoints().get(0);
        assertEquals("a41f09c2", endpoint.id());
        IceUdpTransport ice = endpoint.transport().iceUdp();
        assertEquals("7mq2c0fhb3k9sd", ice.ufrag());
        assertEquals("2vn8d61kq0t4hpl3m9rbc5g7ja", ice.pwd());
        assertTrue(ice.rtcpMux());
        assertEquals(org.lucarne.bridge.colibri.Fingerprint.Setup.ACTPASS, ice.fingerprints().get(0).setup());
        List<Candidate> candidates = ice.candidates();
        assertEquals(2, candidates.size());
        assertEquals("198.51.100.23", candidates.get(1).ip());
        assertEquals(10000, candidates.get(1).port());
        assertEquals(List.of(1289473066L, 3051968220L), answer.sources().mediaSources().stream()
                .map(s -> s.sources().get(0).ssrc()).toList());
    }

    @Test
    void addsAnEndpointWithAPatchOfTheConferenceTheUrlNames() throws Exception {
        jvb.stubFor(patch(urlEqualTo(CONFERENCE))
                .withRequestBody(equalToJson(JvbDocuments.text("requests/add-endpoint.json")))
                .willReturn(json(200, "responses/endpoint-added.json")));

        ConferenceModified answer = client.addEndpoint(JvbDocuments.MEETING_ID,
                JvbDocuments.request("add-endpoint.json").endpoints().get(0));

        assertSent("PATCH", CONFERENCE, "requests/add-endpoint.json");
        assertEquals("3kq9f1c2hd0s7m", answer.endpoints().get(0).transport().iceUdp().ufrag());
    }

    @Test
    void sendsTheBrowsersTransportAndSourcesAndTakesAnEmptyAnswer() throws Exception {
        jvb.stubFor(patch(urlEqualTo(CONFERENCE))
                .withRequestBody(equalToJson(JvbDocuments.text("requests/update-endpoint.json")))
                .willReturn(json(200, "responses/empty.json")));

        ConferenceModified answer = client.updateEndpoint(JvbDocuments.MEETING_ID,
                JvbDocuments.request("update-endpoint.json").endpoints().get(0));

        assertSent("PATCH", CONFERENCE, "requests/update-endpoint.json");
        assertTrue(answer.endpoints().isEmpty());
        assertNull(answer.sources());
    }

    @Test
    void expiresAnEndpointThenTheConferenceWithJvbsDocumentedBodies() throws Exception {
        jvb.stubFor(patch(urlEqualTo(CONFERENCE))
                .withRequestBody(equalToJson(JvbDocuments.text("requests/expire-endpoint.json")))
                .willReturn(json(200, "responses/empty.json")));
        jvb.stubFor(patch(urlEqualTo(CONFERENCE))
                .withRequestBody(equalToJson(JvbDocuments.text("requests/expire-conference.json")))
                .willReturn(json(200, "responses/empty.json")));

        client.expireEndpoint(JvbDocuments.MEETING_ID, "a41f09c2");
        client.expireConference(JvbDocuments.MEETING_ID);

        List<ServeEvent> events = served();
        assertEquals(2, events.size());
        assertBody("requests/expire-endpoint.json", events.get(0));
        assertBody("requests/expire-conference.json", events.get(1));
    }

    @Test
    void sendsTheSharedSecretAsABearerToken() throws Exception {
        jvb.stubFor(get(urlEqualTo("/about/health")).withHeader("Authorization", equalTo("Bearer " + SECRET))
                .willReturn(aResponse().withStatus(200)));
        Colibri2Client withSecret = Colibri2Client.create(new Bridge(URI.create(jvb.baseUrl()), Optional.of(SECRET)),
                Duration.ofSeconds(2));

        withSecret.checkHealth();

        assertEquals("Bearer " + SECRET, served().get(0).getRequest().getHeader("Authorization"));
    }

    @Test
    void sendsNoAuthorizationWithoutASecret() throws Exception {
        jvb.stubFor(get(urlEqualTo("/about/health")).willReturn(aResponse().withStatus(200)));

        client.checkHealth();

        assertFalse(served().get(0).getRequest().containsHeader("Authorization"));
    }

    @Test
    void readsTheLoadFromJvbsStatistics() throws Exception {
        jvb.stubFor(get(urlEqualTo("/colibri/stats")).willReturn(json(200, "responses/stats.json")));

        BridgeStats stats = client.stats();

        assertEquals(new BridgeStats(3, 7), stats);
        assertEquals("GET", served().get(0).getRequest().getMethod().getName());
    }

    @Test
    void aBadRequestIsRefusedWithTheMessageOfJettysJsonErrorPage() {
        BridgeException e = assertThrows(BridgeException.class,
                () -> client.createConference(JvbDocuments.request("create-conference.json")));

        assertEquals(BridgeException.Kind.REFUSED, e.kind());
        assertEquals(400, e.status());
        assertEquals(Optional.of("Failed to create conference: Conference already exists for meeting-id "
                + JvbDocuments.MEETING_ID), e.bridgeMessage());
        assertFalse(e.shouldFailOver());
        assertTrue(e.getMessage().contains(jvb.baseUrl()), e.getMessage());
    }

    @Test
    void aPatchOfAnUnknownConferenceMeansTheConferenceIsGoneEvenInJettysTextPage() {
        jvb.stubFor(patch(urlEqualTo(CONFERENCE)).willReturn(aResponse().withStatus(404)
                .withHeader("Content-Type", "text/plain;charset=iso-8859-1").withBody(JvbDocuments.text("errors/not-found.txt"))));

        BridgeException e = assertThrows(BridgeException.class, () -> client.expireConference(JvbDocuments.MEETING_ID));

        assertEquals(BridgeException.Kind.CONFERENCE_GONE, e.kind());
        assertEquals(404, e.status());
        assertEquals(Optional.of("Not Found"), e.bridgeMessage());
    }

    @Test
    void aPostAnsweredNotFoundSaysTheRestApiMayBeOff() {
        jvb.stubFor(post(urlEqualTo("/colibri/v2/conferences")).willReturn(aResponse().withStatus(404)
                .withHeader("Content-Type", "text/plain").withBody(JvbDocuments.text("errors/not-found.txt"))));

        BridgeException e = assertThrows(BridgeException.class,
                () -> client.createConference(JvbDocuments.request("create-conference.json")));

        assertEquals(BridgeException.Kind.REFUSED, e.kind());
        assertTrue(e.getMessage().contains("videobridge.apis.rest.enabled"), e.getMessage());
    }

    @Test
    void aServerErrorMeansFailOver() {
        jvb.stubFor(patch(urlEqualTo(CONFERENCE)).willReturn(jettyError(500, "errors/internal-error.json")));

        BridgeException e = assertThrows(BridgeException.class,
                () -> client.expireEndpoint(JvbDocuments.MEETING_ID, "a41f09c2"));

        assertEquals(BridgeException.Kind.UNAVAILABLE, e.kind());
        assertEquals(500, e.status());
        assertEquals(Optional.of("Non-error, non-colibri IQ result"), e.bridgeMessage());
        assertTrue(e.shouldFailOver());
    }

    @Test
    void aProxysUnavailablePageMeansFailOverWithItsTitle() {
        jvb.stubFor(get(urlEqualTo("/about/health")).willReturn(aResponse().withStatus(503)
                .withHeader("Content-Type", "text/html").withBody(JvbDocuments.text("errors/service-unavailable.html"))));

        BridgeException e = assertThrows(BridgeException.class, client::checkHealth);

        assertEquals(BridgeException.Kind.UNAVAILABLE, e.kind());
        assertEquals(503, e.status());
        assertEquals(Optional.of("503 Service Temporarily Unavailable"), e.bridgeMessage());
    }

    @Test
    void aRefusedConnectionMeansFailOverWithNoStatus() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        Colibri2Client nowhere = Colibri2Client.create(Bridge.at(URI.create("http://127.0.0.1:" + closedPort + "/")),
                Duration.ofSeconds(2));

        BridgeException e = assertThrows(BridgeException.class,
                () -> nowhere.createConference(JvbDocuments.request("create-conference.json")));

        assertEquals(BridgeException.Kind.UNAVAILABLE, e.kind());
        assertEquals(0, e.status());
        assertTrue(e.getMessage().contains("connection"), e.getMessage());
    }

    @Test
    void noAnswerWithinTheTimeoutMeansFailOver() {
        jvb.stubFor(get(urlEqualTo("/colibri/stats")).willReturn(json(200, "responses/stats.json").withFixedDelay(5_000)));
        Colibri2Client impatient = Colibri2Client.create(Bridge.at(URI.create(jvb.baseUrl())), Duration.ofMillis(300));

        BridgeException e = assertThrows(BridgeException.class, impatient::stats);

        assertEquals(BridgeException.Kind.UNAVAILABLE, e.kind());
        assertEquals(0, e.status());
    }

    @Test
    void aConnectionResetMidAnswerMeansFailOver() {
        jvb.stubFor(post(urlEqualTo("/colibri/v2/conferences"))
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

        BridgeException e = assertThrows(BridgeException.class,
                () -> client.createConference(JvbDocuments.request("create-conference.json")));

        assertEquals(BridgeException.Kind.UNAVAILABLE, e.kind());
    }

    @Test
    void aWrongSecretIsRefusedWithAHintAndTheSecretIsNotRepeated() {
        jvb.stubFor(get(urlEqualTo("/colibri/stats")).willReturn(aResponse().withStatus(401)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"url\":\"/colibri/stats\",\"status\":\"401\",\"message\":\"Unauthorized\"}")));
        Colibri2Client withSecret = Colibri2Client.create(new Bridge(URI.create(jvb.baseUrl()), Optional.of(SECRET)),
                Duration.ofSeconds(2));

        BridgeException e = assertThrows(BridgeException.class, withSecret::stats);

        assertEquals(BridgeException.Kind.REFUSED, e.kind());
        assertTrue(e.getMessage().contains("bridge.shared.secret"), e.getMessage());
        assertFalse(e.getMessage().contains(SECRET), e.getMessage());
        assertFalse(e.bridge().toString().contains(SECRET));
    }

    @Test
    void aSuccessWhoseBodyIsNotColibri2IsAnInvalidAnswerNamingTheFault() {
        jvb.stubFor(patch(urlEqualTo(CONFERENCE)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"endpoints\": [{\"id\": \"a41f09c2\", \"transport\": {\"transport\": {\"ufrag\": \"x\"}}}]}")));

        BridgeException e = assertThrows(BridgeException.class,
                () -> client.updateEndpoint(JvbDocuments.MEETING_ID,
                        JvbDocuments.request("update-endpoint.json").endpoints().get(0)));

        assertEquals(BridgeException.Kind.INVALID_ANSWER, e.kind());
        assertTrue(e.bridgeMessage().orElseThrow().contains("endpoints[0].transport.transport"), e.getMessage());
    }

    @Test
    void statsWithoutAConferenceCountAreAnInvalidAnswer() {
        jvb.stubFor(get(urlEqualTo("/colibri/stats")).willReturn(aResponse().withStatus(200).withBody("{\"conferences\": \"3\"}")));

        BridgeException e = assertThrows(BridgeException.class, client::stats);

        assertEquals(BridgeException.Kind.INVALID_ANSWER, e.kind());
        assertTrue(e.getMessage().contains("conferences"), e.getMessage());
    }

    @Test
    void anAnswerLargerThanTheLimitIsRefusedUnread() {
        jvb.stubFor(get(urlEqualTo("/colibri/stats")).willReturn(aResponse().withStatus(200)
                .withBody("{\"conferences\": 1, \"pad\": \"" + "x".repeat(400_000) + "\"}")));

        BridgeException e = assertThrows(BridgeException.class, client::stats);

        assertEquals(BridgeException.Kind.INVALID_ANSWER, e.kind());
        assertTrue(e.getMessage().contains("larger than"), e.getMessage());
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(int status, String file) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json")
                .withBody(JvbDocuments.text(file));
    }

    /** Jetty's JSON error page, as JVB serves it to a client that accepts JSON. */
    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder jettyError(int status, String file) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json;charset=utf-8")
                .withBody(JvbDocuments.text(file));
    }

    /** Served requests, oldest first. */
    private List<ServeEvent> served() {
        List<ServeEvent> events = new java.util.ArrayList<>(jvb.getAllServeEvents());
        java.util.Collections.reverse(events);
        return events;
    }

    private void assertSent(String method, String path, String document) throws Exception {
        List<ServeEvent> events = served();
        assertEquals(1, events.size(), "requests served");
        ServeEvent e = events.get(0);
        assertEquals(method, e.getRequest().getMethod().getName());
        assertEquals(path, e.getRequest().getUrl());
        assertEquals("application/json", e.getRequest().getHeader("Content-Type"));
        assertEquals("application/json", e.getRequest().getHeader("Accept"));
        assertBody(document, e);
    }

    private static void assertBody(String document, ServeEvent e) throws Exception {
        assertEquals(JSON.readTree(JvbDocuments.text(document)), JSON.readTree(e.getRequest().getBodyAsString()),
                "body of " + e.getRequest().getMethod() + " " + e.getRequest().getUrl());
    }
}
