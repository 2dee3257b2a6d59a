package org.lucarne.signaling.device;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The tablet's launcher, {@code bedside-kiosk/lockdown/lucarne-kiosk}, run with {@code sh} as on the tablet
 * (dash on Debian), with only PATH, HOME and the locale kept from this environment and what a test adds.
 */
final class KioskScript {
    static final Path LOCKDOWN = Path.of("..", "bedside-kiosk", "lockdown");
    static final Path SCRIPT = LOCKDOWN.resolve("lucarne-kiosk");

    /** What a finished run said and how it ended. */
    record Result(int exit, String out, String err) {
    }

    private KioskScript() {
    }

    /** Runs {@code lucarne-kiosk args…} to its end (at most 30 s). */
    static Result kiosk(Map<String, String> env, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of("sh", SCRIPT.toString()));
        command.addAll(List.of(args));
        return run(command, env);
    }

    static Result run(List<String> command, Map<String, String> env) throws IOException {
        Running running = start(command, env);
        try {
            return running.await(Duration.ofSeconds(30));
        } finally {
            running.close();
        }
    }

    /** Starts {@code lucarne-kiosk args…} and returns at once; its output goes to files read as it runs. */
    static Running start(Map<String, String> env, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of("sh", SCRIPT.toString()));
        command.addAll(List.of(args));
        return start(command, env);
    }

    private static Running start(List<String> command, Map<String, String> env) throws IOException {
        Path out = Files.createTempFile("lucarne-kiosk", ".out");
        Path err = Files.createTempFile("lucarne-kiosk", ".err");
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile())
                .redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        Map<String, String> environment = builder.environment();
        Map<String, String> keep = new HashMap<>();
        for (String name : List.of("PATH", "HOME", "LANG", "LC_ALL")) {
            if (environment.containsKey(name)) {
                keep.put(name, environment.get(name));
            }
        }
        environment.clear();
        environment.putAll(keep);
        environment.putAll(env);
        return new Running(command, builder.start(), out, err);
    }

    /** A launcher still running: what it wrote so far, a wait for a line, its end. */
    static final class Running implements AutoCloseable {
        private final List<String> command;
        private final Process process;
        private final Path out;
        private final Path err;

        private Running(List<String> command, Process process, Path out, Path err) {
            this.command = command;
            this.process = process;
            this.out = out;
            this.err = err;
        }

        String err() throws IOException {
            return Files.readString(err, StandardCharsets.UTF_8);
        }

        /** The first match of {@code pattern} on stderr, waited for at most {@code within}; group 1 when it has one. */
        String awaitErr(Pattern pattern, Duration within) throws IOException, InterruptedException {
            Instant deadline = Instant.now().plus(within);
            while (Instant.now().isBefore(deadline)) {
                Matcher m = pattern.matcher(err());
                if (m.find()) {
                    return m.groupCount() > 0 ? m.group(1) : m.group();
                }
                if (!process.isAlive()) {
                    break;
                }
                process.waitFor(100, TimeUnit.MILLISECONDS);
            }
            return fail(command + " wrote nothing like " + pattern + " within " + within + "; stderr: " + err());
        }

        /** Waits for its end, at most {@code within}. */
        Result await(Duration within) throws IOException {
            try {
                if (!process.waitFor(within.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.destroyForcibly();
                    fail(command + " did not finish within " + within + "; stderr: " + err());
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            }
            return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8), err());
        }

        @Override
        public void close() throws IOException {
            if (process.isAlive()) {
                process.destroyForcibly();
            }
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}
