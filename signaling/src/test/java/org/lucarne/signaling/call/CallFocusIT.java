package org.lucarne.signaling.call;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.lucarne.signaling.call.CallSockets.next;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lucarne.signaling.call.CallSockets.TestVisit;
import org.lucarne.signaling.testing.TestServer;
import org.lucarne.signaling.testing.WsTestClient;
import org.lucarne.signaling.visit.VisitEndReason;
import org.lucarne.signaling.visit.Visits;
import org.lucarne.testing.ManualScheduler;

/**
 * The call focus over real sockets, with the embedded bridge: who gets in, the lobby and the ring,
 * offers from the bridge, refusals, leaving and reconnecting. SDP answers that carry media are
 * Chromium's: see the browser tests. The server's time is the test's (its timers to the
 * millisecond: {@link CallTimersIT}).
 */
class CallFocusIT {
    @TempDir
    static Path dir;
    private static ManualScheduler timers;
    private static TestServer server;
    private static CallSockets sockets;
    private TestVisit visit;

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

    /** A visit of its own, open for an hour, for each test. */
    @BeforeEach
    void newVisit() {
        visit = sockets.book(timers.clock(), Duration.ofHours(1));
    }

    @AfterEach
    void closeSockets() {
        sockets.close();
    }

    @Test
    void familyWaitsInTheLobbyAndTheTabletRingsWithTheirName() {
        WsTestClient kiosk = sockets.kiosk(visit);
        assertEquals("visit_ready", next(kiosk).get("type").asText());
        WsTestClient family = sockets.family(visit);
        assertEquals("visit_ready", next(family).get("type").asText());
        JsonNode lobby = next(family);
        assertEquals("lobby", lobby.get("type").asText());
        assertEquals("Marie Dupont", lobby.get("name").asText());

        next(kiosk, "visit_ready");
        JsonNode waiting = next(kiosk, "waiting");
        assertEquals("Jean Dupont", waiting.get("name").asText());
        JsonNode ring = next(kiosk, "ring");
        assertEquals(visit.visitId(), ring.get("visit").asText());
        assertEquals(false, ring.get("autoAnswer").asBoolean());
    }

    @Test
    void answeringLetsTheLobbyInAndBothGetAnOfferFromTheBridge() {
        WsTestClient kiosk = sockets.kiosk(visit);
        WsTestClient family = sockets.family(visit);
        next(family, "lobby");
        next(kiosk, "ring");
        kiosk.send(visit.msg("answer"));

        String patientId = next(kiosk, "joined").get("participant").asText();
        JsonNode other = next(kiosk, "participant_joined");
        assertEquals("family", other.get("role").asText());
        assertEquals("Jean Dupont", other.get("name").asText());
        JsonNode kioskOffer = next(kiosk, "sdp_offer");
        assertEquals(1, kioskOffer.get("revision").asLong());

        String familyId = next(family, "joined").get("participant").asText();
        assertNotEquals(patientId, familyId);
        assertEquals(other.get("participant").asText(), familyId);
        JsonNode patient = next(family, "participant_joined");
        assertEquals("patient", patient.get("role").asText());
        assertEquals(patientId, patient.get("participant").asText());
        String sdp = next(family, "sdp_offer").get("sdp").asText();
        for (String line : new String[] {"a=group:BUNDLE", "a=ice-ufrag:", "a=ice-pwd:", "a=fingerprint:sha-256",
                "a=rtcp-mux", "a=setup:actpass", "m=audio", "m=video"}) {
            assertTrue(sdp.contains(line), "the offer has " + line + ":\n" + sdp);
        }
    }

    @Test
    void declineSendsTheLobbyAwayAndTheVisitStaysOpenForAnotherTry() {
        WsTestClient kiosk = sockets.kiosk(visit);
        WsTestClient family = sockets.family(visit);
        next(family, "lobby");
        next(kiosk, "ring");
        kiosk.send(visit.msg("decline"));
        assertEquals("declined", next(family, "ended").get("reason").asText());

        family.send(visit.join());
        next(family, "lobby");
        next(kiosk, "waiting");
        // The tablet rang a moment ago: it rings again once call.ring.interval.seconds has passed.
        timers.advance(server.server().config().calls().ringInterval());
        next(kiosk, "ring");
    }

    @Test
    void garbageAndUnknownInvitesAreRefusedAlikeAndNobodyElseHearsOfIt() {
        WsTestClient kiosk = sockets.kiosk(visit);
        next(kiosk, "visit_ready");
        WsTestClient stranger = sockets.hello("family");
        stranger.send(TestVisit.joinWith("not-an-invite"));
        assertEquals("invite_invalid", next(stranger, "error").get("code").asText());
        stranger.send(TestVisit.joinWith("A".repeat(43)));
        assertEquals("invite_invalid", next(stranger, "error").get("code").asText());
        stranger.send(visit.msg("leave"));
        assertEquals("not_in_visit", next(stranger, "error").get("code").asText());
        WsTestClient family = sockets.family(visit);
        next(family, "lobby");
        assertEquals("visit_ready", next(kiosk).get("type").asText());
        assertEquals("waiting", next(kiosk).get("type").asText(), "the kiosk heard only of the real family member");
    }

    @Test
    void aLinkForAnotherVisitLeadsOnlyToThatVisitAndCannotTouchThisOne() {
        WsTestClient kiosk = sockets.kiosk(visit);
        WsTestClient family = sockets.family(visit);
        next(kiosk, "ring");
        kiosk.send(visit.msg("answer"));
        next(family, "sdp_offer");
        next(kiosk, "sdp_offer");

        TestVisit otherVisit = sockets.book(timers.clock(), Duration.ofHours(1), "Paul Bernard", "Anne Bernard");
        WsTestClient other = sockets.family(otherVisit);
        JsonNode ready = next(other, "visit_ready");
        assertNotEquals(visit.visitId(), ready.get("visit").asText(), "admitted to its own visit only");
        assertEquals("Paul Bernard", next(other, "lobby").get("name").asText());
        for (String type : new String[] {"leave", "media_state", "ice_restart"}) {
            String text = type.equals("media_state")
                    ? "{\"v\":1,\"type\":\"media_state\",\"visit\":\"" + visit.visitId() + "\",\"muted\":true,\"cameraOff\":true}"
                    : visit.msg(type);
            other.send(text);
            assertEquals("not_in_visit", next(other, "error").get("code").asText(), type);
        }
        family.send("{\"v\":1,\"type\":\"media_state\",\"visit\":\"" + visit.visitId()
                + "\",\"muted\":false,\"cameraOff\":true}");
        JsonNode media = next(kiosk, "participant_media");
        assertTrue(media.get("cameraOff").asBoolean(), "the next thing the tablet hears is from its own visit");
    }

    @Test
    void aMalformedSdpAnswerIsRefusedAndTheCallGoesOn() {
        WsTestClient kiosk = sockets.kiosk(visit);
        WsTestClient family = sockets.family(visit);
        next(kiosk, "ring");
        kiosk.send(visit.msg("answer"));
        next(kiosk, "sdp_offer");
        JsonNode offer = next(family, "sdp_offer");
        family.send("{\"v\":1,\"type\":\"sdp_answer\",\"visit\":\"" + visit.visitId() + "\",\"revision\":"
                + offer.get("revision").asLong() + ",\"sdp\":\"v=0\\r\\nthis is not SDP\\r\\n\"}");
        JsonNode error = next(family, "error");
        assertEquals("sdp_invalid", error.get("code").asText());
        family.send("{\"v\":1,\"type\":\"sdp_answer\",\"visit\":\"" + visit.visitId() + "\",\"revision\":7,"
                + "\"sdp\":\"v=0\"}");
        assertEquals("stale_revision", next(family, "error").get("code").asText());
        family.send("{\"v\":1,\"type\":\"media_state\",\"visit\":\"" + visit.visitId()
                + "\",\"muted\":true,\"cameraOff\":false}");
        JsonNode media = next(kiosk, "participant_media");
        assertTrue(media.get("muted").asBoolean());
    }

    @Test
    void aFamilyMemberWhoDropsKeepsTheirSeatAndComesBackWithTheSameId() {
        WsTestClient kiosk = sockets.kiosk(visit);
        WsTestClient family = sockets.family(visit);
        next(kiosk, "ring");
        kiosk.send(visit.msg("answer"));
        String familyId = next(family, "joined").get("participant").asText();
        next(kiosk, "sdp_offer");
        family.abort();
        assertEquals(familyId, next(kiosk, "participant_reconnecting").get("participant").asText());

        WsTestClient back = sockets.family(visit);
        next(back, "visit_ready");
        assertEquals(familyId, next(back, "joined").get("participant").asText());
        next(back, "sdp_offer");
        assertEquals(familyId, next(kiosk, "participant_joined").get("participant").asText());

        back.abort();
        next(kiosk, "participant_reconnecting");
        timers.advance(server.server().config().calls().reconnectGrace());
        assertEquals(familyId, next(kiosk, "participant_left").get("participant").asText(),
                "not back within the grace: gone");
    }

    @Test
    void aWeakLinkIsToldToTheOthersOnChangeOnlyAndToWhoeverComesBack() {
        WsTestClient kiosk = sockets.kiosk(visit);
        WsTestClient family = sockets.family(visit);
        next(kiosk, "ring");
        kiosk.send(visit.msg("answer"));
        String familyId = next(family, "joined").get("participant").asText();
        String patientId = next(family, "participant_joined").get("participant").asText();
        next(kiosk, "sdp_offer");

        family.send(link("weak"));
        JsonNode heard = next(kiosk, "participant_link");
        assertEquals(familyId, heard.get("participant").asText());
        assertEquals("weak", heard.get("quality").asText());
        family.send(link("weak"));
        family.send("{\"v\":1,\"type\":\"media_state\",\"visit\":\"" + visit.visitId()
                + "\",\"muted\":true,\"cameraOff\":false}");
        for (JsonNode n = next(kiosk); !"participant_media".equals(n.get("type").asText()); n = next(kiosk)) {
            assertNotEquals("participant_link", n.get("type").asText(), "the same quality again is not repeated");
        }

        kiosk.send(link("poor"));
        assertEquals("poor", next(family, "participant_link").get("quality").asText());
        family.abort();
        WsTestClient back = sockets.family(visit);
        next(back, "joined");
        JsonNode told = next(back, "participant_link");
        assertEquals(patientId, told.get("participant").asText(), "whoever comes back hears of the weak link");
        assertEquals("poor", told.get("quality").asText());

        back.send("{\"v\":1,\"type\":\"link_quality\",\"visit\":\"" + visit.visitId() + "\",\"quality\":\"bad\"}");
        assertEquals("invalid_field", next(back, "error").get("code").asText());
    }

    private String link(String quality) {
        return "{\"v\":1,\"type\":\"link_quality\",\"visit\":\"" + visit.visitId() + "\",\"quality\":\"" + quality + "\"}";
    }

    @Test
    void leavingTellsTheOthersAndEndingTellsEveryone() {
        WsTestClient kiosk = sockets.kiosk(visit);
        WsTestClient family = sockets.family(visit);
        next(kiosk, "ring");
        kiosk.send(visit.msg("answer"));
        String familyId = next(family, "joined").get("participant").asText();
        family.send(visit.msg("leave"));
        assertEquals(familyId, next(kiosk, "participant_left").get("participant").asText());

        family.send(visit.join());
        next(family, "joined");
        next(kiosk, "participant_joined");
        kiosk.send(visit.msg("end"));
        assertEquals("ended", next(family, "ended").get("reason").asText());
    }

    @Test
    void joiningAfterTheVisitEndedIsRefused() {
        new Visits(server.server().database(), timers.clock()).end(visit.visitId(), VisitEndReason.ENDED);
        WsTestClient family = sockets.hello("family");
        family.send(visit.join());
        assertEquals("visit_ended", next(family, "error").get("code").asText());
    }

    @Test
    void tileSizesAreTakenWithoutAWordAndBadOnesAreRefused() {
        WsTestClient kiosk = sockets.kiosk(visit);
        WsTestClient family = sockets.family(visit);
        next(family, "lobby");
        family.send(sizes("[]")); // from the lobby: kept for the call, without a word
        next(kiosk, "ring");
        kiosk.send(visit.msg("answer"));
        next(family, "joined");
        String patientId = next(family, "participant_joined").get("participant").asText();
        next(family, "sdp_offer");

        family.send(sizes("[{\"participant\":\"" + patientId + "\",\"height\":5000}]"));
        assertEquals("invalid_field", next(family, "error").get("code").asText(), "taller than any screen");
        family.send(sizes("[{\"participant\":\"" + patientId + "\",\"height\":180},"
                + "{\"participant\":\"" + patientId + "\",\"height\":360}]"));
        assertEquals("invalid_field", next(family, "error").get("code").asText(), "one participant twice");
        family.send(sizes("[{\"participant\":\"" + patientId + "\",\"height\":180}]"));
        family.send(sizes("[{\"participant\":\"" + patientId + "\",\"height\":180,\"width\":240}]"));
        assertEquals("unknown_field", next(family, "error").get("code").asText(),
                "the next error is the bad one's: the good video_sizes was taken without a word");
        family.send("{\"v\":1,\"type\":\"media_state\",\"visit\":\"" + visit.visitId()
                + "\",\"muted\":true,\"cameraOff\":false}");
        assertTrue(next(kiosk, "participant_media").get("muted").asBoolean(), "the call goes on");
    }

    private String sizes(String array) {
        return "{\"v\":1,\"type\":\"video_sizes\",\"visit\":\"" + visit.visitId() + "\",\"sizes\":" + array + "}";
    }

    @Test
    void staffAndFamilyCannotActAsTheTablet() {
        WsTestClient family = sockets.family(visit);
        next(family, "lobby");
        family.send(visit.msg("answer"));
        assertEquals("not_allowed", next(family, "error").get("code").asText());
        WsTestClient staff = WsTestClient.connect(server, server.origin());
        staff.send("{\"v\":1,\"type\":\"hello\",\"app\":\"staff\",\"appVersion\":\"test\"}");
        assertEquals("not_signed_in", next(staff, "error").get("code").asText(), "no staff app without a session");
        assertEquals(1008, staff.awaitClose(5).code());
    }
}
