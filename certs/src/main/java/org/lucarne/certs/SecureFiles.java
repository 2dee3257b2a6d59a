package org.lucarne.certs;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.Set;

/**
 * Reads small files and writes them atomically with restrictive permissions: keystores, certificates,
 * password files, and the signaling server's data keys. Failures are {@link CertificateStoreException}s
 * whose message names the file.
 */
public final class SecureFiles {

    /** Keystores, certificates and password files are tiny; anything bigger is the wrong file. */
    static final long MAX_SIZE = 1024 * 1024;

    public static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    static final Set<PosixFilePermission> PUBLIC_READ = PosixFilePermissions.fromString("rw-r--r--");
    private static final Set<PosixFilePermission> PRIVATE_DIRECTORY = PosixFilePermissions.fromString("rwx------");

    private SecureFiles() {
    }

    /** The absolute form of a path, as shown in messages. */
    static String show(Path path) {
        return path.toAbsolutePath().normalize().toString();
    }

    public static byte[] read(Path file) {
        try {
            if (Files.isDirectory(file)) {
                throw new CertificateStoreException(show(file) + " is a directory, not a file.");
            }
            long size = Files.size(file);
            if (size > MAX_SIZE) {
                throw new CertificateStoreException(show(file) + " is too large (" + size
                        + " bytes) to be a keystore, certificate or password file.");
            }
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new CertificateStoreException(show(file) + " does not exist.", e);
        } catch (AccessDeniedException e) {
            throw new UnreadableFileException("cannot read " + show(file) + ": permission denied.", e);
        } catch (IOException e) {
            throw new CertificateStoreException("cannot read " + show(file) + ": " + reason(e) + ".", e);
        }
    }

    /**
     * Writes {@code content} to a temporary file next to {@code target}, flushes it to disk and renames it
     * over {@code target}, so readers see either the old file or the new one, never a partial one.
     */
    public static void writeAtomically(Path target, byte[] content, Set<PosixFilePermission> permissions) {
        Path absolute = target.toAbsolutePath().normalize();
        Path dir = absolute.getParent();
        if (Files.isDirectory(absolute)) {
            throw new CertificateStoreException("cannot write " + show(target) + ": it is a directory.");
        }
        boolean posix = isPosix(dir);
        Path temp = null;
        try {
            String prefix = "." + absolute.getFileName() + ".";
            temp = posix
                    ? Files.createTempFile(dir, prefix, ".tmp", PosixFilePermissions.asFileAttribute(OWNER_ONLY))
                    : Files.createTempFile(dir, prefix, ".tmp");
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(content);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            if (posix) {
                Files.setPosixFilePermissions(temp, permissions);
            }
            move(temp, absolute);
            temp = null;
        } catch (AccessDeniedException e) {
            throw new CertificateStoreException("cannot write " + show(target) + ": permission denied.", e);
        } catch (NoSuchFileException e) {
            throw new CertificateStoreException(
                    "cannot write " + show(target) + ": the directory " + dir + " does not exist.", e);
        } catch (IOException e) {
            throw new CertificateStoreException("cannot write " + show(target) + ": " + reason(e) + ".", e);
        } finally {
            if (temp != null) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException ignored) {
                    // The original failure is the one worth reporting.
                }
            }
        }
    }

    /** Creates {@code dir} (and its parents) if needed; a directory created here is owner-only on POSIX. */
    public static void createPrivateDirectory(Path dir) {
        if (Files.isDirectory(dir)) {
            return;
        }
        try {
            Files.createDirectories(dir);
            if (isPosix(dir)) {
                Files.setPosixFilePermissions(dir, PRIVATE_DIRECTORY);
            }
        } catch (AccessDeniedException e) {
            throw new CertificateStoreException("cannot create directory " + show(dir) + ": permission denied.", e);
        } catch (IOException e) {
            String why = blockingFile(dir).map(file -> show(file) + " exists and is not a directory")
                    .orElse(reason(e));
            throw new CertificateStoreException("cannot create directory " + show(dir) + ": " + why + ".", e);
        }
    }

    /** The nearest existing path on the way to {@code dir}, if it is not a directory. */
    private static Optional<Path> blockingFile(Path dir) {
        for (Path p = dir.toAbsolutePath().normalize(); p != null; p = p.getParent()) {
            if (Files.exists(p)) {
                return Files.isDirectory(p) ? Optional.empty() : Optional.of(p);
            }
        }
        return Optional.empty();
    }

    public static boolean isPosix(Path path) {
        return path.getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    private static void move(Path source, Path target) throws IOException {
        try {
            Files.move(source, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(source, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static String reason(IOException e) {
        if (e instanceof FileSystemException fse && fse.getReason() != null) {
            return fse.getReason().toLowerCase(java.util.Locale.ROOT);
        }
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }
}
