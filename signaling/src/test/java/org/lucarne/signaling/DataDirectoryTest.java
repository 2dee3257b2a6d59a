package org.lucarne.signaling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The data directory holds the database, the data keys and the development CA: its owner's alone. */
class DataDirectoryTest {
    @TempDir
    Path dir;

    @Test
    void aNewDataDirectoryIsCreatedOwnerOnly() throws Exception {
        Path data = dir.resolve("srv").resolve("data");
        DataDirectory.prepare(data);
        assertEquals("rwx------", mode(data));
        assertTrue(mode(data.getParent()).startsWith("rwx"), "its parents are made as usual");
    }

    @Test
    void anExistingDataDirectoryOthersCanEnterIsTightened() throws Exception {
        Path data = Files.createDirectory(dir.resolve("data"));
        for (String open : new String[] {"rwxr-xr-x", "rwxrwx---", "rwx-----x"}) {
            Files.setPosixFilePermissions(data, PosixFilePermissions.fromString(open));
            DataDirectory.prepare(data);
            assertEquals("rwx------", mode(data), open);
        }
    }

    @Test
    void aDataDirectoryThatIsAFileIsRefusedWithTheWayOut() throws Exception {
        Path file = Files.writeString(dir.resolve("data"), "x");
        StartupException e = assertThrows(StartupException.class, () -> DataDirectory.prepare(file));
        assertTrue(e.getMessage().startsWith("the data directory " + file + " is not writable"), e.getMessage());
        assertTrue(e.getMessage().contains("LUCARNE_DATA_DIR"), e.getMessage());
    }

    private static String mode(Path p) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }
}
