package org.lucarne.signaling.invite;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.lucarne.signaling.storage.Dialect;

class InvitesSqliteTest extends InvitesContract {

    @Override
    protected Dialect dialect() {
        return Dialect.SQLITE;
    }

    @Test
    void rawIdAppearsNowhereInTheDatabaseFiles() throws IOException {
        Invite invite = invites.create("contact-a", NOW, NOW.plus(Duration.ofHours(2)));
        db.close(); // checkpoints the WAL into the main file
        try (Stream<Path> files = Files.list(backend.directory())) {
            for (Path file : files.toList()) {
                String bytes = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
                assertFalse(bytes.contains(invite.id().value()), "raw invite id in " + file);
                assertFalse(bytes.contains(invite.secret().value()), "link secret in " + file);
            }
        }
        String main = new String(Files.readAllBytes(backend.directory().resolve("lucarne.db")), StandardCharsets.ISO_8859_1);
        assertTrue(main.contains(invite.id().hash()), "the scan must see what is stored");
    }
}
