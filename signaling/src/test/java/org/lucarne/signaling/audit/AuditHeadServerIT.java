package org.lucarne.signaling.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.lucarne.signaling.StartupException;
import org.lucarne.signaling.testing.TestServer;

/** A real server copies the head of its trail outside the database when it starts and when it stops. */
class AuditHeadServerIT {

    @Test
    void serverCopiesTheHeadToTheDataDirectoryAtStartAndAtStop() throws Exception {
        TestServer server = TestServer.start();
        Path file = server.dataDir().resolve("audit-head.json");
        try {
            AuditHeadFile atStart = AuditHeadFile.read(file).orElseThrow();
            assertEquals(0, atStart.seq());
            assertEquals(AuditHead.localHostName(), atStart.host());
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
            server.server().audit().record(AuditEvent.of(AuditEvent.SYSTEM, AuditAction.ADMIN_COMMAND,
                    AuditOutcome.SUCCESS));
        } finally {
            server.close();
        }
        AuditHeadFile atStop = AuditHeadFile.read(file).orElseThrow();
        assertEquals(1, atStop.seq());
        assertTrue(atStop.hash().matches("[0-9a-f]{64}"), atStop.hash());
    }

    @Test
    void serverDoesNotStartWhenTheHeadFileCannotBeWritten() throws Exception {
        Path missing = Files.createTempDirectory("lucarne-audit-").resolve("missing").resolve("audit-head.json");
        StartupException e = assertThrows(StartupException.class,
                () -> TestServer.start(Map.of("LUCARNE_AUDIT_HEAD_FILE", missing.toString())));
        assertTrue(e.getMessage().startsWith("the server failed to start: cannot write the audit head file " + missing
                + " (audit.head.file): "), e.getMessage());
        Files.delete(missing.getParent().getParent());
    }
}
