package org.lucarne.signaling.call.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lucarne.bridge.BridgeConfig;
import org.lucarne.bridge.MediaBridge;
import org.lucarne.bridge.colibri.Candidate;
import org.lucarne.bridge.colibri.ConferenceModified;
import org.lucarne.bridge.colibri.Endpoint;
import org.lucarne.bridge.colibri.IceUdpTransport;

/** The client against a real {@link MediaBridge} in this JVM, with the same documents JVB gets. */
class ColibriClientIT {
    private static final String SECRET = "bridge-secret-7c1e0f42";
    private static final String MEETING = JvbDocuments.MEETING_ID;

    private MediaBridge bridge;
    private Colibri2Client client;

    @BeforeEach
    void startBridge() throws Exception {
        bridge = MediaBridge.create(BridgeConfig.loopbackForTests(), Clock.systemUTC()).start();
        client = Colibri2Client.create(Bridge.at(bridge.httpUri()), Duration.ofSeconds(5));
    }

    @AfterEach
    void stopBridge() {
        bridge.close();
    }

    @Test
    void createsAConferenceWithAnEndpointAndGetsTheBridgesTransport() throws Exception {
        ConferenceModified answer = client.createConference(JvbDocuments.request("create-conference.json"));

        Endpoint endpoint = answer.endpoints().get(0);
        assertEquals("a41f09c2", endpoint.id());
        IceUdpTransport ice = endpoint.transport().iceUdp();
        assertTrue(ice.ufrag().length() >= 4 && ice.pwd().length() >= 22, "ICE credentials " + ice);
        assertFalse(ice.fingerprints().isEmpty());
        Candidate host = ice.candidates().get(0);
        assertEquals(bridge.udpAddress().getPort(), host.port());
        assertEquals("127.0.0.1", host.ip());
        assertEquals(1, bridge.conferences().conferenceCount());
    }

    @Test
    void patchesTransportAndSourcesAddsAndExpiresEndpointsThenTheConference() throws Exception {
        client.createConference(JvbDocuments.request("create-conference.json"));

        client.updateEndpoint(MEETING, JvbDocuments.request("update-endpoint.json").endpoints().get(0));
        ConferenceModified added = client.addEndpoint(MEETING,
                JvbDocuments.request("add-endpoint.json").endpoints().get(0));
        assertEquals("5e6b2d90", added.endpoints().get(0).id());
        assertEquals(2, bridge.conferences().endpointCount());

        client.expireEndpoint(MEETING, "a41f09c2");
        assertEquals(1, bridge.conferences().endpointCount());

        client.expireConference(MEETING);
        assertEquals(0, bridge.conferences().conferenceCount());
    }

    @Test
    void aConferenceTheBridgeNoLongerHasIsGone() throws Exception {
        client.createConference(JvbDocuments.request("create-conference.json"));
        client.expireConference(MEETING);

        BridgeException e = assertThrows(BridgeException.class, () -> client.expireEndpoint(MEETING, "a41f09c2"));

        assertEquals(BridgeException.Kind.CONFERENCE_GONE, e.kind());
        assertEquals(404, e.status());
        assertTrue(e.bridgeMessage().orElseThrow().contains(MEETING), e.getMessage());
    }

    @Test
    void aRequestTheBridgeRefusesCarriesItsReason() throws Exception {
        client.createConference(JvbDocuments.request("create-conference.json"));

        BridgeException e = assertThrows(BridgeException.class,
                () -> client.createConference(JvbDocuments.request("create-conference.json")));

        assertEquals(BridgeException.Kind.REFUSED, e.kind());
        assertEquals(409, e.status());
        assertEquals(Optional.of("Conference already exists for meeting-id " + MEETING), e.bridgeMessage());
    }

    @Test
    void reportsHealthAndTheConferenceCount() throws Exception {
        client.checkHealth();
        assertEquals(0, client.stats().conferences());

        client.createConference(JvbDocuments.request("create-conference.json"));

        assertEquals(new BridgeStats(1, 1), client.stats());
    }

    @Test
    void aBridgeWithASecretTakesTheRightOneAndRefusesAnother() throws Exception {
        BridgeConfig loopback = BridgeConfig.loopbackForTests();
        try (MediaBridge guarded = MediaBridge.create(new BridgeConfig(loopback.httpHost(), 0, loopback.udpHost(), 0,
                Optional.empty(), loopback.expire(), Optional.of(SECRET)), Clock.systemUTC()).start()) {
            Colibri2Client right = Colibri2Client.create(new Bridge(guarded.httpUri(), Optional.of(SECRET)),
                    Duration.ofSeconds(5));
            Colibri2Client wrong = Colibri2Client.create(
                    new Bridge(guarded.httpUri(), Optional.of("not-the-bridge-secret")), Duration.ofSeconds(5));

            right.createConference(JvbDocuments.request("create-conference.json"));
            BridgeException e = assertThrows(BridgeException.class, wrong::stats);

            assertEquals(BridgeException.Kind.REFUSED, e.kind());
            assertEquals(401, e.status());
            assertFalse(e.getMessage().contains("not-the-bridge-secret"), e.getMessage());
        }
    }

    @Test
    void aStoppedBridgeIsUnavailable() {
        bridge.close();

        BridgeException e = assertThrows(BridgeException.class, client::checkHealth);

        assertEquals(BridgeException.Kind.UNAVAILABLE, e.kind());
    }
}
