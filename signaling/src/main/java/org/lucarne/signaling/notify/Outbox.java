package org.lucarne.signaling.notify;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * {@code <data.dir>/outbox}: one file per message that went nowhere else ({@code <message id>.txt}, what the
 * family would have received), for the demo and for contacts Lucarne cannot reach itself. The directory
 * is the owner's only ({@code 0700}), each file too ({@code 0600}): they hold a name and a link. Files of
 * visits that are over are deleted.
 */
final class Outbox {
    private static final Pattern FILE = Pattern.compile("([A-Za-z0-9_-]{22})\\.txt");

    private final Path dir;

    Outbox(Path dir) {
        this.dir = Objects.requireNonNull(dir, "dir");
    }

    Path dir() {
        return dir;
    }

    /** Writes the message's file whole or not at all (a temporary file, then a rename). */
    SendOutcome write(String messageId, String content) {
        try {
            ensureDirectory();
            Path tmp = dir.resolve("." + messageId + ".tmp");
            Files.deleteIfExists(tmp);
            if (posix()) {
                Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            }
            Files.writeString(tmp, content, StandardCharsets.UTF_8);
            if (posix()) {
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
            }
            try {
                Files.move(tmp, file(messageId), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file(messageId), StandardCopyOption.REPLACE_EXISTING);
            }
            return new SendOutcome.Sent(Optional.empty());
        } catch (IOException e) {
            return SendOutcome.Failed.passing("outbox_unwritable", "the outbox directory cannot be written: IT must give"
                    + " Lucarne's user write access to " + dir);
        }
    }

    Path file(String messageId) {
        return dir.resolve(messageId + ".txt");
    }

    /** The ids of the messages whose files are here. */
    List<String> ids() {
        List<String> ids = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return ids;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path f : files) {
                var m = FILE.matcher(f.getFileName().toString());
                if (m.matches()) {
                    ids.add(m.group(1));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return ids;
    }

    boolean delete(String messageId) {
        try {
            return Files.deleteIfExists(file(messageId));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void ensureDirectory() throws IOException {
        if (Files.isDirectory(dir)) {
            return;
        }
        if (posix()) {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } else {
            Files.createDirectories(dir);
        }
    }

    private static boolean posix() {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    }
}
