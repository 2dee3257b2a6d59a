package org.lucarne.testing.net;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A namespace's link as two TUN devices joined by a small process that carries each packet across a
 * fixed one-way delay ({@code delay-line.py}, beside this class): what {@code tc netem delay} does,
 * for kernels built without netem (small VMs). The devices keep the veth ends' names, so a token
 * bucket, nftables rules and link down/up apply to them unchanged. The process exits, and the devices
 * go, when {@link #close()} closes its standard input or when this JVM dies.
 */
final class DelayLine implements AutoCloseable {
    private static final Duration READY_WITHIN = Duration.ofSeconds(10);

    private final Process process;

    private DelayLine(Process process) {
        this.process = process;
    }

    /** Starts the process and returns once both devices exist (in the root namespace, down, no address). */
    static DelayLine start(String rootEnd, String innerEnd, Duration oneWay, Path scratch) {
        Path script = scratch.resolve("delay-line.py");
        try (InputStream in = DelayLine.class.getResourceAsStream("delay-line.py")) {
            if (!Files.exists(script)) {
                Files.copy(in, script);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the delay line's script to " + script + ": " + e.getMessage(), e);
        }
        Process p;
        try {
            p = new ProcessBuilder("python3", script.toString(), rootEnd, innerEnd, Long.toString(oneWay.toMillis()))
                    .redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the delay line (python3 " + script + "): " + e.getMessage()
                    + " (a kernel without tc netem needs python3 for delays; ./lucarne test installs it)", e);
        }
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        CompletableFuture<String> first = CompletableFuture.supplyAsync(() -> {
            try {
                return out.readLine();
            } catch (IOException e) {
                return "cannot read its output: " + e.getMessage();
            }
        });
        String line;
        try {
            line = first.get(READY_WITHIN.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
            throw new IllegalStateException("interrupted while the delay line started", e);
        } catch (ExecutionException | TimeoutException e) {
            p.destroyForcibly();
            throw new IllegalStateException("the delay line for " + rootEnd + " did not start within " + READY_WITHIN, e);
        }
        if (!"ready".equals(line)) {
            p.destroyForcibly();
            throw new IllegalStateException("the delay line for " + rootEnd + " failed: " + line);
        }
        return new DelayLine(p);
    }

    /** Stops the process; its devices disappear with it. */
    @Override
    public void close() {
        try {
            process.getOutputStream().close();
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (IOException e) {
            process.destroyForcibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
