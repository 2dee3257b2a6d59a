package org.lucarne.signaling.audit;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.lucarne.certs.SecureFiles;
import org.lucarne.signaling.storage.StorageException;

/**
 * {@code ./lucarne audit verify [--head FILE]} and
 * {@code ./lucarne audit export --from DATE --to DATE [--out FILE]}. Exit codes as every admin
 * command: 0 done (verify: the trail is intact), 1 failed or broken (the message says why), 2 wrong usage.
 */
public final class AuditCommands {
    static final String VERIFY_USAGE = "usage: lucarne audit verify [--head FILE]";
    static final String EXPORT_USAGE = "usage: lucarne audit export --from YYYY-MM-DD --to YYYY-MM-DD [--out FILE]";

    private AuditCommands() {
    }

    /**
     * Verifies the whole trail against the head file ({@code --head}, else {@code audit.head.file}).
     * Prints one line: the summary on {@code out} when intact (exit 0), the first break on {@code err}
     * when not (exit 1); and a warning on {@code err} when there is no head file.
     */
    public static int verify(String[] args, AuditTrail trail, Path headFile, PrintStream out, PrintStream err) {
        Optional<Map<String, String>> options = options(args, Set.of("--head"), VERIFY_USAGE, err);
        if (options.isEmpty()) {
            return 2;
        }
        Path head = Optional.ofNullable(options.get().get("--head")).map(Path::of).orElse(headFile);
        AuditVerification v;
        try {
            v = new AuditVerifier(trail.database()).verify(head);
        } catch (AuditHeadException | StorageException e) {
            err.println("lucarne: audit verify failed: " + e.getMessage());
            return 1;
        }
        v.warning().ifPresent(err::println);
        // Intact: standard output; broken: standard error, which is what cron mails.
        (v.intact() ? out : err).println(v.summary());
        return v.intact() ? 0 : 1;
    }

    /**
     * Exports the entries of the days {@code --from} to {@code --to} (in {@code zone}) as JSON lines to
     * {@code --out} (a new file, owner-only, written whole or not at all) or to {@code out}, then records
     * the export in the trail.
     */
    public static int export(String[] args, AuditTrail trail, ZoneId zone, PrintStream out, PrintStream err) {
        Optional<Map<String, String>> options = options(args, Set.of("--from", "--to", "--out"), EXPORT_USAGE, err);
        if (options.isEmpty()) {
            return 2;
        }
        Map<String, String> o = options.get();
        for (String required : List.of("--from", "--to")) {
            if (!o.containsKey(required)) {
                err.println("lucarne: " + required + " is missing: give the first and the last day to export."
                        + System.lineSeparator() + EXPORT_USAGE);
                return 2;
            }
        }
        Optional<LocalDate> from = day("--from", o.get("--from"), err);
        Optional<LocalDate> to = day("--to", o.get("--to"), err);
        if (from.isEmpty() || to.isEmpty()) {
            return 2;
        }
        if (to.get().isBefore(from.get())) {
            err.println("lucarne: --to " + to.get() + " is before --from " + from.get()
                    + ": give the first day, then the last (both are included).");
            return 2;
        }
        AuditExport export = new AuditExport(trail, zone);
        long count;
        String where;
        try {
            if (o.containsKey("--out")) {
                Path file = Path.of(o.get("--out")).toAbsolutePath().normalize();
                count = toFile(export, from.get(), to.get(), file);
                where = file.toString();
            } else {
                OutputStream stdout = new BufferedOutputStream(out, 1 << 16);
                count = export.write(from.get(), to.get(), stdout);
                stdout.flush();
                if (out.checkError()) {
                    err.println("lucarne: standard output was closed before the export ended: nothing recorded;"
                            + " export again, or use --out FILE.");
                    return 1;
                }
                where = "standard output";
            }
        } catch (ExportFileException e) {
            err.println("lucarne: " + e.getMessage());
            return 1;
        } catch (IOException e) {
            err.println("lucarne: the export could not be written: " + reason(e) + ".");
            return 1;
        } catch (StorageException e) {
            err.println("lucarne: the audit trail could not be read: " + e.getMessage());
            return 1;
        }
        try {
            export.recordExport(AuditEvent.CLI, from.get(), to.get(), count);
        } catch (StorageException e) {
            err.println("lucarne: the export was written to " + where + " but could not be recorded in the audit"
                    + " trail: " + e.getMessage());
            return 1;
        }
        (o.containsKey("--out") ? out : err).println("exported " + count + " audit " + (count == 1 ? "entry" : "entries")
                + " of " + from.get() + " to " + to.get() + " (" + zone + ") to " + where);
        return 0;
    }

    /** Writes a new file next to its final name, owner-only, and moves it into place once complete. */
    private static long toFile(AuditExport export, LocalDate from, LocalDate to, Path file) throws IOException {
        Path dir = file.getParent();
        if (Files.exists(file)) {
            throw new ExportFileException(file + " already exists: export to a new file (an export is never"
                    + " overwritten).");
        }
        if (!Files.isDirectory(dir)) {
            throw new ExportFileException("cannot write " + file + ": the directory " + dir + " does not exist.");
        }
        Path temp = SecureFiles.isPosix(dir)
                ? Files.createTempFile(dir, "." + file.getFileName() + ".", ".tmp",
                PosixFilePermissions.asFileAttribute(SecureFiles.OWNER_ONLY))
                : Files.createTempFile(dir, "." + file.getFileName() + ".", ".tmp");
        try {
            long count;
            try (OutputStream os = new BufferedOutputStream(Files.newOutputStream(temp), 1 << 16)) {
                count = export.write(from, to, os);
            }
            try (var channel = java.nio.channels.FileChannel.open(temp, java.nio.file.StandardOpenOption.WRITE)) {
                channel.force(true);
            }
            // A rename within the directory, which fails rather than replace a file created meanwhile.
            Files.move(temp, file);
            temp = null;
            return count;
        } catch (FileAlreadyExistsException e) {
            throw new ExportFileException(file + " already exists: export to a new file (an export is never"
                    + " overwritten).");
        } finally {
            if (temp != null) {
                Files.deleteIfExists(temp);
            }
        }
    }

    private static String reason(IOException e) {
        if (e instanceof AccessDeniedException a) {
            return a.getFile() + ": permission denied";
        }
        if (e instanceof FileSystemException f && f.getReason() != null) {
            return f.getFile() + ": " + f.getReason().toLowerCase(java.util.Locale.ROOT);
        }
        return String.valueOf(e.getMessage());
    }

    private static Optional<LocalDate> day(String option, String value, PrintStream err) {
        try {
            return Optional.of(LocalDate.parse(value));
        } catch (DateTimeParseException e) {
            err.println("lucarne: " + option + " '" + value + "' is not a date: write it as YYYY-MM-DD, e.g. 2026-03-01.");
            return Optional.empty();
        }
    }

    /** {@code --name value} pairs, each option at most once; wrong usage is printed and gives empty. */
    private static Optional<Map<String, String>> options(String[] args, Set<String> known, String usage,
                                                         PrintStream err) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < args.length; i += 2) {
            String name = args[i];
            if (!known.contains(name)) {
                err.println("lucarne: unknown argument '" + name + "'." + System.lineSeparator() + usage);
                return Optional.empty();
            }
            if (i + 1 >= args.length || args[i + 1].isBlank()) {
                err.println("lucarne: " + name + " needs a value." + System.lineSeparator() + usage);
                return Optional.empty();
            }
            if (options.put(name, args[i + 1]) != null) {
                err.println("lucarne: " + name + " is given twice." + System.lineSeparator() + usage);
                return Optional.empty();
            }
        }
        return Optional.of(options);
    }

    /** The output file cannot be used; the message says why and what to do. */
    private static final class ExportFileException extends IOException {
        ExportFileException(String message) {
            super(message);
        }
    }
}
