package org.lucarne.signaling.storage;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The database's own files are readable and writable by their owner only (0600), on POSIX file systems. */
final class OwnerOnlyFiles {
    private static final Logger LOG = LoggerFactory.getLogger(OwnerOnlyFiles.class);
    static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private OwnerOnlyFiles() {
    }

    /** Creates {@code file} empty and owner-only if it does not exist. */
    static void createEmpty(Path file) {
        if (Files.exists(file) || !posix()) {
            return;
        }
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        } catch (FileAlreadyExistsException e) {
            // created meanwhile by another process: tightened after opening
        } catch (IOException e) {
            throw new StorageException("cannot create the database file " + file + ": " + e.getMessage()
                    + ". Give this user write access to its directory", e);
        }
    }

    /** Makes each existing file owner-only, saying so in the log when one was open to others. */
    static void tighten(Path... files) {
        if (!posix()) {
            return;
        }
        for (Path f : files) {
            try {
                Set<PosixFilePermission> now = Files.getPosixFilePermissions(f);
                if (!now.equals(OWNER_ONLY)) {
                    Files.setPosixFilePermissions(f, OWNER_ONLY);
                    LOG.info("{} was mode {}: now {} (readable by its owner only)", f,
                            PosixFilePermissions.toString(now), PosixFilePermissions.toString(OWNER_ONLY));
                }
            } catch (NoSuchFileException e) {
                // SQLite has not made it (yet): it will take the database file's mode
            } catch (IOException e) {
                throw new StorageException("cannot make " + f + " readable by its owner only: " + e.getMessage()
                        + ". Make this user its owner, or run chmod 600 on it", e);
            }
        }
    }

    private static boolean posix() {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    }
}
