package org.lucarne.signaling.circle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.lucarne.signaling.call.CallSockets.next;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lucarne.signaling.call.CallSockets;
import org.lucarne.signaling.call.CallSockets.TestVisit;
import org.lucarne.signaling.testing.AuditRows;
import org.lucarne.signaling.testing.TestDevice;
import org.lucarne.signaling.testing.TestServer;
import org.lucarne.signaling.testing.WsTestClient;
import org.lucarne.testing.ManualScheduler;

/**
 * Binding a family link to the first browser that opens it, over real sockets (docs/protocol.md, "Devices and
 * circles"): the challenge, the proof, the circle, a second device waiting without a glimpse of the call until the
 * patient lets it in on the kiosk, and the kiosk's identity on its mutual-TLS socket.
 */
class BindingIT {
    @TempDir
    static Path dir;
    private static ManualScheduler timers;
    private static TestServer server;
    private static CallSockets sockets;
    private TestVisit visit;
    private final TestDevice phone = TestDevice.create();
    private final TestDevice laptop = TestDevice.create();
    private final TestDevice tablet = TestDevice.create();

    @BeforeAll
    static void start() {
        timers = ManualScheduler.startingNow();
        server = TestServer.start(Map.of(), timers);
        sockets = new CallSockets(server, dir.resolve("tablets"));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @BeforeEach
    void book() {
        visit = sockets.book(timers.clock(), Duration.ofHours(1));
    }

    @AfterEach
    void closeSockets() {
        sockets.close();
    }

    private static void assertError(String code, JsonNode frame) {
        assertEquals("error", frame.get("type").asText(), frame.toString());
        assertEquals(code, frame.get("code").asText(), frame.toString());
    }

    /** The next error frame, skipping others (a kiosk hears of its visit meanwhile), within 5 s. */
    private static JsonNode nextError(WsTestClient c) {
        for (int i = 0; i < 20; i++) {
            JsonNode n = next(c);
            if ("error".equals(n.get("type").asText())) {
                return n;
            }
        }
        throw new AssertionError("no error frame");
    }

    /** Nothing else reached the socket before the answer to a ping. */
    private static void assertNothingElse(WsTestClient c) {
        c.send("{\"v\":1,\"type\":\"ping\",\"seq\":99}");
        JsonNode n = next(c);
        assertEquals("pong", n.get("type").asText(), "nothing was to reach this socket, got " + n);
    }

    private WsTestClient kioskWithIdentity() {
        WsTestClient k = sockets.kiosk(visit);
        k.send(tablet.identityFrame());
        JsonNode circle = next(k, "e2ee_circle");
        assertEquals(tablet.deviceIdText(), circle.get("devices").get(0).get("device").asText());
        return k;
    }

    @Test
    void aFamilyPageBindsItsLinkAndHearsItsCircle() {
        AuditRows audit = new AuditRows(server.server().database());
        WsTestClient page = sockets.hello("family");
        page.send(CallSockets.challengeMe());
        JsonNode challenge = next(page);
        assertEquals("e2ee_challenge", challenge.get("type").asText());
        assertEquals(43, challenge.get("nonce").asText().length());
        page.send(phone.bindFrame(server.origin(), visit.invite(), challenge.get("nonce").asText()));
        JsonNode bound = next(page);
        assertEquals("e2ee_bound", bound.get("type").asText(), bound.toString());
        assertEquals(phone.deviceIdText(), bound.get("device").asText());
        JsonNode circle = next(page);
        assertEquals("e2ee_circle", circle.get("type").asText());
        assertEquals(visit.patientId(), circle.get("circle").asText());
        JsonNode me = circle.get("devices").get(0);
        assertEquals(phone.recordText(), me.get("identity").asText());
        assertEquals("family", me.get("role").asText());
        assertEquals("Jean Dupont", me.get("name").asText());
        AuditRows.Row row = audit.since("e2ee.device.bound").get(0);
        assertEquals("family:" + visit.contactId(), row.actor());
        assertEquals("device:" + phone.deviceIdText(), row.target());
        assertTrue(row.detailHas("invite=" + visit.inviteHash()));
    }

    @Test
    void aBoundDeviceProvesItselfOnALaterSocketAndNoOtherKeyCanPassForIt() {
        sockets.bind(sockets.hello("family"), visit.invite(), phone);
        WsTestClient later = sockets.hello("family");
        JsonNode circle = sockets.prove(later, phone);
        assertEquals("e2ee_circle", circle.get("type").asText(), circle.toString());
        WsTestClient impostor = sockets.hello("family");
        impostor.send(CallSockets.challengeMe());
        String nonce = next(impostor, "e2ee_challenge").get("nonce").asText();
        impostor.send("{\"v\":1,\"type\":\"e2ee_hello\",\"device\":\"" + phone.deviceIdText() + "\",\"proof\":\""
                + laptop.helloProof(server.origin(), nonce) + "\"}");
        assertError("e2ee_bad_proof", next(impostor));
        assertError("e2ee_not_bound", sockets.prove(impostor, laptop));
    }

    @Test
    void aChallengeIsGoodOnceOnItsOwnSocketAndFor60Seconds() {
        WsTestClient page = sockets.hello("family");
        page.send(CallSockets.challengeMe());
        String nonce = next(page, "e2ee_challenge").get("nonce").asText();
        page.send(phone.bindFrame(server.origin(), visit.invite(), nonce));
        assertEquals("e2ee_bound", next(page).get("type").asText());
        next(page, "e2ee_circle");
        page.send(phone.helloFrame(server.origin(), nonce));
        assertError("e2ee_bad_proof", next(page));
        WsTestClient other = sockets.hello("family");
        other.send(phone.helloFrame(server.origin(), nonce));
        assertError("e2ee_bad_proof", next(other));
        other.send(CallSockets.challengeMe());
        String late = next(other, "e2ee_challenge").get("nonce").asText();
        timers.advance(Duration.ofSeconds(60));
        other.send(phone.helloFrame(server.origin(), late));
        assertError("e2ee_bad_proof", next(other));
    }

    @Test
    void aProofSignedForAnotherOriginIsRefusedAndAudited() {
        AuditRows audit = new AuditRows(server.server().database());
        WsTestClient page = sockets.hello("family");
        page.send(CallSockets.challengeMe());
        String nonce = next(page, "e2ee_challenge").get("nonce").asText();
        page.send(phone.bindFrame("https://elsewhere.example", visit.invite(), nonce));
        assertError("e2ee_bad_proof", next(page));
        assertTrue(audit.since("access.refused").get(0).detailHas("code=e2ee_bad_proof"));
        assertTrue(audit.since("e2ee.device.bound").isEmpty());
    }

    @Test
    void aSecondDeviceWaitsSeesNothingOfTheCallAndJoinsOnceThePatientLetsItIn() {
        WsTestClient kiosk = kioskWithIdentity();
        WsTestClient first = sockets.family(visit, phone);
        next(first, "lobby");
        next(kiosk, "ring");
        WsTestClient second = sockets.hello("family");
        assertError("e2ee_link_taken", sockets.bind(second, visit.invite(), laptop));
        JsonNode prompt = next(kiosk, "e2ee_waiting_device");
        assertEquals(laptop.deviceIdText(), prompt.get("device").asText());
        assertEquals("Jean Dupont", prompt.get("name").asText());
        second.send(visit.join());
        assertError("e2ee_not_bound", next(second));
        kiosk.send(visit.msg("answer"));
        next(first, "joined");
        assertNothingElse(second);

        kiosk.send("{\"v\":1,\"type\":\"e2ee_admit_device\",\"device\":\"" + laptop.deviceIdText() + "\",\"admit\":true}");
        assertEquals("e2ee_bound", next(second).get("type").asText());
        JsonNode circle = next(second);
        assertEquals("e2ee_circle", circle.get("type").asText());
        assertEquals(3, circle.get("devices").size(), circle.toString());
        JsonNode decided = next(kiosk, "e2ee_device_decided");
        assertTrue(decided.get("admitted").asBoolean());
        second.send("{\"v\":1,\"type\":\"e2ee_bundle_get\",\"device\":\"" + tablet.deviceIdText() + "\"}");
        assertError("e2ee_no_prekey", next(second)); // the relay serves it: a device let in from the kiosk is proven
        second.send(visit.join());
        next(second, "joined");
        JsonNode joined = next(first, "participant_joined");
        while (!"family".equals(joined.get("role").asText())) {
            joined = next(first, "participant_joined");
        }
        assertEquals("Jean Dupont", joined.get("name").asText());
    }

    @Test
    void aDeviceThePatientRefusesIsToldSoAndStaysOut() {
        WsTestClient kiosk = kioskWithIdentity();
        sockets.bind(sockets.hello("family"), visit.invite(), phone);
        WsTestClient second = sockets.hello("family");
        assertError("e2ee_link_taken", sockets.bind(second, visit.invite(), laptop));
        next(kiosk, "e2ee_waiting_device");
        kiosk.send("{\"v\":1,\"type\":\"e2ee_admit_device\",\"device\":\"" + laptop.deviceIdText() + "\",\"admit\":false}");
        assertEquals("e2ee_refused", next(second).get("type").asText());
        assertFalse(next(kiosk, "e2ee_device_decided").get("admitted").asBoolean());
        WsTestClient again = sockets.hello("family");
        assertEquals("e2ee_refused", sockets.bind(again, visit.invite(), laptop).get("type").asText());
        again.send(visit.join());
        assertError("e2ee_not_bound", next(again));
    }

    @Test
    void theSameDeviceInASecondTabTakesItsSeatOver() {
        WsTestClient kiosk = sockets.kiosk(visit);
        WsTestClient tab1 = sockets.family(visit, phone);
        next(tab1, "lobby");
        next(kiosk, "ring");
        WsTestClient tab2 = sockets.family(visit, phone);
        next(tab2, "lobby");
        assertEquals("removed", next(tab1, "ended").get("reason").asText());
    }

    @Test
    void onlyTheKioskPublishesTheTabletsIdentityAndOnlyAGoodOne() {
        WsTestClient page = sockets.hello("family");
        page.send(tablet.identityFrame());
        assertError("not_allowed", next(page));
        WsTestClient kiosk = sockets.kiosk(visit);
        byte[] bad = tablet.record();
        bad[70] ^= 1;
        kiosk.send("{\"v\":1,\"type\":\"e2ee_identity\",\"identity\":\"" + TestDevice.b64(bad) + "\"}");
        assertError("e2ee_bad_proof", nextError(kiosk));
        kiosk.send(tablet.identityFrame());
        JsonNode circle = next(kiosk, "e2ee_circle");
        assertEquals(visit.patientId(), circle.get("circle").asText());
        JsonNode me = circle.get("devices").get(0);
        assertEquals("patient", me.get("role").asText());
        assertEquals("Marie Dupont", me.get("name").asText());
        WsTestClient family = sockets.family(visit, phone);
        JsonNode after = next(kiosk, "e2ee_circle");
        assertEquals(List.of(tablet.deviceIdText(), phone.deviceIdText()),
                List.of(after.get("devices").get(0).get("device").asText(), after.get("devices").get(1).get("device").asText()));
        next(family, "lobby");
    }

    @Test
    void aKioskWhoseBedHasNoPatientHasNoCircle() {
        server.server().database().inTransaction(c -> {
            try (var ps = c.prepareStatement("UPDATE patient SET discharged_at = 1 WHERE id = ?")) {
                ps.setString(1, visit.patientId());
                ps.executeUpdate();
            }
            return null;
        });
        WsTestClient kiosk = sockets.greetedKiosk(visit.tabletId());
        JsonNode circle = next(kiosk, "e2ee_circle");
        assertFalse(circle.has("circle"));
        assertEquals(0, circle.get("devices").size());
        kiosk.send(tablet.identityFrame());
        assertError("e2ee_no_circle", nextError(kiosk));
    }

    @Test
    void aRevokedLinkCannotBeBoundAndTheRefusalIsAudited() {
        AuditRows audit = new AuditRows(server.server().database());
        server.server().database().inTransaction(c -> {
            try (var ps = c.prepareStatement("UPDATE invite SET revoked_at = 1 WHERE id_hash = ?")) {
                ps.setString(1, visit.inviteHash());
                ps.executeUpdate();
            }
            return null;
        });
        assertError("invite_revoked", sockets.bind(sockets.hello("family"), visit.invite(), phone));
        AuditRows.Row refused = audit.since("access.refused").get(0);
        assertTrue(refused.detailHas("action=e2ee.bind"), refused.toString());
        assertEquals("family:" + visit.contactId(), refused.actor());
        assertError("invite_invalid", sockets.bind(sockets.hello("family"), "not-an-invite", phone));
    }
}
