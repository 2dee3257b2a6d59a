package org.lucarne.signaling.device;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.Map;
import org.lucarne.signaling.call.CallSockets;
import org.lucarne.signaling.call.CallSockets.TestVisit;
import org.lucarne.signaling.policy.Role;
import org.lucarne.signaling.storage.Database;
import org.lucarne.signaling.testing.StaffClient;
import org.lucarne.signaling.testing.StaffFixture;
import org.lucarne.signaling.testing.TestServer;
import org.lucarne.testing.ManualScheduler;

/**
 * A real server on the test's timers for the tablet tests: visits of their own tablet ({@link CallSockets}), the
 * kiosks and family pages that join them, a nurse of a visit's ward signed in, and the ward's tablet list as she
 * reads it.
 */
final class TabletWard implements AutoCloseable {
    final TestServer server;
    final CallSockets sockets;
    private final ManualScheduler timers;
    private final StaffFixture staff;
    private int members;

    TabletWard(Map<String, String> env, ManualScheduler timers, Path dir) {
        this.timers = timers;
        this.server = TestServer.start(env, timers);
        this.sockets = new CallSockets(server, dir.resolve("tablets"));
        this.staff = new StaffFixture(server);
    }

    Database database() {
        return server.server().database();
    }

    /** A new nurse of the ward, signed in now. */
    StaffClient nurseOf(String wardId) {
        return memberOf(Role.NURSE, wardId);
    }

    /** A new member of staff of the ward in that role, signed in now. */
    StaffClient memberOf(Role role, String wardId) {
        StaffFixture.Member m = staff.member("tablet-" + role.name().toLowerCase() + "-" + (++members), role, wardId);
        StaffClient browser = new StaffClient(server);
        browser.signIn(m.username(), StaffFixture.PASSWORD, m.secret(), timers.clock());
        return browser;
    }

    /** The visit's tablet as {@code GET /api/wards/{id}/tablets} lists it (its ward has that one only). */
    static JsonNode tablet(StaffClient browser, TestVisit visit) {
        StaffClient.Answer a = browser.get("/api/wards/" + visit.wardId() + "/tablets");
        assertEquals(200, a.status(), a.toString());
        return a.json().get("tablets").get(0);
    }

    @Override
    public void close() {
        sockets.close();
        server.close();
    }
}
