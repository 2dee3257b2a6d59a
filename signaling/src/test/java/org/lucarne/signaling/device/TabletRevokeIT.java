package org.lucarne.signaling.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.lucarne.signaling.call.CallSockets.next;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lucarne.signaling.call.CallSockets;
import org.lucarne.signaling.call.CallSockets.TestVisit;
import org.lucarne.signaling.policy.Role;
import org.lucarne.signaling.testing.AuditRows;
import org.lucarne.signaling.testing.StaffClient;
import org.lucarne.signaling.testing.StaffClient.Answer;
import org.lucarne.signaling.testing.StaffFixture;
import org.lucarne.signaling.testing.TabletTls;
import org.lucarne.signaling.testing.TestServer;
import org.lucarne.signaling.testing.WsTestClient;
import org.lucarne.testing.ManualScheduler;

/**
 * Staff revoke a bedside tablet through the API of a real server (docs/staff-api.md, "Tablets"): its kiosk
 * socket closes with 1008 at once, it is refused at the upgrade from then on, its live call ends for the
 * family, and a tablet revoked behind this node's back (as another node would) is closed at its next call
 * message. Each test has a visit, a ward and a tablet of its own.
 */
class TabletRevokeIT {
    private static final String LOST = "{\"reason\": \"lost\"}";
    @TempDir
    static Path dir;
    private static final ManualScheduler timers = ManualScheduler.startingNow();
    private static TabletWard ward;
    private static TestServer server;
    private static CallSockets sockets;
    private static TabletTls tablets;
    private TestVisit visit;
    private StaffClient manager;
    private AuditRows audit;

    @BeforeAll
    static void start() {
        ward = new TabletWard(Map.of(), timers, dir);
        server = ward.server;
        sockets = ward.sockets;
        tablets = new TabletTls(server, dir.resolve("tablets"));
    }

    @AfterAll
    static void stop() {
        ward.close();
    }

    /** A visit open from now for an hour on a tablet of its own ward, and a ward manager of that ward. */
    @BeforeEach
    void aVisitAndItsManager() {
        visit = sockets.book(timers.clock(), Duration.ofHours(1));
        manager = ward.memberOf(Role.WARD_MANAGER, visit.wardId());
        audit = new AuditRows(server.server().database());
    }

    @AfterEach
    void closeSockets() {
        sockets.close();
    }

    private Answer revoke(StaffClient who, String body) {
        return who.post("/api/tablets/" + visit.tabletId() + "/revoke", body);
    }

    /** The visit's kiosk and family page, the tablet ringing for the family waiting in the lobby. */
    private record Ringing(WsTestClient kiosk, WsTestClient family) {
    }

    private Ringing ringing() {
        WsTestClient kiosk = sockets.kiosk(visit);
        WsTestClient family = sockets.family(visit);
        next(family, "lobby");
        next(kiosk, "ring");
        return new Ringing(kiosk, family);
    }

    /** What refused the tablet's new kiosk socket: its TLS handshake (KioskHandshakeRevocationIT has the details). */
    private Throwable newSocketRefusal() {
        CompletionException e = assertThrows(CompletionException.class, () -> tablets.kiosk(visit.tabletId()).abort());
        return e.getCause();
    }

    @Test
    void aWardManagerRevokesAConnectedTabletItsSocketClosesAndItIsRefusedFromThenOn() {
        WsTestClient kiosk = sockets.kiosk(visit);
        next(kiosk, "visit_ready");

        Answer a = revoke(manager, LOST);
        assertEquals(200, a.status(), a.toString());
        assertEquals("revoked", a.json().get("state").asText());
        assertEquals(timers.clock().millis(), a.json().get("revokedAt").asLong());
        assertEquals(1008, kiosk.awaitClose(5).code(), "the open socket closes at once");
        assertTrue(newSocketRefusal() instanceof IOException, "a new connection is refused in the TLS handshake");

        List<AuditRows.Row> revoked = audit.since("tablet.revoked");
        assertEquals(1, revoked.size());
        assertEquals("reason=lost", revoked.get(0).detail());
        assertEquals("tablet:" + visit.tabletId(), revoked.get(0).target());
        assertEquals(visit.wardId(), revoked.get(0).ward());

        timers.advance(Duration.ofMinutes(1));
        Answer again = revoke(manager, "{\"reason\": \"stolen\"}");
        assertEquals(200, again.status(), again.toString());
        assertEquals(a.json(), again.json(), "revoking twice changes nothing");
        assertEquals(1, audit.since("tablet.revoked").size(), "and is audited once");
    }

    @Test
    void aNurseAndAnotherWardsManagerAreRefusedAuditedAndTheTabletStillWorks() {
        StaffClient nurse = ward.memberOf(Role.NURSE, visit.wardId());
        new StaffFixture(server).ward("other-" + visit.wardId(), "Léa Petit");
        StaffClient stranger = ward.memberOf(Role.WARD_MANAGER, "other-" + visit.wardId());
        assertEquals(403, revoke(nurse, LOST).status());
        // tablet.enrol refuses with 403 in the policy (docs/security.md): a tablet's existence is not hidden.
        assertEquals(403, revoke(stranger, LOST).status());
        List<AuditRows.Row> refused = audit.since("access.refused");
        assertEquals(List.of("action=tablet.enrol", "action=tablet.enrol"),
                refused.stream().map(AuditRows.Row::detail).toList());
        assertTrue(refused.stream().allMatch(r -> r.target().equals("tablet:" + visit.tabletId())
                && visit.wardId().equals(r.ward())));
        assertEquals(List.of(), audit.since("tablet.revoked"));

        WsTestClient kiosk = ringing().kiosk();
        kiosk.send(visit.msg("answer"));
        next(kiosk, "joined");
        assertFalse(kiosk.isClosed());
    }

    @Test
    void aBadOrMissingReasonIsRefusedNamingTheField() {
        for (String body : List.of("{\"reason\": \"dropped\"}", "{\"reason\": 3}", "{}", "{\"reason\": \"lost\", \"x\": 1}")) {
            Answer a = revoke(manager, body);
            assertEquals(400, a.status(), body + ": " + a);
            assertEquals("invalid_request", a.error());
            assertEquals(body.contains("\"x\"") ? "x" : "reason", a.json().get("field").asText(), body);
        }
        assertEquals(404, manager.post("/api/tablets/no-such-tablet/revoke", LOST).status());
        assertEquals(List.of(), audit.since("tablet.revoked"));
    }

    @Test
    void aLiveCallEndsForTheFamilyAtOnceWhenItsTabletIsRevoked() {
        Ringing call = ringing();
        WsTestClient kiosk = call.kiosk();
        WsTestClient family = call.family();
        kiosk.send(visit.msg("answer"));
        next(kiosk, "joined");
        next(family, "joined");

        assertEquals(200, revoke(manager, "{\"reason\": \"broken\"}").status());
        assertEquals("ended", next(family, "ended").get("reason").asText(),
                "the family is not left waiting for a tablet that cannot come back");
        assertEquals(1008, kiosk.awaitClose(5).code());
    }

    @Test
    void aTabletRevokedBehindThisNodesBackIsClosedAtItsNextCallMessage() {
        WsTestClient kiosk = ringing().kiosk();
        TabletRows.revoke(server.server().database(), visit.tabletId(), timers.clock().millis());
        assertFalse(kiosk.isClosed(), "this node did not hear of it");

        kiosk.send(visit.msg("answer"));
        assertEquals(1008, kiosk.awaitClose(5).code());
        assertEquals(List.of(), audit.since("call.joined"), "the answer was not acted upon");
        assertEquals("ready", manager.get("/api/visits/" + visit.visitId()).json().get("status").asText());
    }
}
