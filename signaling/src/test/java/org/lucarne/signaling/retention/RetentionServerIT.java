package org.lucarne.signaling.retention;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.lucarne.signaling.testing.AuditRows;
import org.lucarne.signaling.testing.SealedRows;
import org.lucarne.signaling.testing.StaffFixture;
import org.lucarne.signaling.testing.TestServer;
import org.lucarne.testing.ManualClock;
import org.lucarne.testing.ManualScheduler;

/** A real server purges on its own timers, by {@code retention.days}: a minute after start, then every interval. */
class RetentionServerIT {

    @Test
    void theServerPurgesByItsRetentionDaysOnItsTimers() throws Exception {
        ManualScheduler timers = new ManualScheduler(new ManualClock(Instant.parse("2026-03-10T09:00:00Z")));
        try (TestServer server = TestServer.start(Map.of("LUCARNE_RETENTION_DAYS", "7"), timers)) {
            new StaffFixture(server).ward("w", "Marie Dupont");
            long eightDaysAgo = timers.clock().instant().minus(Duration.ofDays(8)).toEpochMilli();
            long sixDaysAgo = timers.clock().instant().minus(Duration.ofDays(6)).toEpochMilli();
            server.server().database().inTransaction(c -> {
                SealedRows.contact(c, server.server().personalData(), "old", "w-patient", "Old Friend", eightDaysAgo);
                SealedRows.contact(c, server.server().personalData(), "recent", "w-patient", "New Friend", sixDaysAgo);
                return null;
            });
            AuditRows audit = new AuditRows(server.server().database());

            timers.advance(Duration.ofMinutes(1));
            List<AuditRows.Row> purged = awaitPurge(audit);
            assertEquals("contacts=1 patients=0 gateway_ids=0 staff_sessions=0 envelopes=0 photos=0 days=7"
                            + " before=2026-03-03T09:01:00Z",
                    purged.get(0).detail());
            assertNotNull(removedAt(server, "old"));
            assertNull(removedAt(server, "recent"), "added 6 days ago");
        }
    }

    /** The run goes on the server's pool: its entry, within 10 s. */
    private static List<AuditRows.Row> awaitPurge(AuditRows audit) throws InterruptedException {
        long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < until) {
            List<AuditRows.Row> rows = audit.since("retention.purged");
            if (!rows.isEmpty()) {
                return rows;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no retention.purged entry within 10 s of the first run's time");
    }

    private static String removedAt(TestServer server, String contactId) {
        return server.server().database().inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT removed_at FROM family_contact WHERE id = ?")) {
                ps.setString(1, contactId);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getString(1);
                }
            }
        });
    }
}
