package org.lucarne.signaling.enrol;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.lucarne.signaling.policy.Role;
import org.lucarne.signaling.testing.StaffFixture;
import org.lucarne.signaling.testing.TabletTls;
import org.lucarne.signaling.testing.TestServer;
import org.lucarne.testing.ManualClock;
import org.lucarne.testing.ManualScheduler;

/**
 * A real server for the enrolment tests, with a ward ({@code <ward>-bed} in it) and its manager. Its clock is manual
 * and starts two hours behind real time: the tests move it on by less than that before a handshake, and the
 * certificates it issues are checked in TLS handshakes at the real time, so they must not start in the future.
 */
record EnrolmentServer(ManualScheduler timers, TestServer server, TabletTls tls, StaffFixture.Member manager)
        implements AutoCloseable {

    static EnrolmentServer start(Path dir, String ward, String manager) {
        ManualScheduler timers = new ManualScheduler(new ManualClock(Instant.now().minus(Duration.ofHours(2))));
        TestServer server = TestServer.start(Map.of(), timers);
        StaffFixture fixture = new StaffFixture(server);
        fixture.ward(ward, "Patient of " + ward);
        return new EnrolmentServer(timers, server, new TabletTls(server, dir.resolve("tablets")),
                fixture.member(manager, Role.WARD_MANAGER, ward));
    }

    @Override
    public void close() {
        server.close();
    }
}
