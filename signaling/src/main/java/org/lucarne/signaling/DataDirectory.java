package org.lucarne.signaling;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The data directory must exist, be writable and be the owner's alone (0700) before anything else
 * starts: it holds the database, the data keys, the development CA. One made here is created 0700;
 * an existing one that others may enter or read is tightened, and the log says so.
 */
final class DataDirectory {
    private static final Logger LOG = LoggerFactory.getLogger(DataDirectory.class);
    static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rwx------");

    private DataDirectory() {
    }

    static void prepare(Path dir) {
        try {
            if (!Files.isDirectory(dir)) {
                Path parent = dir.toAbsolutePath().normalize().getParent();
                if (parent != null) {
                    Files.createDirectories(parent);
                }
                if (posix()) {
                    Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
                } else {
                    Files.createDirectory(dir);
                }
            }
            Path probe = Files.createTempFile(dir, ".write-check", ".tmp");
            Files.delete(probe);
        } catch (IOException | SecurityException e) {
            throw new StartupException("the data directory " + dir.toAbsolutePath() + " is not writable ("
                    + e.getClass().getSimpleName() + ": " + e.getMessage() + "). Give this user write access to it, "
                    + "or set LUCARNE_DATA_DIR to a directory it can write.");
        }
        tighten(dir);
    }

    private static void tighten(Path dir) {
        if (!posix()) {
            return;
        }
        Set<PosixFilePermission> now;
        try {
            now = Files.getPosixFilePermissions(dir);
            if (now.equals(OWNER_ONLY)) {
                return;
            }
        } catch (IOException e) {
            throw new StartupException("cannot read the permissions of the data directory " + dir.toAbsolutePath()
                    + ": " + e.getMessage());
        }
        try {
            Files.setPosixFilePermissions(dir, OWNER_ONLY);
        } catch (IOException | SecurityException e) {
            throw new StartupException("the data directory " + dir.toAbsolutePath().normalize() + " is mode "
                    + PosixFilePermissions.toString(now) + " and this user cannot make it owner-only (" + e.getMessage()
                    + "). As its owner, run chmod 700 on it, or set LUCARNE_DATA_DIR to a directory of this user's.");
        }
        LOG.info("the data directory {} was mode {}: now {}, its owner's alone", dir.toAbsolutePath().normalize(),
                PosixFilePermissions.toString(now), PosixFilePermissions.toString(OWNER_ONLY));
    }

    private static boolean posix() {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    }
}
