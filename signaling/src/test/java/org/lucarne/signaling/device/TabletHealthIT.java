package org.lucarne.signaling.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
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
import org.lucarne.signaling.testing.StaffClient;
import org.lucarne.signaling.testing.WsTestClient;
import org.lucarne.signaling.ward.WardFeed;
import org.lucarne.testing.ManualScheduler;

/**
 * The tablet's health over real sockets and the real API (docs/protocol.md, "Tablet"; docs/staff-api.md,
 * "Tablets"): what the kiosk says in {@code tablet_status} and when it was last seen are in the ward's tablet
 * list, the ward's consoles hear when the battery goes low, and only a kiosk may say it, not too often.
 */
class TabletHealthIT {
    private static final ManualScheduler TIMERS = ManualScheduler.startingNow();
    private static final Duration STATUS_GAP = Duration.ofSeconds(TabletHealth.STATUS_GAP_SECONDS);

    @TempDir
    static Path dir;
    private static TabletWard ward;

    @BeforeAll
    static void start() {
        ward = new TabletWard(Map.of(), TIMERS, dir);
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
    void theKiosksStatusAndWhenItWasLastSeenAreInTheWardsTabletList() {
        TestVisit visit = ward.sockets.book(TIMERS.clock(), Duration.ofHours(1));
        StaffClient nurse = ward.nurseOf(visit.wardId());
        JsonNode never = TabletWard.tablet(nurse, visit);
        assertEquals("offline", never.get("state").asText());
        for (String field : new String[] {"lastSeenAt", "appVersion", "battery", "charging", "doNotDisturbUntil"}) {
            assertTrue(never.get(field).isNull(), field + " of a tablet never seen");
        }

        WsTestClient kiosk = ward.sockets.kiosk(visit);
        kiosk.send(status("1.4.2", "\"battery\":64,\"charging\":false"));
        pingPong(kiosk, 1);
        JsonNode seen = TabletWard.tablet(nurse, visit);
        assertEquals("online", seen.get("state").asText());
        assertEquals("1.4.2", seen.get("appVersion").asText());
        assertEquals(64, seen.get("battery").asInt());
        assertEquals(false, seen.get("charging").asBoolean());
        assertEquals(TIMERS.clock().millis(), seen.get("lastSeenAt").asLong());

        TIMERS.advance(Duration.ofMinutes(3));
        pingPong(kiosk, 2);
        assertEquals(TIMERS.clock().millis(), TabletWard.tablet(nurse, visit).get("lastSeenAt").asLong(), "a ping is a sign of life");

        long lastSeen = TIMERS.clock().millis();
        kiosk.abort();
        TIMERS.advance(Duration.ofMinutes(5));
        JsonNode gone = awaitState(nurse, visit, "offline");
        assertEquals(lastSeen, gone.get("lastSeenAt").asLong(), "offline, last seen when it last spoke");
        assertEquals(64, gone.get("battery").asInt(), "what it last said stays");
    }

    @Test
    void aBrowserThatTellsNothingOfTheBatteryLeavesItUnknown() {
        TestVisit visit = ward.sockets.book(TIMERS.clock(), Duration.ofHours(1));
        WsTestClient kiosk = ward.sockets.kiosk(visit);
        kiosk.send(status("1.4.2", null));
        pingPong(kiosk, 1);
        JsonNode t = TabletWard.tablet(ward.nurseOf(visit.wardId()), visit);
        assertEquals("1.4.2", t.get("appVersion").asText());
        assertTrue(t.get("battery").isNull());
        assertTrue(t.get("charging").isNull());
    }

    @Test
    void theWardsConsolesHearWhenTheBatteryGoesLow() {
        TestVisit visit = ward.sockets.book(TIMERS.clock(), Duration.ofHours(1));
        WsTestClient console = ward.nurseOf(visit.wardId()).socket("staff");
        next(console, "welcome");
        WsTestClient kiosk = ward.sockets.kiosk(visit);
        assertEquals(visit.wardId(), next(console, "ward_changed").get("ward").asText(), "online");
        TIMERS.advance(WardFeed.GAP);

        kiosk.send(status("1.4.2", "\"battery\":21,\"charging\":false"));
        assertEquals(visit.wardId(), next(console, "ward_changed").get("ward").asText(), "its first status");
        TIMERS.advance(STATUS_GAP);
        kiosk.send(status("1.4.2", "\"battery\":20,\"charging\":false"));
        pingPong(kiosk, 1);
        console.send("{\"v\":1,\"type\":\"ping\",\"seq\":1}");
        assertEquals("{\"v\":1,\"type\":\"pong\",\"seq\":1}", console.next(), "21 % to 20 % is not news");

        TIMERS.advance(STATUS_GAP);
        kiosk.send(status("1.4.2", "\"battery\":19,\"charging\":false"));
        assertEquals(visit.wardId(), next(console, "ward_changed").get("ward").asText(), "under 20 %");
    }

    @Test
    void statusesComingTooOftenAreDropped() {
        TestVisit visit = ward.sockets.book(TIMERS.clock(), Duration.ofHours(1));
        WsTestClient kiosk = ward.sockets.kiosk(visit);
        for (int i = 0; i < TabletHealth.STATUS_BURST; i++) {
            kiosk.send(status("1.4.2", "\"battery\":" + (50 + i)));
        }
        kiosk.send(status("1.4.2", "\"battery\":99"));
        assertEquals("rate_limited", next(kiosk, "error").get("code").asText());
        assertEquals(50 + TabletHealth.STATUS_BURST - 1, TabletWard.tablet(ward.nurseOf(visit.wardId()), visit).get("battery").asInt());

        TIMERS.advance(STATUS_GAP);
        kiosk.send(status("1.4.2", "\"battery\":98"));
        pingPong(kiosk, 1);
        assertEquals(98, TabletWard.tablet(ward.nurseOf(visit.wardId()), visit).get("battery").asInt(), "one more once the gap passed");
    }

    @Test
    void onlyTheKioskOfATabletSendsItsStatus() {
        WsTestClient family = ward.sockets.hello("family");
        family.send(status("1.4.2", "\"battery\":50"));
        assertEquals("not_allowed", next(family, "error").get("code").asText());
    }

    private static String status(String appVersion, String more) {
        return "{\"v\":1,\"type\":\"tablet_status\",\"appVersion\":\"" + appVersion + "\""
                + (more == null ? "" : "," + more) + "}";
    }

    /** The kiosk's ping is answered: everything it sent before was handled. */
    private static void pingPong(WsTestClient kiosk, int seq) {
        kiosk.send("{\"v\":1,\"type\":\"ping\",\"seq\":" + seq + "}");
        assertEquals(seq, next(kiosk, "pong").get("seq").asInt());
    }

    /** The tablet's entry once its state reads {@code state}: a closed socket is noticed by the server soon after. */
    private static JsonNode awaitState(StaffClient browser, TestVisit visit, String state) {
        long end = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        JsonNode t = TabletWard.tablet(browser, visit);
        while (!state.equals(t.get("state").asText()) && System.nanoTime() < end) {
            Thread.onSpinWait();
            t = TabletWard.tablet(browser, visit);
        }
        assertEquals(state, t.get("state").asText());
        return t;
    }
}
