package org.lucarne.signaling.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.lucarne.signaling.call.CallSockets.next;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lucarne.signaling.call.CallSockets;
import org.lucarne.signaling.call.CallSockets.TestVisit;
import org.lucarne.signaling.policy.Role;
import org.lucarne.signaling.testing.AuditRows;
import org.lucarne.signaling.testing.StaffClient;
import org.lucarne.signaling.testing.StaffClient.Answer;
import org.lucarne.signaling.testing.StaffFixture;
import org.lucarne.signaling.testing.StaffFixture.Member;
import org.lucarne.signaling.testing.TestServer;
import org.lucarne.signaling.testing.WsTestClient;
import org.lucarne.testing.ManualScheduler;

/**
 * A ward's tablets through the API of a real server, their state from real kiosk sockets and a real
 * call (offline, online, in a call, revoked), and their cleaning marked and audited.
 */
class TabletsApiIT {
    @TempDir
    static Path dir;
    private static ManualScheduler timers;
    private static TestServer server;
    private static CallSockets sockets;
    private static TestVisit visit;
    private static StaffClient nurse;
    private static StaffClient stranger;
    private static Member nurseMember;
    private static Member strangerMember;

    @BeforeAll
    static void start() {
        timers = ManualScheduler.startingNow();
        server = TestServer.start(Map.of(), timers);
        sockets = new CallSockets(server, dir.resolve("tablets"));
        visit = sockets.book(timers.clock(), Duration.ofHours(1));
        server.server().database().inTransaction(c -> {
            try (Statement st = c.createStatement()) {
                st.executeUpdate("INSERT INTO bed (id, ward_id, label) VALUES ('old-bed', '" + visit.wardId() + "', 'Bed 9')");
                st.executeUpdate("INSERT INTO tablet (id, bed_id, label, enrolled_at, revoked_at)"
                        + " VALUES ('old-tablet', 'old-bed', 'Old tablet', 0, 1)");
            }
            return null;
        });
        StaffFixture fixture = new StaffFixture(server);
        fixture.ward("other", "Léa Petit");
        nurseMember = fixture.member("tablets-nurse", Role.NURSE, visit.wardId());
        nurse = signedIn(nurseMember);
        strangerMember = fixture.member("tablets-stranger", Role.WARD_MANAGER, "other");
        stranger = signedIn(strangerMember);
    }

    private static StaffClient signedIn(Member m) {
        StaffClient c = new StaffClient(server);
        c.signIn(m.username(), StaffFixture.PASSWORD, m.secret(), timers.clock());
        return c;
    }

    @AfterEach
    void closeSockets() {
        sockets.close();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static JsonNode tablet(String id) {
        Answer a = nurse.get("/api/wards/" + visit.wardId() + "/tablets");
        assertEquals(200, a.status(), a.toString());
        for (JsonNode t : a.json().get("tablets")) {
            if (t.get("id").asText().equals(id)) {
                return t;
            }
        }
        throw new AssertionError("no tablet " + id + " in " + a);
    }

    /** Waits, 5 s at most, for the tablet to show {@code state}. */
    private static void awaitState(String id, String state) {
        long end = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        String seen = null;
        while (System.nanoTime() < end) {
            seen = tablet(id).get("state").asText();
            if (seen.equals(state)) {
                return;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        throw new AssertionError("tablet " + id + " is " + seen + ", not " + state + ", after 5 s");
    }

    @Test
    void theStateFollowsTheKioskAndTheCall() {
        JsonNode t = tablet(visit.tabletId());
        assertEquals("offline", t.get("state").asText());
        assertEquals("Tablet", t.get("label").asText());
        assertEquals("Bed 1", t.get("bed").asText());
        assertEquals("revoked", tablet("old-tablet").get("state").asText());

        WsTestClient kiosk = sockets.kiosk(visit);
        awaitState(visit.tabletId(), "online");
        WsTestClient family = sockets.family(visit);
        next(family, "lobby");
        next(kiosk, "ring");
        assertEquals("online", tablet(visit.tabletId()).get("state").asText(), "ringing is not yet a call");
        kiosk.send(visit.msg("answer"));
        next(kiosk, "joined");
        assertEquals("in_call", tablet(visit.tabletId()).get("state").asText());
        kiosk.send(visit.msg("end"));
        next(family, "ended");
        awaitState(visit.tabletId(), "online");
        kiosk.abort();
        awaitState(visit.tabletId(), "offline");
    }

    @Test
    void aNurseMarksATabletCleanedAndTheWardSeesWhenAndByWhom() {
        AuditRows audit = new AuditRows(server.server().database());
        timers.advance(Duration.ofMinutes(2));
        Answer a = nurse.post("/api/tablets/" + visit.tabletId() + "/cleaned", null);
        assertEquals(200, a.status(), a.toString());
        assertEquals(timers.clock().millis(), a.json().get("cleanedAt").asLong());
        assertEquals(nurseMember.id(), a.json().get("cleanedBy").get("id").asText());
        assertEquals("Display tablets-nurse", a.json().get("cleanedBy").get("name").asText());
        assertEquals(a.json().get("cleanedAt"), tablet(visit.tabletId()).get("cleanedAt"));
        List<AuditRows.Row> changed = audit.since("tablet.changed");
        assertEquals(1, changed.size());
        assertEquals("tablet:" + visit.tabletId(), changed.get(0).target());
        assertEquals(visit.wardId(), changed.get(0).ward());
        assertEquals("cleaned", changed.get(0).detail());

        assertEquals(409, nurse.post("/api/tablets/old-tablet/cleaned", null).status(), "a revoked tablet");
        assertEquals(404, nurse.post("/api/tablets/no-such-tablet/cleaned", null).status());
        assertEquals("x", nurse.post("/api/tablets/" + visit.tabletId() + "/cleaned", "{\"x\": 1}").json()
                .get("field").asText());
    }

    @Test
    void anotherWardsStaffNeitherSeeNorCleanAndAreAudited() {
        AuditRows audit = new AuditRows(server.server().database());
        assertEquals(403, stranger.get("/api/wards/" + visit.wardId() + "/tablets").status());
        assertEquals(403, stranger.post("/api/tablets/" + visit.tabletId() + "/cleaned", null).status());
        List<AuditRows.Row> refused = audit.since("access.refused");
        assertEquals(List.of("action=tablet.view", "action=tablet.change"),
                refused.stream().map(AuditRows.Row::detail).toList());
        assertEquals("tablet:" + visit.tabletId(), refused.get(1).target());
        assertTrue(refused.stream().allMatch(r -> visit.wardId().equals(r.ward())
                && r.actor().equals("staff:" + strangerMember.id())));
        assertEquals(List.of(), audit.since("tablet.changed"));
    }
}
