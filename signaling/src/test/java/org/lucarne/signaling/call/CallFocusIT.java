package org.lucarne.signaling.call;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lucarne.signaling.demo.DemoData;
import org.lucarne.signaling.demo.DemoVisit;
import org.lucarne.signaling.invite.Invite;
import org.lucarne.signaling.invite.Invites;
import org.lucarne.signaling.testing.TabletTls;
import org.lucarne.signaling.testing.TestServer;
import org.lucarne.signaling.testing.WsTestClient;
import org.lucarne.signaling.visit.NewVisit;
import org.lucarne.signaling.visit.Visit;
import org.lucarne.signaling.visit.VisitEndReason;
import org.lucarne.signaling.visit.Visits;

/**
 * The call focus over real sockets, with the embedded bridge: who gets in, the lobby and the ring,
 * offers from the bridge, refusals, leaving and reconnecting. SDP answers that carry media are
 * Chromium's: see the browser tests.
 */
class CallFocusIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;
    private static TestServer server;
    private static TabletTls tablets;
    private DemoVisit visit;

    @BeforeAll
    static void start() {
        server = TestServer.start(Map.of("LUCARNE_CALL_RECONNECT_GRACE_SECONDS", "2",
                "LUCARNE_CALL_RING_TIMEOUT_SECONDS", "5"));
        tablets = new TabletTls(server, dir.resolve("tablets"));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** A fresh demo visit (the previous one ended) with a fresh invite, for each test. */
    @BeforeEach
    void newVisit() {
        visit = DemoData.seed(server.server().database(), Clock.systemUTC());
    }

    @Test
    void familyWaitsInTheLobbyAndTheTabletRingsWithTheirName() {
        WsTestClient kiosk = kiosk();
        assertEquals("visit_ready", next(kiosk).get("type").asText());
        WsTestClient family = family();
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
        WsTestClient kiosk = kiosk();
        WsTestClient family = family();
        next(family, "lobby");
        next(kiosk, "ring");
        kiosk.send(msg("answer"));

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
        WsTestClient kiosk = kiosk();
        WsTestClient family = family();
        next(family, "lobby");
        next(kiosk, "ring");
        kiosk.send(msg("decline"));
        assertEquals("declined", next(family, "ended").get("reason").asText());

        family.send(join());
        next(family, "lobby");
        next(kiosk, "ring");
    }

    @Test
    void nobodyAnsweringEndsTheWaitWithNoAnswer() {
        WsTestClient kiosk = kiosk();
        WsTestClient family = family();
        next(family, "lobby");
        next(kiosk, "ring");
        JsonNode ended = nextWithin(family, "ended", 10);
        assertEquals("no_answer", ended.get("reason").asText());
        assertEquals("no_answer", next(kiosk, "ended").get("reason").asText());
    }

    @Test
    void garbageAndUnknownInvitesAreRefusedAlikeAndNobodyElseHearsOfIt() {
        WsTestClient kiosk = kiosk();
        next(kiosk, "visit_ready");
        WsTestClient stranger = hello("family");
        stranger.send("{\"v\":1,\"type\":\"join\",\"invite\":\"not-an-invite\"}");
        assertEquals("invite_invalid", next(stranger, "error").get("code").asText());
        stranger.send("{\"v\":1,\"type\":\"join\",\"invite\":\"" + "A".repeat(43) + "\"}");
        assertEquals("invite_invalid", next(stranger, "error").get("code").asText());
        stranger.send(msg("leave"));
        assertEquals("not_in_visit", next(stranger, "error").get("code").asText());
        WsTestClient family = family();
        next(family, "lobby");
        assertEquals("visit_ready", next(kiosk).get("type").asText());
        assertEquals("waiting", next(kiosk).get("type").asText(), "the kiosk heard only of the real family member");
    }

    @Test
    void aLinkForAnotherVisitLeadsOnlyToThatVisitAndCannotTouchThisOne() {
        WsTestClient kiosk = kiosk();
        WsTestClient family = family();
        next(kiosk, "ring");
        kiosk.send(msg("answer"));
        next(family, "sdp_offer");
        next(kiosk, "sdp_offer");

        WsTestClient other = hello("family");
        other.send("{\"v\":1,\"type\":\"join\",\"invite\":\"" + otherVisitInvite() + "\"}");
        JsonNode ready = next(other, "visit_ready");
        assertNotEquals(visit.visitId(), ready.get("visit").asText(), "admitted to its own visit only");
        assertEquals("Paul Bernard", next(other, "lobby").get("name").asText());
        for (String type : new String[] {"leave", "media_state", "ice_restart"}) {
            String text = type.equals("media_state")
                    ? "{\"v\":1,\"type\":\"media_state\",\"visit\":\"" + visit.visitId() + "\",\"muted\":true,\"cameraOff\":true}"
                    : msg(type);
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
        WsTestClient kiosk = kiosk();
        WsTestClient family = family();
        next(kiosk, "ring");
        kiosk.send(msg("answer"));
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
        WsTestClient kiosk = kiosk();
        WsTestClient family = family();
        next(kiosk, "ring");
        kiosk.send(msg("answer"));
        String familyId = next(family, "joined").get("participant").asText();
        next(kiosk, "sdp_offer");
        family.abort();
        assertEquals(familyId, next(kiosk, "participant_reconnecting").get("participant").asText());

        WsTestClient back = family();
        next(back, "visit_ready");
        assertEquals(familyId, next(back, "joined").get("participant").asText());
        next(back, "sdp_offer");
        assertEquals(familyId, next(kiosk, "participant_joined").get("participant").asText());

        back.abort();
        next(kiosk, "participant_reconnecting");
        assertEquals(familyId, nextWithin(kiosk, "participant_left", 10).get("participant").asText(),
                "not back within the grace: gone");
    }

    @Test
    void leavingTellsTheOthersAndEndingTellsEveryone() {
        WsTestClient kiosk = kiosk();
        WsTestClient family = family();
        next(kiosk, "ring");
        kiosk.send(msg("answer"));
        String familyId = next(family, "joined").get("participant").asText();
        family.send(msg("leave"));
        assertEquals(familyId, next(kiosk, "participant_left").get("participant").asText());

        family.send(join());
        next(family, "joined");
        next(kiosk, "participant_joined");
        kiosk.send(msg("end"));
        assertEquals("ended", next(family, "ended").get("reason").asText());
    }

    @Test
    void joiningAfterTheVisitEndedIsRefused() {
        new Visits(server.server().database(), Clock.systemUTC()).end(visit.visitId(), VisitEndReason.ENDED);
        WsTestClient family = hello("family");
        family.send(join());
        assertEquals("visit_ended", next(family, "error").get("code").asText());
    }

    @Test
    void staffAndFamilyCannotActAsTheTablet() {
        WsTestClient family = family();
        next(family, "lobby");
        family.send(msg("answer"));
        assertEquals("not_allowed", next(family, "error").get("code").asText());
        WsTestClient staff = WsTestClient.connect(server, server.origin());
        staff.send("{\"v\":1,\"type\":\"hello\",\"app\":\"staff\",\"appVersion\":\"test\"}");
        assertEquals("not_signed_in", next(staff, "error").get("code").asText(), "no staff app without a session");
        assertEquals(1008, staff.awaitClose(5).code());
    }

    // --- helpers

    /** An invite to a visit of another patient, on another tablet, open now. */
    private static String otherVisitInvite() {
        String suffix = Long.toHexString(System.nanoTime());
        var db = server.server().database();
        db.inTransaction(c -> {
            for (String sql : new String[] {
                    "INSERT INTO bed (id, ward_id, label) VALUES ('bed-" + suffix + "', 'demo-ward-4', 'Bed " + suffix + "')",
                    "INSERT INTO patient (id, bed_id, display_name) VALUES ('pat-" + suffix + "', 'bed-" + suffix + "', 'Paul Bernard')",
                    "INSERT INTO tablet (id, bed_id, label, enrolled_at) VALUES ('tab-" + suffix + "', 'bed-" + suffix + "', 'T', 0)",
                    "INSERT INTO family_contact (id, patient_id, display_name, created_at) VALUES ('con-" + suffix
                            + "', 'pat-" + suffix + "', 'Anne Bernard', 0)"}) {
                try (var st = c.createStatement()) {
                    st.executeUpdate(sql);
                }
            }
            return null;
        });
        Instant now = Instant.now();
        Visit other = new Visits(db, Clock.systemUTC()).create(NewVisit.lasting("pat-" + suffix, "tab-" + suffix,
                now.minusSeconds(60), Duration.ofHours(1), false));
        Invite invite = new Invites(db, Clock.systemUTC()).create("con-" + suffix, now.minusSeconds(60), other.endsAt());
        new Visits(db, Clock.systemUTC()).attachInvite(other.id(), invite.id());
        return invite.id().value();
    }

    private WsTestClient kiosk() {
        WsTestClient k = tablets.kiosk(visit.tabletId());
        next(k, "welcome");
        return k;
    }

    private WsTestClient family() {
        WsTestClient f = hello("family");
        f.send(join());
        return f;
    }

    private static WsTestClient hello(String app) {
        WsTestClient c = WsTestClient.connect(server, server.origin());
        c.send("{\"v\":1,\"type\":\"hello\",\"app\":\"" + app + "\",\"appVersion\":\"test\"}");
        next(c, "welcome");
        return c;
    }

    private String join() {
        return "{\"v\":1,\"type\":\"join\",\"invite\":\"" + visit.inviteId().value() + "\"}";
    }

    private String msg(String type) {
        return "{\"v\":1,\"type\":\"" + type + "\",\"visit\":\"" + visit.visitId() + "\"}";
    }

    private static JsonNode next(WsTestClient c) {
        return next(c, 5);
    }

    private static JsonNode next(WsTestClient c, int seconds) {
        try {
            return JSON.readTree(c.next(seconds));
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    /** The next frame of {@code type}, skipping others, within 5 s. */
    private static JsonNode next(WsTestClient c, String type) {
        return nextWithin(c, type, 5);
    }

    private static JsonNode nextWithin(WsTestClient c, String type, int seconds) {
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        while (System.nanoTime() < end) {
            JsonNode n = next(c, seconds);
            if (type.equals(n.get("type").asText())) {
                return n;
            }
            if ("error".equals(n.get("type").asText()) && !"error".equals(type)) {
                throw new AssertionError("waiting for " + type + ", got " + n);
            }
        }
        throw new AssertionError("no " + type + " within " + seconds + " s");
    }
}
