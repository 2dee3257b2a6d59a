package org.lucarne.signaling.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.lucarne.bridge.BridgeConfig;
import org.lucarne.bridge.BridgeConfigException;
import org.lucarne.signaling.call.bridge.BridgePoolConfig;

/**
 * Everything the signaling server reads at start, validated. Built by {@link #load} from
 * a properties file and {@code LUCARNE_*} environment variables; every key is documented in
 * lucarne.sample.conf.
 */
public record SignalingConfig(
        Path dataDir,
        String host,
        String bindAddress,
        int httpsPort,
        int httpPort,
        Optional<String> publicOrigin,
        Database database,
        Tls tls,
        WebSocketLimits webSocket,
        Duration shutdownGrace,
        Optional<BridgeConfig> embeddedBridge,
        Optional<BridgePoolConfig> bridgePool,
        Kiosk kiosk,
        Calls calls,
        StaffSettings staff,
        NotifySettings notifications,
        RetentionSettings retention,
        E2eeSettings e2ee) {

    /**
     * How long the tablet rings before those waiting hear "no answer", how long a participant whose
     * connection dropped keeps their seat in the call, and how long after a ring starts the tablet may
     * ring again for the same visit (zero: whenever someone enters the lobby), and the TURN server whose
     * credentials each media session gets, if any.
     */
    public record Calls(Duration ringTimeout, Duration reconnectGrace, Duration ringInterval,
                        Optional<TurnSettings> turn) { }

    /**
     * The bedside tablets' HTTPS listener: it requires a client certificate issued by {@code caCertificate}
     * (PEM), or by the development CA when that is empty. {@code caKeystore} (PKCS#12, with its password) holds
     * that CA's key when the server is to issue tablet certificates itself (enrolment, renewal, MDM).
     */
    public record Kiosk(int port, Optional<Path> caCertificate, Optional<Path> caKeystore,
                        Optional<String> caKeystorePassword) { }

    /** Where data lives: SQLite by default, PostgreSQL when the URL says so. */
    public record Database(String jdbcUrl, Optional<String> user, Optional<String> password) { }

    /** An operator's PKCS#12 keystore, or empty for the development CA in the data directory. */
    public record Tls(Optional<Path> keystore, Optional<String> keystorePassword) { }

    /** Limits of the {@code /ws} endpoint (docs/protocol.md). */
    public record WebSocketLimits(
            int maxFrameBytes,
            Duration idleTimeout,
            int heartbeatSeconds,
            int messagesPerSecond,
            int messagesBurst,
            int addressMessagesPerSecond,
            int addressMessagesBurst,
            int upgradesPerMinute,
            int maxConsecutiveErrors) { }

    /** {@link #httpPort()} when plain HTTP is off. */
    public static final int NO_PORT = -1;

    public static final Set<String> KEYS = keys();

    private static Set<String> keys() {
        Set<String> keys = new HashSet<>(Set.of(
                "data.dir", "host", "bind.address", "https.port", "http.port", "public.origin",
                "db.url", "db.user", "db.password",
                "tls.keystore", "tls.keystore.password",
                "ws.max.frame.bytes", "ws.idle.timeout.seconds", "ws.heartbeat.seconds",
                "ws.messages.per.second", "ws.messages.burst",
                "ws.address.messages.per.second", "ws.address.messages.burst",
                "ws.upgrades.per.minute", "ws.max.consecutive.errors",
                "shutdown.grace.seconds", "bridge.embedded", "kiosk.port", "kiosk.ca.certificate",
                "kiosk.ca.keystore", "kiosk.ca.keystore.password",
                "call.ring.timeout.seconds", "call.reconnect.grace.seconds", "call.ring.interval.seconds",
                BridgePoolConfig.URLS, BridgePoolConfig.SHARED_SECRET, BridgePoolConfig.HEALTH_INTERVAL,
                BridgePoolConfig.REQUEST_TIMEOUT));
        for (int i = 1; i <= BridgePoolConfig.MAX_BRIDGES; i++) {
            keys.add(BridgePoolConfig.SHARED_SECRET + "." + i);
        }
        keys.addAll(StaffSettings.KEYS);
        keys.addAll(NotifySettings.KEYS);
        keys.addAll(RetentionSettings.KEYS);
        keys.addAll(E2eeSettings.KEYS);
        keys.addAll(TurnSettings.KEYS);
        return Set.copyOf(keys);
    }

    /** The defaults alone, as a first start with no file and no environment gets them. */
    public static SignalingConfig defaults() {
        return load(Optional.empty(), Map.of());
    }

    public static SignalingConfig load(Optional<Path> file, Map<String, String> env) {
        ConfigSource s = ConfigSource.load(file, env, KEYS);
        Path dataDir = s.path("data.dir", Path.of("data"));
        Optional<Path> keystore = s.string("tls.keystore").map(k -> s.path("tls.keystore", null));
        Optional<String> keystorePassword = s.string("tls.keystore.password");
        if (keystore.isPresent() && keystorePassword.isEmpty()) {
            throw new ConfigException(ConfigSource.envName("tls.keystore.password")
                    + " (tls.keystore.password) is required when tls.keystore is set");
        }
        int idleSeconds = s.integer("ws.idle.timeout.seconds", 60, 5, 86_400);
        int heartbeat = s.integer("ws.heartbeat.seconds", 20, 1, 3600);
        if (heartbeat * 2 >= idleSeconds) {
            throw new ConfigException("ws.heartbeat.seconds (" + heartbeat + ") must be less than half of "
                    + "ws.idle.timeout.seconds (" + idleSeconds + "), or healthy clients would be cut off");
        }
        int httpsPort = s.port("https.port", 8443, true);
        int httpPort = s.port("http.port", NO_PORT, true);
        if (httpPort != NO_PORT && httpPort != 0 && httpPort == httpsPort) {
            throw new ConfigException("http.port and https.port are both " + httpPort + "; give them different ports");
        }
        int kioskPort = s.port("kiosk.port", 8444, true);
        if (kioskPort != 0 && (kioskPort == httpsPort || kioskPort == httpPort)) {
            throw new ConfigException("kiosk.port (" + kioskPort + ") must differ from https.port and http.port:"
                    + " the tablets' port asks for a certificate, the others never do");
        }
        Optional<Path> kioskCa = s.string("kiosk.ca.certificate").map(k -> s.path("kiosk.ca.certificate", null));
        if (keystore.isPresent() && kioskCa.isEmpty()) {
            throw new ConfigException(ConfigSource.envName("kiosk.ca.certificate") + " (kiosk.ca.certificate) is"
                    + " required when tls.keystore is set: the PEM certificate of the CA that issues the tablets'"
                    + " certificates");
        }
        Optional<Path> kioskCaKeystore = s.string("kiosk.ca.keystore").map(k -> s.path("kiosk.ca.keystore", null));
        Optional<String> kioskCaPassword = s.string("kiosk.ca.keystore.password");
        if (kioskCaKeystore.isPresent() && kioskCaPassword.isEmpty()) {
            throw new ConfigException(ConfigSource.envName("kiosk.ca.keystore.password")
                    + " (kiosk.ca.keystore.password) is required when kiosk.ca.keystore is set");
        }
        if (kioskCaKeystore.isPresent() && kioskCa.isEmpty()) {
            throw new ConfigException(ConfigSource.envName("kiosk.ca.certificate") + " (kiosk.ca.certificate) is"
                    + " required when kiosk.ca.keystore is set: the PEM certificate of the CA whose key it holds");
        }
        return new SignalingConfig(
                dataDir,
                s.hostName("host", "localhost"),
                s.hostName("bind.address", "0.0.0.0"),
                httpsPort,
                httpPort,
                s.origin("public.origin"),
                new Database(
                        s.jdbcUrl("db.url", "jdbc:sqlite:" + dataDir.resolve("lucarne.db")),
                        s.string("db.user"),
                        s.string("db.password")),
                new Tls(keystore, keystorePassword),
                new WebSocketLimits(
                        s.integer("ws.max.frame.bytes", 64 * 1024, 1024, 16 * 1024 * 1024),
                        Duration.ofSeconds(idleSeconds),
                        heartbeat,
                        s.integer("ws.messages.per.second", 20, 1, 100_000),
                        s.integer("ws.messages.burst", 40, 1, 100_000),
                        s.integer("ws.address.messages.per.second", 200, 1, 1_000_000),
                        s.integer("ws.address.messages.burst", 400, 1, 1_000_000),
                        s.integer("ws.upgrades.per.minute", 60, 1, 1_000_000),
                        s.integer("ws.max.consecutive.errors", 20, 1, 10_000)),
                Duration.ofSeconds(s.integer("shutdown.grace.seconds", 5, 0, 300)),
                embeddedBridge(s, env),
                bridgePool(s),
                new Kiosk(kioskPort, kioskCa, kioskCaKeystore, kioskCaPassword),
                new Calls(Duration.ofSeconds(s.integer("call.ring.timeout.seconds", 60, 5, 600)),
                        Duration.ofSeconds(s.integer("call.reconnect.grace.seconds", 30, 1, 600)),
                        Duration.ofSeconds(s.integer("call.ring.interval.seconds", 120, 0, 3600)),
                        TurnSettings.load(s)),
                StaffSettings.load(s, dataDir),
                NotifySettings.load(s),
                RetentionSettings.load(s),
                E2eeSettings.load(s));
    }

    public SignalingConfig {
        if (embeddedBridge.isEmpty() && bridgePool.isEmpty()) {
            throw new ConfigException("no media bridge: bridge.embedded is false and bridge.urls is empty, so no call "
                    + "could be placed. Set " + ConfigSource.envName(BridgePoolConfig.URLS) + " to your bridges' URLs, "
                    + "or leave " + ConfigSource.envName("bridge.embedded") + " unset");
        }
    }

    /**
     * The bridges listed in {@code bridge.urls}, if any: the call focus places conferences on them
     * (and on the embedded bridge too when {@code bridge.embedded} is also true).
     */
    private static Optional<BridgePoolConfig> bridgePool(ConfigSource s) {
        if (s.string(BridgePoolConfig.URLS).isEmpty()) {
            return Optional.empty();
        }
        Map<String, String> settings = new HashMap<>();
        for (String key : KEYS) {
            if (key.startsWith("bridge.")) {
                s.string(key).ifPresent(v -> settings.put(key, v));
            }
        }
        return Optional.of(BridgePoolConfig.load(settings));
    }

    /**
     * The media bridge started inside the server ({@code bridge.embedded}, on by default), set up by
     * the same {@code LUCARNE_BRIDGE_*} variables as a standalone one. Its Colibri2 API takes any free
     * loopback port unless {@code LUCARNE_BRIDGE_HTTP_PORT} says otherwise: only this process uses it.
     */
    private static Optional<BridgeConfig> embeddedBridge(ConfigSource s, Map<String, String> env) {
        // With bridge.urls the bridges are elsewhere, unless the embedded one is asked for as well.
        String embedded = s.string("bridge.embedded", s.string(BridgePoolConfig.URLS).isEmpty() ? "true" : "false");
        if (embedded.equals("false")) {
            return Optional.empty();
        }
        if (!embedded.equals("true")) {
            throw new ConfigException(ConfigSource.envName("bridge.embedded") + " (bridge.embedded) = '" + embedded
                    + "': expected true or false");
        }
        Map<String, String> bridgeEnv = new HashMap<>(env);
        bridgeEnv.putIfAbsent("LUCARNE_BRIDGE_HTTP_PORT", "0");
        try {
            return Optional.of(BridgeConfig.load(Optional.empty(), bridgeEnv));
        } catch (BridgeConfigException e) {
            throw new ConfigException("embedded media bridge: " + e.getMessage());
        }
    }

    /** The origin browsers see; the only one allowed to open {@code /ws}. */
    /** The kiosk pages' origin, e.g. {@code https://localhost:8444}: always the host and the kiosk port. */
    public String kioskOrigin(int actualKioskPort) {
        return "https://" + host + (actualKioskPort == 443 ? "" : ":" + actualKioskPort);
    }

    public String origin(int actualHttpsPort) {
        return publicOrigin.orElseGet(() -> "https://" + host + (actualHttpsPort == 443 ? "" : ":" + actualHttpsPort));
    }
}
