package org.lucarne.signaling.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Messages queued before a stop are sent by the next start: they are rows, not memory. */
class NotifyRestartIT {
    @TempDir
    Path dir;

    @Test
    void messagesPendingAtAStopAreSentAfterTheRestart() throws Exception {
        Path data = dir.resolve("data");
        Instant start = Instant.parse("2026-06-02T08:00:00Z");
        Family.Ids family;
        NotifyServer.Booked b;
        try (NotifyServer first = new NotifyServer(start, Map.of("LUCARNE_DATA_DIR", data.toString()))) {
            family = first.family();
            // Booked, and the server stops before its next look at the queue.
            b = first.book(family, start.plus(Duration.ofHours(2)), Duration.ofMinutes(30), family.jean(), family.lou());
        }
        assertEquals(2L, countPending(data), "both invites wait in the database");

        try (NotifyServer second = new NotifyServer(start.plus(Duration.ofMinutes(1)),
                Map.of("LUCARNE_DATA_DIR", data.toString()))) {
            var nurse = second.nurse(family);
            JsonNode jean = NotifyServer.invite(nurse, b.visit().id(), family.jean());
            assertEquals("sent", jean.get("status").asText());
            assertEquals("outbox", jean.get("channel").asText());
            String id = jean.get("messages").get(0).get("id").asText();
            assertTrue(Files.readString(data.resolve("outbox").resolve(id + ".txt")).contains(b.link(0,
                    second.server.origin()).substring(second.server.origin().length())));
            assertEquals("sent", NotifyServer.invite(nurse, b.visit().id(), family.lou()).get("status").asText());
        }
    }

    private static long countPending(Path data) throws Exception {
        try (var c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + data.resolve("lucarne.db"));
             var st = c.createStatement();
             var rs = st.executeQuery("SELECT COUNT(*) FROM notify_message WHERE status = 'pending' AND kind = 'invite'")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
