package org.lucarne.signaling.call;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.lucarne.signaling.call.CallSockets.next;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lucarne.signaling.call.CallSockets.TestVisit;
import org.lucarne.signaling.config.SignalingConfig;
import org.lucarne.signaling.testing.TestServer;
import org.lucarne.signaling.testing.WsTestClient;
import org.lucarne.testing.ManualScheduler;

/**
 * The call focus's timers to the millisecond, over real sockets with the embedded bridge, on the
 * default settings (a ring of 60 s, a grace of 30 s): the server's clock and timers are a
 * {@link ManualScheduler} the test moves, so nothing waits in real time.
 *
 * <p>"Not a millisecond before" is shown with a probe: one millisecond short, the kiosk sends a
 * request that goes through the visit's own executor after whatever the timer posted there, and
 * its answer must be the very next frame the kiosk gets.
 */
class CallTimersIT {
    private static final Duration MS = Duration.ofMillis(1);

    @TempDir
    static Path dir;
    private static ManualScheduler timers;
    private static TestServer server;
    private static CallSockets sockets;
    private static SignalingConfig.Calls settings;

    @BeforeAll
    static void start() {
        timers = ManualScheduler.startingNow();
        server = TestServer.start(Map.of(), timers);
        sockets = new CallSockets(server, dir.resolve("tablets"));
        settings = server.server().config().calls();
        assertEquals(Duration.ofSeconds(60), settings.ringTimeout(), "the default ring");
        assertEquals(Duration.ofSeconds(30), settings.reconnectGrace(), "the default grace");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @AfterEach
    void closeSockets() {
        sockets.close();
    }

    @Test
    void theRingEndsWithNoAnswerAfterItsTimeoutAndNotAMillisecondBefore() {
        TestVisit visit = sockets.book(timers.clock(), Duration.ofHours(1));
        WsTestClient kiosk = sockets.kiosk(visit);
        WsTestClient family = sockets.family(visit);
        next(family, "lobby");
        next(kiosk, "ring");

        timers.advance(settings.ringTimeout().minus(MS));
        assertNothingYet(kiosk, visit);
        timers.advance(MS);
        assertEquals("no_answer", next(family, "ended").get("reason").asText());
        assertEquals("no_answer", next(kiosk, "ended").get("reason").asText());
    }

    @Test
    void aDroppedParticipantKeepsTheSeatForTheGraceThenLeaves() {
        TestVisit visit = sockets.book(timers.clock(), Duration.ofHours(1));
        WsTestClient kiosk = sockets.kiosk(visit);
        WsTestClient family = sockets.family(visit);
        String familyId = answered(kiosk, family, visit);
        family.abort();
        assertEquals(familyId, next(kiosk, "participant_reconnecting").get("participant").asText());

        timers.advance(settings.reconnectGrace().minus(MS));
        assertNothingYet(kiosk, visit);
        timers.advance(MS);
        assertEquals(familyId, next(kiosk, "participant_left").get("participant").asText());
    }

    @Test
    void aParticipantBackOneMillisecondBeforeTheGraceEndsKeepsTheSeat() {
        TestVisit visit = sockets.book(timers.clock(), Duration.ofHours(1));
        WsTestClient kiosk = sockets.kiosk(visit);
        WsTestClient family = sockets.family(visit);
        String familyId = answered(kiosk, family, visit);
        family.abort();
        next(kiosk, "participant_reconnecting");

        timers.advance(settings.reconnectGrace().minus(MS));
        WsTestClient back = sockets.family(visit);
        assertEquals(familyId, next(back, "joined").get("participant").asText());
        assertEquals(familyId, next(kiosk, "participant_joined").get("participant").asText());
        timers.advance(settings.reconnectGrace().multipliedBy(2));
        assertNothingYet(kiosk, visit);
    }

    @Test
    void theCallEndsAtTheEndOfTheSlotAndNotAMillisecondBefore() {
        TestVisit visit = sockets.book(timers.clock(), Duration.ofMinutes(20));
        WsTestClient kiosk = sockets.kiosk(visit);
        WsTestClient family = sockets.family(visit);
        answered(kiosk, family, visit);

        timers.advanceTo(visit.endsAt().minus(MS));
        assertNothingYet(kiosk, visit);
        timers.advance(MS);
        assertEquals("time_up", next(kiosk, "ended").get("reason").asText());
        assertEquals("time_up", next(family, "ended").get("reason").asText());
        kiosk.send(visit.msg("answer"));
        assertEquals("visit_ended", next(kiosk, "error").get("code").asText());
    }

    @Test
    void aSlotThatEndsWhileTheFamilyWaitsSendsThemAwayWithTimeUp() {
        TestVisit visit = sockets.book(timers.clock(), Duration.ofSeconds(45));
        WsTestClient kiosk = sockets.kiosk(visit);
        WsTestClient family = sockets.family(visit);
        next(family, "lobby");
        next(kiosk, "ring");

        timers.advanceTo(visit.endsAt());
        assertEquals("time_up", next(family, "ended").get("reason").asText(), "the slot ends before the ring times out");
        assertEquals("time_up", next(kiosk, "ended").get("reason").asText());
    }

    /** The patient answers the family's ring; returns the family member's participant id. */
    private static String answered(WsTestClient kiosk, WsTestClient family, TestVisit visit) {
        next(family, "lobby");
        next(kiosk, "ring");
        kiosk.send(visit.msg("answer"));
        next(kiosk, "sdp_offer");
        String familyId = next(family, "joined").get("participant").asText();
        next(family, "sdp_offer");
        return familyId;
    }

    /**
     * The kiosk asks to admit nobody: its visit's executor answers {@code participant_unknown},
     * after anything a timer posted there; that answer must be the kiosk's very next frame.
     */
    private static void assertNothingYet(WsTestClient kiosk, TestVisit visit) {
        kiosk.send("{\"v\":1,\"type\":\"admit\",\"visit\":\"" + visit.visitId() + "\",\"participant\":\"nobody\"}");
        JsonNode n = next(kiosk);
        assertEquals("error", n.get("type").asText(), "nothing happened before the probe's answer: " + n);
        assertEquals("participant_unknown", n.get("code").asText(), n.toString());
    }
}
