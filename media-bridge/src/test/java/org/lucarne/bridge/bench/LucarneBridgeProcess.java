package org.lucarne.bridge.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Lucarne's media bridge in a JVM of its own, started exactly as {@code ./lucarne bridge} starts it
 * ({@code org.lucarne.bridge.BridgeMain} on media-bridge's classes and jars), configured through
 * {@code LUCARNE_BRIDGE_*} variables: API and media on 127.0.0.1. Also its Colibri2 HTTP client.
 */
final class LucarneBridgeProcess implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final Process process;
    private final Path log;
    private final URI api;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private LucarneBridgeProcess(Process process, Path log, URI api) {
        this.process = process;
        this.log = log;
        this.api = api;
    }

    static LucarneBridgeProcess start(String jvmOptions, Path dir, int httpPort) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        if (!jvmOptions.isBlank()) {
            command.addAll(Arrays.asList(jvmOptions.split("\\s+")));
        }
        command.addAll(List.of("-cp", bridgeClasspath(), "org.lucarne.bridge.BridgeMain"));
        Path log = dir.resolve("bridge.log");
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("LUCARNE_"));
        pb.environment().put("LUCARNE_BRIDGE_HTTP_HOST", "127.0.0.1");
        pb.environment().put("LUCARNE_BRIDGE_HTTP_PORT", Integer.toString(httpPort));
        pb.environment().put("LUCARNE_BRIDGE_UDP_HOST", "127.0.0.1");
        pb.environment().put("LUCARNE_BRIDGE_UDP_PORT", "0");
        LucarneBridgeProcess bridge = new LucarneBridgeProcess(pb.start(), log,
                URI.create("http://127.0.0.1:" + httpPort));
        bridge.awaitHealthy();
        return bridge;
    }

    /** media-bridge/target/classes and target/lib as ./lucarne bridge uses them, else this JVM's classpath. */
    private static String bridgeClasspath() {
        Path classes = Path.of("media-bridge", "target", "classes");
        Path lib = Path.of("media-bridge", "target", "lib");
        if (Files.isDirectory(classes) && Files.isDirectory(lib)) {
            return classes.toAbsolutePath() + File.pathSeparator + lib.toAbsolutePath() + File.separator + "*";
        }
        return System.getProperty("java.class.path");
    }

    private void awaitHealthy() throws IOException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        String last = "no answer";
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("the bridge exited with status " + process.exitValue() + " at start:\n" + logTail());
            }
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(api.resolve("/about/health"))
                        .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return;
                }
                last = "HTTP " + r.statusCode() + ": " + r.body();
            } catch (IOException e) {
                last = e.toString();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while the bridge started", e);
            }
            sleep(200);
        }
        close();
        throw new IOException("the bridge was not healthy within 30 s (" + last + "):\n" + logTail());
    }

    JsonNode get(String path) throws IOException {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(api.resolve(path)).timeout(TIMEOUT).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new IOException("the bridge answered GET " + path + " with HTTP " + r.statusCode());
            }
            return JSON.readTree(r.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for the bridge", e);
        }
    }

    /** POST (create) or PATCH (change) a Colibri2 conference; the answer's JSON, or an error with the bridge's. */
    JsonNode colibri(String method, String path, JsonNode body) throws IOException {
        HttpRequest request = HttpRequest.newBuilder(api.resolve(path)).timeout(TIMEOUT)
                .header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(body.toString())).build();
        HttpResponse<String> r;
        try {
            r = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for the bridge", e);
        }
        if (r.statusCode() != 200) {
            throw new IOException("the bridge answered " + method + " " + path + " with HTTP " + r.statusCode() + ": "
                    + r.body());
        }
        return JSON.readTree(r.body());
    }

    long pid() {
        return process.pid();
    }

    String logTail() {
        return ChildProcesses.logTail(log);
    }

    /** SIGTERM (the bridge closes cleanly), then SIGKILL after 20 s. */
    @Override
    public void close() {
        ChildProcesses.stop(process, Duration.ofSeconds(20));
    }

    private static void sleep(long millis) throws IOException {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}
