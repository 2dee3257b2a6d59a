package org.lucarne.signaling.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.lucarne.signaling.call.CallSockets.assertNothingYet;
import static org.lucarne.signaling.call.CallSockets.next;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lucarne.signaling.call.CallSockets.TestVisit;
import org.lucarne.signaling.testing.AuditRows;
import org.lucarne.signaling.testing.StaffClient;
import org.lucarne.signaling.testing.WsTestClient;
import org.lucarne.signaling.visit.NewVisit;
import org.lucarne.signaling.visit.Visit;
import org.lucarne.signaling.visit.Visits;
import org.lucarne.testing.ManualClock;
import org.lucarne.testing.ManualScheduler;

/**
 * "Do not disturb" over real sockets and the real API (docs/protocol.md, "Tablet"; docs/staff-api.md,
 * "Tablets"): turned on from the kiosk or the console, no family join rings the tablet (the family waits in
 * the lobby), turning it off rings for whoever waits, and the start of the tablet's next visit ends it. The
 * server's clock and timers are the test's, at 09:00 UTC yesterday (in the past, so that the development
 * CA's certificates, dated by that clock, are valid in real time) in a hospital on UTC, so "the end of the
 * day" is known.
 */
class DoNotDisturbIT {
    private static final ManualScheduler TIMERS = new ManualScheduler(new ManualClock(
            Instant.now().truncatedTo(ChronoUnit.DAYS).minus(Duration.ofDays(1)).plus(Duration.ofHours(9))));
    private static final Instant END_OF_DAY = TIMERS.clock().instant().truncatedTo(ChronoUnit.DAYS).plus(Duration.ofDays(1));

    @TempDir
    static Path dir;
    private static TabletWard ward;

    @BeforeAll
    static void start() {
        ward = new TabletWard(Map.of("LUCARNE_TIME_ZONE", "UTC"), TIMERS, dir);
    }

    @AfterAll
    static void stop() {
        ward.close();
    }

    @AfterEach
    void closeSockets() {
        ward.sockets.close();
    }

    @Test
    void fromTheKioskAFamilyJoinWaitsInTheLobbyWithoutARingUntilThePatientAllowsCallsAgain() {
        TestVisit visit = ward.sockets.book(TIMERS.clock(), Duration.ofHours(1));
        WsTestClient kiosk = ward.sockets.greetedKiosk(visit.tabletId());
        assertFalse(next(kiosk, "do_not_disturb_state").has("until"), "off, told after welcome");
        AuditRows audit = new AuditRows(ward.database()).mark();

        kiosk.send("{\"v\":1,\"type\":\"do_not_disturb\",\"on\":true}");
        assertEquals(END_OF_DAY.toEpochMilli(), next(kiosk, "do_not_disturb_state").get("until").asLong(),
                "no visit of the tablet starts later today: until the end of the day");
        List<AuditRows.Row> on = audit.since("tablet.dnd.on");
        assertEquals(1, on.size());
        assertEquals("tablet:" + visit.tabletId(), on.get(0).actor());
        assertEquals("tablet:" + visit.tabletId(), on.get(0).target());
        assertEquals(visit.wardId(), on.get(0).ward());

        WsTestClient family = ward.sockets.family(visit);
        next(family, "lobby");
        next(kiosk, "waiting");
        assertNothingYet(kiosk, visit);

        kiosk.send("{\"v\":1,\"type\":\"do_not_disturb\",\"on\":false}");
        assertFalse(next(kiosk, "do_not_disturb_state").has("until"));
        next(kiosk, "ring");
        assertEquals("tablet:" + visit.tabletId(), audit.since("tablet.dnd.off").get(0).actor());
    }

    @Test
    void fromTheConsoleANurseOfTheWardTurnsItOnUntilATimeAndOffAgain() {
        TestVisit visit = ward.sockets.book(TIMERS.clock(), Duration.ofHours(1));
        WsTestClient kiosk = ward.sockets.kiosk(visit);
        StaffClient nurse = ward.nurseOf(visit.wardId());
        long until = TIMERS.clock().millis() + Duration.ofMinutes(30).toMillis();

        StaffClient.Answer a = nurse.post("/api/tablets/" + visit.tabletId() + "/do-not-disturb",
                "{\"until\": " + until + "}");
        assertEquals(200, a.status(), a.toString());
        assertEquals(until, a.json().get("doNotDisturbUntil").asLong());
        assertEquals(until, next(kiosk, "do_not_disturb_state").get("until").asLong(), "the kiosk shows it at once");
        assertEquals(until, TabletWard.tablet(nurse, visit).get("doNotDisturbUntil").asLong());

        WsTestClient family = ward.sockets.family(visit);
        next(family, "lobby");
        next(kiosk, "waiting");
        assertNothingYet(kiosk, visit);

        a = nurse.post("/api/tablets/" + visit.tabletId() + "/do-not-disturb", "{\"until\": null}");
        assertEquals(200, a.status(), a.toString());
        assertTrue(a.json().get("doNotDisturbUntil").isNull());
        assertFalse(next(kiosk, "do_not_disturb_state").has("until"));
        next(kiosk, "ring");
    }

    @Test
    void itEndsAtItsTimeAndTheSweepTellsTheKioskAsTheSystem() {
        TestVisit visit = ward.sockets.book(TIMERS.clock(), Duration.ofHours(1));
        WsTestClient kiosk = ward.sockets.kiosk(visit);
        long until = TIMERS.clock().millis() + Duration.ofMinutes(5).toMillis();
        assertEquals(200, ward.nurseOf(visit.wardId()).post("/api/tablets/" + visit.tabletId() + "/do-not-disturb",
                "{\"until\": " + until + "}").status());
        next(kiosk, "do_not_disturb_state");
        AuditRows audit = new AuditRows(ward.database()).mark();

        TIMERS.advanceTo(Instant.ofEpochMilli(until).plus(Duration.ofSeconds(DoNotDisturb.SWEEP_SECONDS)));
        assertFalse(next(kiosk, "do_not_disturb_state").has("until"));
        List<AuditRows.Row> off = audit.since("tablet.dnd.off");
        assertEquals(1, off.size());
        assertEquals("system", off.get(0).actor());
        assertEquals("reason=until_reached", off.get(0).detail());
    }

    @Test
    void theStartOfTheTabletsNextVisitEndsIt() {
        TestVisit first = ward.sockets.book(TIMERS.clock(), Duration.ofMinutes(20));
        Instant nextStart = TIMERS.clock().instant().plus(Duration.ofMinutes(40));
        Visit next = new Visits(ward.database(), TIMERS.clock()).create(
                NewVisit.lasting(first.patientId(), first.tabletId(), nextStart, Duration.ofMinutes(20), false));
        WsTestClient kiosk = ward.sockets.kiosk(first);

        kiosk.send("{\"v\":1,\"type\":\"do_not_disturb\",\"on\":true}");
        assertEquals(nextStart.toEpochMilli(), next(kiosk, "do_not_disturb_state").get("until").asLong(),
                "until the next visit");
        AuditRows audit = new AuditRows(ward.database()).mark();

        TIMERS.advanceTo(nextStart.plus(Duration.ofSeconds(DoNotDisturb.SWEEP_SECONDS)));
        assertFalse(next(kiosk, "do_not_disturb_state").has("until"), "visit " + next.id() + " started");
        assertTrue(TabletWard.tablet(ward.nurseOf(first.wardId()), first).get("doNotDisturbUntil").isNull());
        List<AuditRows.Row> off = audit.since("tablet.dnd.off");
        assertEquals(1, off.size());
        assertEquals("system", off.get(0).actor());
        assertEquals("reason=visit_started", off.get(0).detail());
    }

    @Test
    void aVisitBookedMeanwhileEndsItAtItsStartWhateverTheTimeStaffAskedFor() {
        TestVisit first = ward.sockets.book(TIMERS.clock(), Duration.ofMinutes(10));
        StaffClient nurse = ward.nurseOf(first.wardId());
        long asked = TIMERS.clock().millis() + Duration.ofHours(3).toMillis();
        assertEquals(200, nurse.post("/api/tablets/" + first.tabletId() + "/do-not-disturb",
                "{\"until\": " + asked + "}").status());
        Instant booked = TIMERS.clock().instant().plus(Duration.ofHours(1));
        new Visits(ward.database(), TIMERS.clock()).create(
                NewVisit.lasting(first.patientId(), first.tabletId(), booked, Duration.ofMinutes(20), false));

        assertEquals(booked.toEpochMilli(), TabletWard.tablet(nurse, first).get("doNotDisturbUntil").asLong());
    }

    @Test
    void theConsoleIsToldWhatWasWrongWithAnUntil() {
        TestVisit visit = ward.sockets.book(TIMERS.clock(), Duration.ofHours(1));
        StaffClient nurse = ward.nurseOf(visit.wardId());
        String path = "/api/tablets/" + visit.tabletId() + "/do-not-disturb";
        long now = TIMERS.clock().millis();

        for (String body : List.of("{}", "{\"until\": " + (now - 1) + "}", "{\"until\": " + now + "}",
                "{\"until\": " + (now + Duration.ofDays(8).toMillis()) + "}", "{\"until\": \"14:00\"}",
                "{\"until\": 1.5}")) {
            StaffClient.Answer a = nurse.post(path, body);
            assertEquals(400, a.status(), body);
            assertEquals("until", a.json().get("field").asText(), body);
        }
        StaffClient.Answer extra = nurse.post(path, "{\"until\": null, \"why\": \"rest\"}");
        assertEquals(400, extra.status());
        assertEquals("why", extra.json().get("field").asText());
        assertEquals(404, nurse.post("/api/tablets/no-such-tablet/do-not-disturb", "{\"until\": null}").status());
    }

    @Test
    void onlyTheKioskOfATabletSendsItsDoNotDisturb() {
        WsTestClient family = ward.sockets.hello("family");
        family.send("{\"v\":1,\"type\":\"do_not_disturb\",\"on\":true}");
        assertEquals("not_allowed", next(family, "error").get("code").asText());
    }

}
