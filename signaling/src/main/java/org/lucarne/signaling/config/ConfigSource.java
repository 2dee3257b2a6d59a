package org.lucarne.signaling.config;

import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;

/**
 * Raw settings: a properties file, overridden by {@code LUCARNE_*} environment variables
 * ({@code ws.idle.timeout.seconds} ↔ {@code LUCARNE_WS_IDLE_TIMEOUT_SECONDS}). Typed getters
 * fail with a message naming the key, where the value came from, and the expected form.
 */
public final class ConfigSource {
    private final Map<String, String> values = new LinkedHashMap<>();
    private final Map<String, String> origins = new LinkedHashMap<>();

    private ConfigSource() {
    }

    /** The environment variable that overrides {@code key}. */
    public static String envName(String key) {
        return "LUCARNE_" + key.toUpperCase(Locale.ROOT).replace('.', '_');
    }

    /**
     * @param file  the properties file, if any; a key it holds that is not in {@code known} is refused (typos)
     * @param env   the process environment
     * @param known every key the deployable understands
     */
    public static ConfigSource load(Optional<Path> file, Map<String, String> env, Set<String> known) {
        ConfigSource source = new ConfigSource();
        if (file.isPresent()) {
            Path path = file.get();
            if (!Files.isRegularFile(path)) {
                throw new ConfigException("config file " + path + " does not exist (set by --config or LUCARNE_CONFIG)");
            }
            Properties p = new Properties();
            try (Reader r = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
                p.load(r);
            } catch (IOException | IllegalArgumentException e) {
                throw new ConfigException("cannot read config file " + path + ": " + e.getMessage());
            }
            for (String key : p.stringPropertyNames()) {
                if (!known.contains(key)) {
                    throw new ConfigException("unknown key '" + key + "' in " + path
                            + "; see lucarne.sample.conf for every key");
                }
                source.put(key, p.getProperty(key).strip(), path.toString());
            }
        }
        for (String key : known) {
            String value = env.get(envName(key));
            if (value != null) {
                source.put(key, value.strip(), "environment");
            }
        }
        return source;
    }

    private void put(String key, String value, String origin) {
        values.put(key, value);
        origins.put(key, origin);
    }

    private ConfigException invalid(String key, String expected) {
        return new ConfigException(envName(key) + " (" + key + ") = '" + values.get(key) + "' from "
                + origins.get(key) + ": expected " + expected);
    }

    public Optional<String> string(String key) {
        return Optional.ofNullable(values.get(key)).filter(s -> !s.isEmpty());
    }

    public String string(String key, String fallback) {
        return string(key).orElse(fallback);
    }

    public int integer(String key, int fallback, int min, int max) {
        Optional<String> s = string(key);
        if (s.isEmpty()) {
            return fallback;
        }
        try {
            int v = Integer.parseInt(s.get());
            if (v >= min && v <= max) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw invalid(key, "a whole number from " + min + " to " + max);
    }

    /** {@code true} or {@code false}; unset gives {@code fallback}. */
    public boolean bool(String key, boolean fallback) {
        Optional<String> s = string(key);
        if (s.isEmpty()) {
            return fallback;
        }
        return switch (s.get()) {
            case "true" -> true;
            case "false" -> false;
            default -> throw invalid(key, "true or false");
        };
    }

    /** An https URL (an OpenID Connect issuer, say), without query or fragment. */
    public Optional<URI> httpsUrl(String key) {
        Optional<String> s = string(key);
        if (s.isEmpty()) {
            return Optional.empty();
        }
        try {
            URI u = new URI(s.get());
            boolean local = u.getHost() != null && (u.getHost().equals("localhost") || u.getHost().equals("127.0.0.1"));
            boolean ok = ("https".equals(u.getScheme()) || ("http".equals(u.getScheme()) && local))
                    && u.getHost() != null && u.getQuery() == null && u.getFragment() == null;
            if (ok) {
                return Optional.of(u);
            }
        } catch (URISyntaxException e) {
            // reported below
        }
        throw invalid(key, "an https URL such as https://sso.hospital.example/realms/hospital (http only on"
                + " localhost)");
    }

    /** A time zone id such as Europe/Paris; unset gives {@code fallback}. */
    public java.time.ZoneId zone(String key, java.time.ZoneId fallback) {
        Optional<String> s = string(key);
        if (s.isEmpty()) {
            return fallback;
        }
        try {
            return java.time.ZoneId.of(s.get());
        } catch (java.time.DateTimeException e) {
            throw invalid(key, "a time zone such as Europe/Paris");
        }
    }

    /** A missing required value, named by its environment variable and key. */
    public ConfigException required(String key, String why) {
        return new ConfigException(envName(key) + " (" + key + ") is required " + why);
    }

    /** A TCP port; 0 (any free port) only where {@code zeroMeansAny}. Unset gives {@code fallback}. */
    public int port(String key, int fallback, boolean zeroMeansAny) {
        return integer(key, fallback, zeroMeansAny ? 0 : 1, 65_535);
    }

    public Path path(String key, Path fallback) {
        Optional<String> s = string(key);
        if (s.isEmpty()) {
            return fallback;
        }
        try {
            return Path.of(s.get());
        } catch (RuntimeException e) {
            throw invalid(key, "a file system path");
        }
    }

    public String hostName(String key, String fallback) {
        String host = string(key, fallback);
        if (!host.matches("[A-Za-z0-9]([A-Za-z0-9.-]{0,251}[A-Za-z0-9])?|\\[?[0-9A-Fa-f:.]+]?")) {
            throw invalid(key, "a host name such as visits.hospital.example or an IP address");
        }
        return host;
    }

    /** An origin: {@code https://host[:port]}, no path. */
    public Optional<String> origin(String key) {
        Optional<String> s = string(key);
        if (s.isEmpty()) {
            return s;
        }
        try {
            URI u = new URI(s.get());
            boolean ok = "https".equals(u.getScheme()) && u.getHost() != null
                    && (u.getPath() == null || u.getPath().isEmpty()) && u.getQuery() == null && u.getFragment() == null;
            if (ok) {
                return Optional.of(u.getScheme() + "://" + u.getHost().toLowerCase(Locale.ROOT)
                        + (u.getPort() == -1 || u.getPort() == 443 ? "" : ":" + u.getPort()));
            }
        } catch (URISyntaxException e) {
            // reported below
        }
        throw invalid(key, "an origin such as https://visits.hospital.example (no path)");
    }

    public String jdbcUrl(String key, String fallback) {
        String url = string(key, fallback);
        if (!url.startsWith("jdbc:sqlite:") && !url.startsWith("jdbc:postgresql://")) {
            throw invalid(key, "jdbc:sqlite:/path/to/lucarne.db or jdbc:postgresql://host:5432/database");
        }
        return url;
    }
}
