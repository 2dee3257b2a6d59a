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
import javax.net.ssl.SSLContext;
import org.lucarne.signaling.LucarneServer;
import org.lucarne.signaling.config.SignalingConfig;

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

    /** Starts a server whose time is {@code clock} (a test clock moves sessions and codes along). */
    public static TestServer start(Map<String, String> env, Clock clock) {
        try {
            Path dataDir = Files.createTempDirectory("lucarne-test-");
            Map<String, String> all = new HashMap<>();
            all.put("LUCARNE_DATA_DIR", dataDir.toString());
            all.put("LUCARNE_HTTPS_PORT", "0");
            all.put("LUCARNE_KIOSK_PORT", "0");
            all.put("LUCARNE_BIND_ADDRESS", "127.0.0.1");
            all.put("LUCARNE_WS_UPGRADES_PER_MINUTE", "600");
            all.put("LUCARNE_BRIDGE_UDP_PORT", "0");
            all.putAll(env);
            SignalingConfig config = SignalingConfig.load(Optional.empty(), all);
            return new TestServer(LucarneServer.create(config, clock).start(), dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
