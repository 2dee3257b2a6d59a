package org.lucarne.signaling.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;

/**
 * A server under test, in a JVM of its own started with the given options and killed when the
 * benchmark ends, however it ends (every live one is also killed by a shutdown hook). Its output
 * goes to a log file, shown when something fails.
 */
public final class ServerProcess implements AutoCloseable {
    private static final Set<Process> LIVE = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> LIVE.forEach(Process::destroyForcibly),
                "bench-kill-servers"));
    }

    private final String name;
    private final Process process;
    private final int port;
    private final Path log;
    private final Path gcLog;

    private ServerProcess(String name, Process process, int port, Path log, Path gcLog) {
        this.name = name;
        this.process = process;
        this.port = port;
        this.log = log;
        this.gcLog = gcLog;
    }

    /**
     * Starts {@code mainClass} as {@code java JVM_OPTIONS -Xlog:gc:file=NAME-gc.log -cp CLASSPATH
     * mainClass ARGS} in {@code workDir}, with this process's environment minus every
     * {@code LUCARNE_*} variable, plus {@code env}.
     */
    public static ServerProcess start(String name, Path java, String jvmOptions, List<Path> classpath,
                                      String mainClass, List<String> args, Map<String, String> env,
                                      int port, Path workDir) {
        List<String> command = new ArrayList<>();
        command.add(java.toString());
        command.addAll(Arrays.asList(jvmOptions.split("\\s+")));
        Path gcLog = workDir.resolve(name + "-gc.log");
        command.add("-Xlog:gc:file=" + gcLog);
        command.add("-cp");
        command.add(String.join(":", classpath.stream().map(Path::toString).toList()));
        command.add(mainClass);
        command.addAll(args);
        Path log = workDir.resolve(name + ".log");
        ProcessBuilder pb = new ProcessBuilder(command).directory(workDir.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("LUCARNE_"));
        pb.environment().putAll(env);
        try {
            Process p = pb.start();
            LIVE.add(p);
            return new ServerProcess(name, p, port, log, gcLog);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start " + name + ": " + e.getMessage(), e);
        }
    }

    /** A port free on 127.0.0.1 right now. */
    public static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free port on 127.0.0.1: " + e.getMessage(), e);
        }
    }

    /** Waits until {@code GET https://localhost:PORT/health} answers 200, trusting {@code tls}. */
    public void awaitHealthy(SSLContext tls, Duration within) {
        HttpClient http = HttpClient.newBuilder().sslContext(tls).connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest get = HttpRequest.newBuilder(URI.create(origin() + "/health")).timeout(Duration.ofSeconds(5))
                .GET().build();
        long deadline = System.nanoTime() + within.toNanos();
        String last = "no answer";
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw failure("exited with status " + process.exitValue() + " before it was healthy");
            }
            try {
                HttpResponse<String> r = http.send(get, HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return;
                }
                last = "status " + r.statusCode() + ": " + r.body();
            } catch (IOException e) {
                last = e.toString();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
            sleep(200);
        }
        throw failure("was not healthy within " + within.toSeconds() + " s (last: " + last + ")");
    }

    public String origin() {
        return "https://localhost:" + port;
    }

    public URI webSocketUri() {
        return URI.create("wss://localhost:" + port + "/ws");
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public String name() {
        return name;
    }

    /** How far the GC log has grown: pass it to {@link #gcPausesSince} later. */
    public long gcLogLength() {
        try {
            return Files.size(gcLog);
        } catch (IOException e) {
            return 0;
        }
    }

    /** The collections logged after {@code offset} (a {@link #gcLogLength()}). */
    public GcPauses gcPausesSince(long offset) {
        try {
            byte[] all = Files.readAllBytes(gcLog);
            int from = (int) Math.min(offset, all.length);
            return GcPauses.parseLog(new String(all, from, all.length - from, StandardCharsets.UTF_8));
        } catch (IOException e) {
            return GcPauses.NONE;
        }
    }

    /** Does the server's output mention {@code text} (e.g. OutOfMemoryError)? */
    public boolean logMentions(String text) {
        try {
            return Files.readString(log, StandardCharsets.UTF_8).contains(text);
        } catch (IOException e) {
            return false;
        }
    }

    /** An error naming this server, with the end of its output. */
    public IllegalStateException failure(String what) {
        return new IllegalStateException(name + " " + what + "\n--- last lines of " + log + " ---\n" + logTail(30));
    }

    private String logTail(int lines) {
        try {
            List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** SIGTERM, up to 20 s for a clean stop, then SIGKILL. */
    @Override
    public void close() {
        try {
            process.destroy();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        } finally {
            LIVE.remove(process);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
