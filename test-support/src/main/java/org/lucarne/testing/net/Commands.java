package org.lucarne.testing.net;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs {@code ip}, {@code nft} and {@code tc}; a failure names the command and what it printed. */
final class Commands {
    private static final long TIMEOUT_SECONDS = 30;

    private Commands() {
    }

    /** Runs the command and returns its standard output; throws with the command and its stderr on failure. */
    static String run(String... command) {
        return run(List.of(command), null);
    }

    /** The same, feeding {@code input} (an nft script, say) on standard input. */
    static String run(List<String> command, String input) {
        Result r = attempt(command, input);
        if (r.exit != 0) {
            throw new IllegalStateException("`" + String.join(" ", command) + "` failed (exit " + r.exit + "): "
                    + r.stderr.strip() + (input == null ? "" : "\ninput was:\n" + input));
        }
        return r.stdout;
    }

    /** Runs the command and reports whether it succeeded, for clean-up steps that may find nothing to do. */
    static boolean tryRun(String... command) {
        return attempt(List.of(command), null).exit == 0;
    }

    static List<String> lines(String output) {
        List<String> lines = new ArrayList<>();
        for (String line : output.split("\n")) {
            if (!line.isBlank()) {
                lines.add(line.strip());
            }
        }
        return lines;
    }

    private record Result(int exit, String stdout, String stderr) {
    }

    private static Result attempt(List<String> command, String input) {
        Process p;
        try {
            p = new ProcessBuilder(command).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run `" + String.join(" ", command) + "`: " + e.getMessage()
                    + " (the network lab needs iproute2 and nftables; ./lucarne test installs them)", e);
        }
        try {
            if (input != null) {
                p.getOutputStream().write(input.getBytes(StandardCharsets.UTF_8));
            }
            p.getOutputStream().close();
            // Small outputs: read stderr fully after stdout (neither fills a pipe here).
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("`" + String.join(" ", command) + "` did not finish in "
                        + TIMEOUT_SECONDS + " s");
            }
            return new Result(p.exitValue(), out, err);
        } catch (IOException e) {
            throw new UncheckedIOException("`" + String.join(" ", command) + "`: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
            throw new IllegalStateException("interrupted while running `" + String.join(" ", command) + "`", e);
        }
    }
}
