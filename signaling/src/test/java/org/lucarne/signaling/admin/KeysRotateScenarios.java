package org.lucarne.signaling.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lucarne.signaling.StartupException;
import org.lucarne.signaling.audit.AuditEntry;
import org.lucarne.signaling.call.CallDirectory;
import org.lucarne.signaling.demo.DemoData;
import org.lucarne.signaling.demo.DemoVisit;
import org.lucarne.signaling.personal.KeyFile;
import org.lucarne.signaling.storage.Database;
import org.lucarne.signaling.storage.DatabaseUse;
import org.lucarne.signaling.storage.Dialect;
import org.lucarne.signaling.storage.TestBackend;
import org.lucarne.signaling.testing.SealedRows;
import org.lucarne.signaling.testing.TestServer;

/**
 * {@code ./lucarne keys rotate} beside real servers on one database: refused while one runs, done
 * once it stopped, and the next server reads every name; no server starts during a rotation.
 */
abstract class KeysRotateScenarios {
    @TempDir
    Path dir;

    protected TestBackend backend;
    private TestServer server;

    protected abstract Dialect dialect();

    @BeforeEach
    void createBackend() {
        backend = TestBackend.create(dialect());
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
        backend.close();
    }

    /** The variables a server and a command of this test share: one data directory, one database. */
    protected Map<String, String> env() {
        Map<String, String> env = new HashMap<>();
        env.put("LUCARNE_DATA_DIR", dir.resolve("data").toString());
        if (dialect() == Dialect.POSTGRESQL) {
            env.put("LUCARNE_DB_URL", backend.settings().jdbcUrl());
            env.put("LUCARNE_DB_USER", backend.settings().user());
            env.put("LUCARNE_DB_PASSWORD", backend.settings().password());
        }
        return env;
    }

    protected TestServer startServer(Map<String, String> env) {
        server = TestServer.start(env);
        return server;
    }

    protected void stopServer() {
        server.close();
        server = null;
    }

    /** Runs {@code ./lucarne keys rotate} (or other arguments) as Main does; its exit code, out and err. */
    protected static Run command(Map<String, String> env, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = AdminCommands.run(args, Optional.empty(), env, Clock.systemUTC(),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    record Run(int code, String out, String err) {
    }

    @Test
    void refusedWhileAServerUsesTheDatabaseThenDoneOnceItStopped() {
        TestServer first = startServer(env());
        DemoVisit demo = DemoData.seed(first.server().database(), first.server().personalData(), Clock.systemUTC());
        first.server().database().inTransaction(c -> {
            SealedRows.contact(c, first.server().personalData(), "contact-2", demo.patientId(), "Zoë Lefèvre",
                    Clock.systemUTC().millis());
            return null;
        });

        Run refused = command(env(), "keys", "rotate");
        assertEquals(1, refused.code(), refused.err());
        assertEquals("lucarne: Lucarne is running on this database (a server, or another ./lucarne command): stop"
                + " Lucarne (every node) first, then run this command again\n", refused.err());
        assertEquals("", refused.out());
        assertEquals("Marie Dupont", directory(first).patientName(demo.patientId()), "the running server is untouched");
        assertEquals(List.of("k1"), List.copyOf(keyFile().load().keys().keySet()));

        stopServer();
        Run done = command(env(), "keys", "rotate");
        assertEquals(0, done.code(), done.err());
        assertTrue(done.out().startsWith("Data keys rotated: k1 -> k2, in one database transaction.\n"), done.out());
        assertTrue(done.out().contains("  Re-encrypted     7 values (patient.display_name 1, patient.hospital_id 1,"
                + " family_contact.display_name 2, family_contact.relationship 1, family_contact.phone 1,"
                + " family_contact.email 1)\n"), done.out());
        assertTrue(done.out().contains("  Blind indexes    1 recomputed (patient.hospital_id_index 1)\n"), done.out());
        assertTrue(done.out().contains("  Keys             the data key file " + keyFile().path().toAbsolutePath()
                .normalize() + " now holds k2 only\n"), done.out());
        assertTrue(done.out().contains("Back up the new keys now, apart from the database backups"), done.out());
        assertTrue(done.out().contains("those can only be read with key k1."), done.out());
        assertFalse(done.out().contains("Marie") || done.out().contains("Zoë"), "no name is printed");
        assertEquals(List.of("k2"), List.copyOf(keyFile().load().keys().keySet()));

        TestServer next = startServer(env());
        assertEquals("Marie Dupont", directory(next).patientName(demo.patientId()));
        assertEquals("Jean Dupont", directory(next).contactName(demo.contactId()));
        assertEquals("Zoë Lefèvre", directory(next).contactName("contact-2"));
        AuditEntry entry = next.server().audit().head().orElseThrow();
        assertEquals("data_keys.rotated", entry.action());
        assertEquals("from=k1 to=k2 values=7 indexes=1", entry.detail());
    }

    @Test
    void aServerDoesNotStartWhileARotationHoldsTheDatabase() {
        startServer(env());
        stopServer();
        try (Database db = Database.open(TestServer.databaseSettings(env()));
                DatabaseUse rotation = DatabaseUse.tryAcquire(db, DatabaseUse.Mode.EXCLUSIVE).orElseThrow()) {
            StartupException e = assertThrows(StartupException.class, () -> startServer(env()));
            assertEquals("a data key rotation (./lucarne keys rotate) is running on this database: start again once"
                    + " it has finished", e.getMessage());
            Run audit = command(env(), "keys", "rotate");
            assertEquals(1, audit.code(), "nor does a second rotation");
        }
        startServer(env());
    }

    @Test
    void extraArgumentsAreRefusedWithTheUsage() {
        startServer(env());
        stopServer();
        Run r = command(env(), "keys", "rotate", "--now");
        assertEquals(2, r.code());
        assertTrue(r.err().startsWith("usage: lucarne keys rotate"), r.err());
    }

    private KeyFile keyFile() {
        return KeyFile.in(dir.resolve("data"));
    }

    private static CallDirectory directory(TestServer s) {
        return new CallDirectory(s.server().database(), s.server().personalData());
    }
}
