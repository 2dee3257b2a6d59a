package org.lucarne.signaling.audit;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies the head of the chain (seq, hash, when, which host) outside the database: to the head
 * file ({@code audit.head.file}) and to the log, at start, every {@code audit.head.interval.seconds}
 * and at stop. {@code audit verify} then sees entries cut off the end, or a trail rewritten up to
 * a copied head, even by someone who could drop the database's triggers.
 *
 * <p>A head file the trail no longer holds (entries removed, or a restored backup) is evidence: it
 * is never overwritten; each copy is skipped and logged as an error until the operator has looked
 * and moved the file aside (docs/operations.md, "Audit trail"). Several nodes on one PostgreSQL each
 * keep their own file; each is a correct, possibly older, view of the one chain.
 *
 * <p>Creates no thread: the copies run on the scheduler it is given.
 */
public final class AuditHead {
    private static final Logger LOG = LoggerFactory.getLogger(AuditHead.class);

    private final AuditTrail trail;
    private final AuditReader reader;
    private final Path file;
    private final String host;
    private final Clock clock;
    private final ScheduledExecutorService scheduler;
    private final Duration interval;
    private ScheduledFuture<?> task;

    /** What one copy did: wrote the head, or kept the file as it was and why. */
    public record Copy(AuditHeadFile head, Optional<String> keptBecause) {
        public boolean written() {
            return keptBecause.isEmpty();
        }

        /** The log line: the head as copied, or why the file was kept. */
        public String logLine(Path file) {
            return keptBecause.map(why -> "audit head NOT copied to " + file + ": " + why
                            + ". Run ./lucarne audit verify; docs/operations.md, \"Audit trail\", says what to do")
                    .orElse(head.seq() == 0 ? "audit head: the trail is empty at " + head.at() + ", copied to " + file
                            : "audit head: entry " + head.seq() + " hash " + head.hash() + " at " + head.at()
                            + ", copied to " + file);
        }
    }

    public AuditHead(AuditTrail trail, Path file, String host, Clock clock, ScheduledExecutorService scheduler,
                     Duration interval) {
        this.trail = Objects.requireNonNull(trail, "trail");
        this.reader = new AuditReader(trail.database());
        this.file = Objects.requireNonNull(file, "file");
        this.host = Objects.requireNonNull(host, "host");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.interval = Objects.requireNonNull(interval, "interval");
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("interval must be positive");
        }
    }

    /**
     * Copies the head now, then every interval.
     *
     * @throws AuditHeadException when the head file cannot be written (a path or permission problem)
     */
    public synchronized void start() {
        if (task != null) {
            throw new IllegalStateException("already started");
        }
        log(copyNow());
        task = scheduler.scheduleAtFixedRate(this::copyOnSchedule, interval.toMillis(), interval.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    /** Stops the copies, then copies once more (the database must still be open). */
    public void stop() {
        synchronized (this) {
            if (task == null) {
                return;
            }
            task.cancel(false);
            task = null;
        }
        copyOnSchedule();
    }

    /**
     * Copies the head to the file unless the file records a head the trail no longer holds.
     *
     * @throws AuditHeadException when the file cannot be written
     */
    public synchronized Copy copyNow() {
        AuditHeadFile now = AuditHeadFile.of(trail.head(), clock.instant().truncatedTo(ChronoUnit.MILLIS), host);
        Optional<String> problem;
        try {
            problem = AuditHeadFile.read(file).flatMap(recorded -> HeadCheck.check(recorded,
                    reader.lastSeq().orElse(0), recorded.seq() == 0 ? Optional.empty() : reader.at(recorded.seq())))
                    .map(AuditBreak::message);
        } catch (AuditHeadException e) {
            problem = Optional.of(e.getMessage());
        }
        if (problem.isEmpty()) {
            now.write(file);
        }
        return new Copy(now, problem);
    }

    private void copyOnSchedule() {
        try {
            log(copyNow());
        } catch (RuntimeException e) {
            // A full disk or a database away for a moment: the next copy tries again.
            LOG.warn("audit head not copied to {}: {}", file, e.getMessage());
        }
    }

    private void log(Copy copy) {
        if (copy.written()) {
            LOG.info(copy.logLine(file));
        } else {
            LOG.error(copy.logLine(file));
        }
    }

    /**
     * This machine's name, for the head file: which node saw that head. Read from the kernel where it
     * can be (no name lookup that could hang the start on a broken resolver), else from Java.
     */
    public static String localHostName() {
        try {
            String kernel = Files.readString(Path.of("/proc/sys/kernel/hostname")).strip();
            if (!kernel.isEmpty()) {
                return kernel;
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: ask Java
        }
        try {
            String name = InetAddress.getLocalHost().getHostName();
            return name == null || name.isBlank() ? "unknown" : name;
        } catch (UnknownHostException | SecurityException e) {
            return "unknown";
        }
    }
}
