package org.lucarne.signaling.call.bridge;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.lucarne.signaling.config.ConfigException;
import org.lucarne.signaling.config.ConfigSource;

/**
 * The bridges the call focus may place conferences on, and how it watches them.
 *
 * <p>Keys read by {@link #load}: {@code bridge.urls} (comma-separated http(s) URLs),
 * {@code bridge.shared.secret} (for every bridge), {@code bridge.shared.secret.N} (for the N-th URL,
 * from 1, overriding the shared one), {@code bridge.health.interval.seconds} (default 2) and
 * {@code bridge.request.timeout.seconds} (default 5).
 *
 * @param bridges        at least one, no two with the same URL
 * @param healthInterval time between two health checks of one bridge
 * @param requestTimeout longest wait for one answer of a bridge, connection included
 */
public record BridgePoolConfig(List<Bridge> bridges, Duration healthInterval, Duration requestTimeout) {
    public static final String URLS = "bridge.urls";
    public static final String SHARED_SECRET = "bridge.shared.secret";
    public static final String HEALTH_INTERVAL = "bridge.health.interval.seconds";
    public static final String REQUEST_TIMEOUT = "bridge.request.timeout.seconds";
    /** Same rule as the bridge's own {@code bridge.shared.secret}. */
    public static final int MIN_SECRET_LENGTH = 16;
    public static final Duration DEFAULT_HEALTH_INTERVAL = Duration.ofSeconds(2);
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(5);
    public static final int MAX_BRIDGES = 100;

    public BridgePoolConfig {
        bridges = List.copyOf(Objects.requireNonNull(bridges, "bridges"));
        if (bridges.isEmpty()) {
            throw new ConfigException(URLS + " lists no bridge; give at least one URL such as http://10.20.0.7:8080/");
        }
        Set<URI> seen = new HashSet<>();
        for (Bridge b : bridges) {
            if (!seen.add(b.baseUri())) {
                throw new ConfigException(URLS + " lists " + b.name() + " twice");
            }
        }
        requireSeconds(HEALTH_INTERVAL, healthInterval, 1, 3_600);
        requireSeconds(REQUEST_TIMEOUT, requestTimeout, 1, 120);
    }

    /** The embedded bridge alone, at {@code MediaBridge#httpUri()}, with its shared secret if it has one. */
    public static BridgePoolConfig embedded(URI httpUri, Optional<String> secret) {
        return new BridgePoolConfig(List.of(new Bridge(httpUri, secret)), DEFAULT_HEALTH_INTERVAL,
                DEFAULT_REQUEST_TIMEOUT);
    }

    /**
     * Reads the keys above from settings already merged from the file and {@code LUCARNE_*} variables.
     *
     * @throws ConfigException naming the key and the expected form; never showing a secret
     */
    public static BridgePoolConfig load(Map<String, String> settings) {
        String urls = settings.getOrDefault(URLS, "").strip();
        if (urls.isEmpty()) {
            throw invalid(URLS, "is empty", "comma-separated http(s) URLs of bridges, such as "
                    + "http://10.20.0.7:8080/,http://10.20.0.8:8080/");
        }
        Optional<String> shared = secret(settings, SHARED_SECRET);
        String[] parts = urls.split(",", -1);
        if (parts.length > MAX_BRIDGES) {
            throw invalid(URLS, "lists " + parts.length + " bridges", "at most " + MAX_BRIDGES);
        }
        List<Bridge> bridges = new ArrayList<>();
        for (int i = 0; i < parts.length; i++) {
            String url = parts[i].strip();
            if (url.isEmpty()) {
                throw invalid(URLS, "has an empty entry at position " + (i + 1), "no empty entries between commas");
            }
            Optional<String> own = secret(settings, SHARED_SECRET + "." + (i + 1));
            try {
                bridges.add(new Bridge(new URI(url), own.isPresent() ? own : shared));
            } catch (URISyntaxException | IllegalArgumentException e) {
                throw invalid(URLS, "entry " + (i + 1) + " '" + url.replaceAll("//[^/]*@", "//…@") + "' is not a bridge URL",
                        "http(s)://host[:port][/path] without user, query or fragment");
            }
        }
        return new BridgePoolConfig(bridges,
                Duration.ofSeconds(seconds(settings, HEALTH_INTERVAL, DEFAULT_HEALTH_INTERVAL, 1, 3_600)),
                Duration.ofSeconds(seconds(settings, REQUEST_TIMEOUT, DEFAULT_REQUEST_TIMEOUT, 1, 120)));
    }

    private static Optional<String> secret(Map<String, String> settings, String key) {
        String value = settings.get(key);
        if (value == null || value.isEmpty()) {
            return Optional.empty();
        }
        if (value.length() < MIN_SECRET_LENGTH || !value.matches("[\\x21-\\x7e]+")) {
            throw new ConfigException(ConfigSource.envName(key) + " (" + key + ") must be at least "
                    + MIN_SECRET_LENGTH + " printable characters without spaces (value not shown)");
        }
        return Optional.of(value);
    }

    private static long seconds(Map<String, String> settings, String key, Duration fallback, int min, int max) {
        String value = settings.get(key);
        if (value == null || value.isBlank()) {
            return fallback.toSeconds();
        }
        try {
            long n = Long.parseLong(value.strip());
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw invalid(key, "= '" + value + "'", "a whole number of seconds from " + min + " to " + max);
    }

    private static void requireSeconds(String key, Duration d, int min, int max) {
        Objects.requireNonNull(d, key);
        if (d.compareTo(Duration.ofSeconds(min)) < 0 || d.compareTo(Duration.ofSeconds(max)) > 0) {
            throw invalid(key, "= " + d.toMillis() + " ms", "from " + min + " to " + max + " seconds");
        }
    }

    private static ConfigException invalid(String key, String what, String expected) {
        return new ConfigException(ConfigSource.envName(key) + " (" + key + ") " + what + ": expected " + expected);
    }
}
