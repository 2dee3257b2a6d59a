package org.lucarne.signaling.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import javax.net.ssl.SSLContext;
import org.lucarne.signaling.LucarneServer;
import org.lucarne.signaling.config.SignalingConfig;
import org.lucarne.testing.ManualScheduler;
import org.lucarne.signaling.storage.DatabaseSettings;

/**
 * A real Lucarne server for a test: free port on 127.0.0.1, a fresh data directory (so a fresh
 * development CA and SQLite database), and clients that trust exactly that CA.
 */
public final class TestServer implements AutoCloseable {
    private final LucarneServer server;
    private final Path dataDir;

    private TestServer(LucarneServer server, Path dataDir) {
        this.server = server;
        this.dataDir = dataDir;
    }

    /** Starts a server; {@code env} overrides the test defaults like LUCARNE_* variables do. */
    public static TestServer start(Map<String, String> env) {
        return start(env, Clock.systemUTC());
    }

    /** Starts a server whose time is {@code clock} (a test clock moves sessions and codes along); real timers. */
    public static TestServer start(Map<String, String> env, Clock clock) {
        return start(env, config -> LucarneServer.create(config, clock));
    }

    /**
     * Starts a server whose time is the test's: {@code timers.clock()} is its clock, and nothing it
     * schedules (a ring's timeout, a reconnect grace, the end of a slot) happens until the test
     * advances {@code timers}. The embedded bridge never expires a silent endpoint (a test's jumps in
     * time would otherwise expire those of the sockets' calls, which carry no media).
     */
    public static TestServer start(Map<String, String> env, ManualScheduler timers) {
        Map<String, String> all = new HashMap<>();
        all.put("LUCARNE_BRIDGE_EXPIRE_SECONDS", "86400");
        all.putAll(env);
        return start(all, config -> LucarneServer.create(config, timers.clock(), timers));
    }

    private static TestServer start(Map<String, String> env, Function<SignalingConfig, LucarneServer> create) {
        try {
            // A data directory of the caller's (its CA made beforehand, say), or a fresh one.
            Path dataDir = env.containsKey("LUCARNE_DATA_DIR") ? Path.of(env.get("LUCARNE_DATA_DIR"))
                    : Files.createTempDirectory("lucarne-test-");
            Map<String, String> all = new HashMap<>();
            all.put("LUCARNE_DATA_DIR", dataDir.toString());
            all.put("LUCARNE_HTTPS_PORT", "0");
            all.put("LUCARNE_KIOSK_PORT", "0");
            all.put("LUCARNE_BIND_ADDRESS", "127.0.0.1");
            all.put("LUCARNE_WS_UPGRADES_PER_MINUTE", "600");
            all.put("LUCARNE_BRIDGE_UDP_PORT", "0");
            all.putAll(env);
            SignalingConfig config = SignalingConfig.load(Optional.empty(), all);
            return new TestServer(create.apply(config).start(), dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The database a server started with {@code env} uses (SQLite in its data directory unless LUCARNE_DB_URL is set). */
    public static DatabaseSettings databaseSettings(Map<String, String> env) {
        SignalingConfig.Database d = SignalingConfig.load(Optional.empty(), env).database();
        return new DatabaseSettings(d.jdbcUrl(), d.user().orElse(null), d.password().orElse(null));
    }

    public static TestServer start() {
        return start(Map.of());
    }

    public LucarneServer server() {
        return server;
    }

    public Path dataDir() {
        return dataDir;
    }

    /** {@code https://localhost:PORT}: the server's own origin. */
    public String origin() {
        return server.origin();
    }

    public String url(String path) {
        return origin() + path;
    }

    public String wsUrl() {
        return "wss://localhost:" + server.httpsPort() + "/ws";
    }

    public Path caCertificate() {
        return server.tls().devCa().orElseThrow().certificate();
    }

    /** A TLS context trusting only this server's development CA. */
    public SSLContext trustingSslContext() {
        return TrustedCa.sslContext(caCertificate());
    }

    public HttpClient httpClient() {
        return HttpClient.newBuilder().sslContext(trustingSslContext()).connectTimeout(Duration.ofSeconds(5))
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    @Override
    public void close() {
        server.stop();
    }
}
