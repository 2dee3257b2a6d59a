package org.lucarne.bridge;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;

/**
 * Raw bridge settings: a properties file, then {@code LUCARNE_*} environment variables on top
 * ({@code bridge.http.port} ↔ {@code LUCARNE_BRIDGE_HTTP_PORT}). Typed getters fail with a message
 * naming the variable, the key, where the value came from and what was expected.
 */
final class ConfigValues {
    private final Map<String, String> values = new HashMap<>();
    private final Map<String, String> origins = new HashMap<>();

    private ConfigValues() {
    }

    static String envName(String key) {
        return "LUCARNE_" + key.toUpperCase(Locale.ROOT).replace('.', '_');
    }

    static ConfigValues load(Optional<Path> file, Map<String, String> env, Set<String> known) {
        ConfigValues c = new ConfigValues();
        if (file.isPresent()) {
            Path path = file.get();
            if (!Files.isRegularFile(path)) {
                throw new BridgeConfigException("config file " + path + " does not exist (set by --config or "
                        + "LUCARNE_BRIDGE_CONFIG)");
            }
            Properties p = new Properties();
            try (Reader r = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
                p.load(r);
            } catch (IOException | IllegalArgumentException e) {
                throw new BridgeConfigException("cannot read config file " + path + ": " + e.getMessage());
            }
            for (String key : p.stringPropertyNames()) {
                if (!known.contains(key)) {
                    throw new BridgeConfigException("unknown key '" + key + "' in " + path
                            + "; media-bridge/bridge.sample.conf lists every key");
                }
                c.put(key, p.getProperty(key).strip(), path.toString());
            }
        }
        for (String key : known) {
            String value = env.get(envName(key));
            if (value != null) {
                c.put(key, value.strip(), "the environment");
            }
        }
        return c;
    }

    private void put(String key, String value, String origin) {
        values.put(key, value);
        origins.put(key, origin);
    }

    BridgeConfigException invalid(String key, String expected) {
        return new BridgeConfigException(envName(key) + " (" + key + ") = '" + values.get(key) + "' from "
                + origins.get(key) + ": expected " + expected);
    }

    Optional<String> string(String key) {
        return Optional.ofNullable(values.get(key)).filter(s -> !s.isEmpty());
    }

    String string(String key, String fallback) {
        return string(key).orElse(fallback);
    }

    int integer(String key, int fallback, int min, int max) {
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
}
