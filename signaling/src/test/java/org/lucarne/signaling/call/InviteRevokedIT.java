package org.lucarne.signaling.call;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import org.lucarne.signaling.call.CallSockets.TestVisit;
import org.lucarne.signaling.policy.Role;
import org.lucarne.signaling.testing.AuditRows;
import org.lucarne.signaling.testing.StaffClient;
import org.lucarne.signaling.testing.StaffFixture;
import org.lucarne.signaling.testing.TestServer;
import org.lucarne.signaling.testing.WsTestClient;
import org.lucarne.testing.ManualScheduler;

/**
 * Staff revoke a family invite during the call, over real sockets: its holder is out at once ({@code ended}
 * {@code removed}), the others see them leave, and the link is refused from then on ({@code invite_revoked}).
 */
class InviteRevokedIT {
    @TempDir
    static Path dir;
    private static ManualScheduler timers;
    private static TestServer server;
    private static CallSockets sockets;
    private TestVisit visit;
    private WsTestClient kiosk;
    private WsTestClient family;

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

    /** A visit of its own, the family in the call with the patient. */
    @BeforeEach
    void inTheCall() {
        visit = sockets.book(timers.clock(), Duration.ofHours(1));
        kiosk = sockets.kiosk(visit);
        family = sockets.family(visit);
        next(family, "lobby");
        next(kiosk, "ring");
        kiosk.send(visit.msg("answer"));
        next(kiosk, "joined");
        next(family, "joined");
    }

    @AfterEach
    void closeSockets() {
        sockets.close();
    }

    private StaffClient nurseOf(String wardId) {
        StaffFixture.Member m = new StaffFixture(server).member("nurse-" + wardId, Role.NURSE, wardId);
        StaffClient c = new StaffClient(server);
        c.signIn(m.username(), StaffFixture.PASSWORD, m.secret(), timers.clock());
        return c;
    }

    @Test
    void theHolderOfARevokedInviteLeavesTheCallAtOnceAndCannotComeBack() throws Exception {
        StaffClient nurse = nurseOf(visit.wardId());
        AuditRows audit = new AuditRows(server.server().database());
        StaffClient.Answer a = nurse.post("/api/invites/" + visit.inviteHash() + "/revoke", null);
        assertEquals(200, a.status(), a.toString());
        assertTrue(a.json().get("revoked").asBoolean());

        JsonNode ended = next(family, "ended");
        assertEquals("removed", ended.get("reason").asText());
        assertEquals(visit.visitId(), ended.get("visit").asText());
        next(kiosk, "participant_left");

        WsTestClient again = sockets.hello("family");
        again.send(visit.join());
        assertEquals("invite_revoked", next(again).get("code").asText());

        List<AuditRows.Row> revoked = audit.since("invite.revoked");
        assertEquals(1, revoked.size());
        assertEquals("invite:" + visit.inviteHash(), revoked.get(0).target());
        assertTrue(revoked.get(0).actor().startsWith("staff:"));
        long end = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        List<AuditRows.Row> left = List.of();
        while (left.isEmpty() && System.nanoTime() < end) {
            left = audit.since("call.left").stream().filter(r -> r.actor().equals("family:" + visit.contactId())).toList();
            Thread.sleep(20);
        }
        assertEquals(1, left.size(), "the call's trail says who was removed, and why");
        assertTrue(left.get(0).detailHas("reason=removed"), left.get(0).toString());
    }

    @Test
    void anotherWardsStaffCannotRevokeAndTheCallGoesOn() {
        TestVisit elsewhere = sockets.book(timers.clock(), Duration.ofHours(1));
        StaffClient stranger = nurseOf(elsewhere.wardId());
        assertEquals(404, stranger.post("/api/invites/" + visit.inviteHash() + "/revoke", null).status());
        family.send(visit.msg("leave"));
        assertEquals("participant_left", next(kiosk, "participant_left").get("type").asText(),
                "the family was still in the call, and left by themselves");
    }
}
