package org.lucarne.signaling.personal;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.SecureRandom;
import java.util.Set;
import org.lucarne.certs.CertificateStoreException;
import org.lucarne.certs.SecureFiles;

/** Writing the stores of data keys: atomically, with the given permissions, and create-once. */
final class KeyStoreFiles {
    private KeyStoreFiles() {
    }

    /** Replaces {@code file} atomically (temporary file, fsync, rename); its directory is made owner-only if new. */
    static void replace(Path file, byte[] content, Set<PosixFilePermission> permissions, String what) {
        try {
            SecureFiles.createPrivateDirectory(file.toAbsolutePath().normalize().getParent());
            SecureFiles.writeAtomically(file, content, permissions);
        } catch (CertificateStoreException e) {
            throw new PersonalDataException("cannot write " + what + ": " + e.getMessage(), e);
        }
    }

    /**
     * Writes {@code file} only if there is none, and says whether it did: the content goes to a
     * temporary file first, which is then hard-linked to the file's name (refused when that name
     * exists), so a reader never sees a partial file and two first starts cannot replace each
     * other's key.
     */
    static boolean createNew(Path file, byte[] content, Set<PosixFilePermission> permissions, String what,
                             SecureRandom random) {
        Path absolute = file.toAbsolutePath().normalize();
        Path temp = absolute.resolveSibling("." + absolute.getFileName() + ".new-" + Long.toHexString(random.nextLong()));
        try {
            replace(temp, content, permissions, what);
            Files.createLink(absolute, temp);
            return true;
        } catch (FileAlreadyExistsException e) {
            return false;
        } catch (UnsupportedOperationException | IOException e) {
            if (Files.exists(absolute)) {
                return false;
            }
            // No hard links on this file system: a rename, which another first start could race.
            replace(absolute, content, permissions, what);
            return true;
        } finally {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException ignored) {
                // a leftover temporary file holds the same key as the store, owner-only
            }
        }
    }
}
