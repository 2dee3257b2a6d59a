package org.lucarne.signaling.call;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.lucarne.signaling.call.CallSockets.assertNothingYet;
import static org.lucarne.signaling.call.CallSockets.next;

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
 * default settings (a ring of 60 s, a grace of 30 s, at most one ring in 120 s): the server's clock
 * and timers are a {@link ManualScheduler} the test moves, so nothing waits in real time.
 *
 * <p>"Not a millisecond before" is shown with a probe ({@link CallSockets#assertNothingYet}): one
 * millisecond short, the kiosk sends a request that goes through the visit's own executor after
 * whatever the timer posted there, and its answer must be the very next frame the kiosk gets.
 */
class CallTimersIT {
    private static final Duration MS = Duration.ofMillis(1);
    private static final Duration A_WHILE = Duration.ofSeconds(10);

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
        assertEquals(Duration.ofSeconds(120), settings.ringInterval(), "the default ring interval");
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
        WsTestClient family = ringing(sockets, kiosk, visit);

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
        WsTestClient family = ringing(sockets, kiosk, visit);

        timers.advanceTo(visit.endsAt());
        assertEquals("time_up", next(family, "ended").get("reason").asText(), "the slot ends before the ring times out");
        assertEquals("time_up", next(kiosk, "ended").get("reason").asText());
    }

    // --- no ringing storms: call.ring.interval.seconds

    @Test
    void comingBackAgainAndAgainRingsTheTabletOnceAndOnceMoreWhenTheIntervalHasPassed() {
        TestVisit visit = sockets.book(timers.clock(), Duration.ofHours(1));
        WsTestClient kiosk = sockets.kiosk(visit);
        WsTestClient family = ringing(sockets, kiosk, visit);
        for (int i = 0; i < 3; i++) {
            timers.advance(A_WHILE);
            comeBack(family, kiosk, visit);
            assertNothingYet(kiosk, visit);
        }

        timers.advance(settings.ringInterval().minus(A_WHILE.multipliedBy(3)).minus(MS));
        assertNothingYet(kiosk, visit);
        timers.advance(MS);
        next(kiosk, "ring");
        assertNothingYet(kiosk, visit);
    }

    @Test
    void aHeldBackRingDoesNotComeWhenNobodyWaitsAnyMore() {
        TestVisit visit = sockets.book(timers.clock(), Duration.ofHours(1));
        WsTestClient kiosk = sockets.kiosk(visit);
        WsTestClient family = ringing(sockets, kiosk, visit);
        comeBack(family, kiosk, visit);
        family.send(visit.msg("leave"));
        next(kiosk, "participant_left");

        timers.advance(settings.ringInterval());
        assertNothingYet(kiosk, visit);
        family.send(visit.join());
        next(kiosk, "waiting");
        next(kiosk, "ring");
    }

    @Test
    void theTabletCanLetInSomeoneWhoseRingIsHeldBack() {
        TestVisit visit = sockets.book(timers.clock(), Duration.ofHours(1));
        WsTestClient kiosk = sockets.kiosk(visit);
        WsTestClient family = ringing(sockets, kiosk, visit);
        String waiting = comeBack(family, kiosk, visit);

        kiosk.send("{\"v\":1,\"type\":\"admit\",\"visit\":\"" + visit.visitId() + "\",\"participant\":\"" + waiting
                + "\"}");
        assertEquals(waiting, next(family, "joined").get("participant").asText());
        next(kiosk, "sdp_offer");
        timers.advance(settings.ringInterval());
        assertNothingYet(kiosk, visit);
    }

    @Test
    void withNoIntervalEveryReturnRingsTheTabletAsBefore(@TempDir Path own) {
        ManualScheduler ownTimers = ManualScheduler.startingNow();
        try (TestServer unpaced = TestServer.start(Map.of("LUCARNE_CALL_RING_INTERVAL_SECONDS", "0"), ownTimers);
             CallSockets unpacedSockets = new CallSockets(unpaced, own.resolve("tablets"))) {
            TestVisit visit = unpacedSockets.book(ownTimers.clock(), Duration.ofHours(1));
            WsTestClient kiosk = unpacedSockets.kiosk(visit);
            WsTestClient family = ringing(unpacedSockets, kiosk, visit);
            for (int i = 0; i < 3; i++) {
                comeBack(family, kiosk, visit);
                next(kiosk, "ring");
            }
        }
    }

    /** A family page in the visit's lobby, the tablet ringing for it. */
    private static WsTestClient ringing(CallSockets on, WsTestClient kiosk, TestVisit visit) {
        WsTestClient family = on.family(visit);
        next(family, "lobby");
        next(kiosk, "ring");
        return family;
    }

    /**
     * The family member leaves the lobby and joins again at once; the tablet hears them go and come
     * back as waiting. Returns their new participant id.
     */
    private static String comeBack(WsTestClient family, WsTestClient kiosk, TestVisit visit) {
        family.send(visit.msg("leave"));
        next(kiosk, "participant_left");
        family.send(visit.join());
        next(family, "lobby");
        return next(kiosk, "waiting").get("participant").asText();
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
}
