package org.lucarne.signaling;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The data directory must exist and be writable before anything else starts. */
final class DataDirectory {
    private DataDirectory() {
    }

    static void prepare(Path dir) {
        try {
            Files.createDirectories(dir);
            Path probe = Files.createTempFile(dir, ".write-check", ".tmp");
            Files.delete(probe);
        } catch (IOException | SecurityException e) {
            throw new StartupException("the data directory " + dir.toAbsolutePath() + " is not writable ("
                    + e.getClass().getSimpleName() + ": " + e.getMessage() + "). Give this user write access to it, "
                    + "or set LUCARNE_DATA_DIR to a directory it can write.");
        }
    }
}
