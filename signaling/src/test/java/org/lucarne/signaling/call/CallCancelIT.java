package org.lucarne.signaling.call;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.lucarne.signaling.call.CallSockets.next;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lucarne.signaling.call.CallSockets.TestVisit;
import org.lucarne.signaling.policy.Role;
import org.lucarne.signaling.testing.AuditRows;
import org.lucarne.signaling.testing.StaffClient;
import org.lucarne.signaling.testing.StaffClient.Answer;
import org.lucarne.signaling.testing.StaffFixture;
import org.lucarne.signaling.testing.TestServer;
import org.lucarne.signaling.testing.WsTestClient;
import org.lucarne.signaling.ward.WardSettings;
import org.lucarne.signaling.ward.WardSettingsStore;
import org.lucarne.testing.ManualClock;
import org.lucarne.testing.ManualScheduler;

/**
 * Staff cancel a visit through the API while its call is live (docs/protocol.md, {@code ended} with
 * {@code cancelled}): over real sockets, everyone in the call, in the lobby and on the tablet is told at
 * once, joining again is refused, the console shows the status, and the tablet can be booked again once
 * its cleaning buffer has passed. The server's clock stands on Monday 2 March 2026, 11:00 in Paris.
 */
class CallCancelIT {
    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    @TempDir
    static Path dir;
    private static ManualScheduler timers;
    private static TestServer server;
    private static CallSockets sockets;
    private TestVisit visit;
    private Instant start;
    private StaffClient nurse;

    @BeforeAll
    static void start() {
        timers = new ManualScheduler(new ManualClock(Instant.parse("2026-03-02T10:00:00Z")));
        server = TestServer.start(Map.of(), timers);
        sockets = new CallSockets(server, dir.resolve("tablets"));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** A visit open from now for an hour, on a ward in Paris with the default rules, and a nurse of it. */
    @BeforeEach
    void aVisitAndItsNurse() {
        start = timers.clock().instant();
        visit = sockets.book(timers.clock(), Duration.ofHours(1));
        server.server().database().inTransaction(c -> {
            new WardSettingsStore(server.server().database(), timers.clock(), PARIS).save(c, visit.wardId(),
                    WardSettings.defaults(PARIS), "staff:test");
            return null;
        });
        StaffFixture.Member m = new StaffFixture(server).member("nurse-" + visit.wardId(), Role.NURSE, visit.wardId());
        nurse = new StaffClient(server);
        nurse.signIn(m.username(), StaffFixture.PASSWORD, m.secret(), timers.clock());
    }

    @AfterEach
    void closeSockets() {
        sockets.close();
    }

    private String status() {
        return nurse.get("/api/visits/" + visit.visitId()).json().get("status").asText();
    }

    @Test
    void cancellingALiveCallEndsItForTheFamilyAndTheTabletAtOnceAndTheVisitIsRefusedAfterwards() {
        assertEquals("ready", status());
        WsTestClient kiosk = sockets.kiosk(visit);
        WsTestClient family = sockets.family(visit);
        next(family, "lobby");
        next(kiosk, "ring");
        kiosk.send(visit.msg("answer"));
        next(kiosk, "joined");
        next(family, "joined");
        assertEquals("in_call", status());
        timers.advance(Duration.ofMinutes(10));

        AuditRows audit = new AuditRows(server.server().database());
        Answer cancelled = nurse.post("/api/visits/" + visit.visitId() + "/cancel", null);
        assertEquals(200, cancelled.status(), cancelled.toString());
        assertEquals("cancelled", cancelled.json().get("status").asText());
        assertEquals("cancelled", next(family, "ended").get("reason").asText());
        assertEquals("cancelled", next(kiosk, "ended").get("reason").asText());
        assertEquals(List.of("visit.cancelled"), audit.since("visit.cancelled").stream().map(AuditRows.Row::action).toList());

        family.send(visit.join());
        JsonNode again = next(family);
        assertEquals("error", again.get("type").asText());
        assertEquals("visit_ended", again.get("code").asText());
        WsTestClient newcomer = sockets.family(visit);
        assertEquals("visit_ended", next(newcomer).get("code").asText(), "a fresh page with the same link");
        kiosk.send(visit.msg("answer"));
        assertEquals("visit_ended", next(kiosk, "error").get("code").asText());
        assertEquals("cancelled", status());
        assertTrue(awaitSet("first_joined_at") && awaitSet("call_started_at"),
                "the visit's row keeps that someone came and the call started");
    }

    @Test
    void cancellingWhileTheTabletRingsSendsTheLobbyAndTheTabletAway() {
        WsTestClient kiosk = sockets.kiosk(visit);
        WsTestClient family = sockets.family(visit);
        next(family, "lobby");
        next(kiosk, "ring");
        assertEquals("ready", status(), "nobody in the call yet: the patient has not answered");
        assertEquals(200, nurse.post("/api/visits/" + visit.visitId() + "/cancel", null).status());
        assertEquals("cancelled", next(family, "ended").get("reason").asText());
        assertEquals("cancelled", next(kiosk, "ended").get("reason").asText());
    }

    @Test
    void theTabletOfACancelledLiveVisitIsFreeAgainAfterItsCleaningBuffer() {
        WsTestClient kiosk = sockets.kiosk(visit);
        WsTestClient family = sockets.family(visit);
        next(family, "lobby");
        next(kiosk, "ring");
        kiosk.send(visit.msg("answer"));
        next(family, "joined");
        timers.advance(Duration.ofMinutes(10));
        assertEquals(200, nurse.post("/api/visits/" + visit.visitId() + "/cancel", null).status());
        next(family, "ended");

        long cancelledAt = timers.clock().millis();
        Answer busy = nurse.post("/api/visits", "{\"patient\":\"" + visit.patientId() + "\",\"start\":"
                + (cancelledAt + 5 * 60_000L) + ",\"length\":15}");
        assertEquals(409, busy.status(), busy.toString());
        assertEquals("tablet_busy", busy.json().get("code").asText());
        assertTrue(busy.json().get("detail").asText().contains(hhmm(start.toEpochMilli()) + " to " + hhmm(cancelledAt)),
                "in use from the visit's start until it was cancelled: " + busy);
        long free = cancelledAt + 15 * 60_000L;
        long quarter = 15 * 60_000L;
        assertEquals((free + quarter - 1) / quarter * quarter, busy.json().get("suggestions").get(0).get("start").asLong(),
                "the first quarter hour of the grid once the tablet is cleaned");
        Answer booked = nurse.post("/api/visits", "{\"patient\":\"" + visit.patientId() + "\",\"start\":" + free
                + ",\"length\":15}");
        assertEquals(201, booked.status(), "15 minutes of cleaning after the call ended: " + booked);
        assertEquals(visit.tabletId(), booked.json().get("visit").get("tablet").get("id").asText());
    }

    private static String hhmm(long millis) {
        return java.time.format.DateTimeFormatter.ofPattern("HH:mm").format(Instant.ofEpochMilli(millis).atZone(PARIS));
    }

    /** Whether the visit's column is set within 5 s (it is written off the visit's executor). */
    private boolean awaitSet(String column) {
        long end = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (System.nanoTime() < end) {
            boolean set = server.server().database().inTransaction(c -> {
                try (PreparedStatement ps = c.prepareStatement("SELECT " + column + " FROM visit WHERE id = ?")) {
                    ps.setString(1, visit.visitId());
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        rs.getLong(1);
                        return !rs.wasNull();
                    }
                }
            });
            if (set) {
                return true;
            }
            Thread.onSpinWait();
        }
        return false;
    }
}
