package org.lucarne.signaling.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The TURN server that browsers and tablets behind firewalls relay their media through (coturn with
 * {@code use-auth-secret}; lucarne.sample.conf, "TURN"; docs/operations.md, "TURN"). Each media session
 * gets credentials of its own, made with {@code secret} and lasting {@code ttl} (docs/security.md).
 *
 * @param urls   1 to {@link #MAX_URLS} URLs as RFC 7065 writes them, e.g.
 *               {@code turns:turn.hospital.example:443?transport=tcp}
 * @param secret coturn's {@code static-auth-secret}; never printed
 * @param ttl    how long one media session's credentials are accepted by coturn
 */
public record TurnSettings(List<String> urls, String secret, Duration ttl) {
    public static final String URLS = "turn.urls";
    public static final String SECRET = "turn.secret";
    public static final String TTL = "turn.ttl.seconds";
    static final Set<String> KEYS = Set.of(URLS, SECRET, TTL);

    public static final int MAX_URLS = 8;
    public static final int MAX_URL_LENGTH = 256;
    /** An HMAC-SHA1 key guessed offline mints credentials: 32 characters at least ({@code openssl rand -hex 32}). */
    public static final int MIN_SECRET_LENGTH = 32;
    public static final int MAX_SECRET_LENGTH = 256;
    /**
     * Five hours: the longest visit a ward allows (240 minutes) with its ring and lobby, plus an hour; a new
     * media session (a reconnect, an ICE restart) gets new credentials anyway.
     */
    public static final Duration DEFAULT_TTL = Duration.ofHours(5);
    public static final int MIN_TTL_SECONDS = 600;
    public static final int MAX_TTL_SECONDS = 86_400;

    // RFC 7065 §3.1: turnURI = scheme ":" host [ ":" port ] [ "?transport=" transport ]
    private static final Pattern URL = Pattern.compile(
            "(turns?):([A-Za-z0-9](?:[A-Za-z0-9.-]{0,251}[A-Za-z0-9])?|\\[[0-9A-Fa-f:.]{2,45}])"
                    + "(?::([0-9]{1,5}))?(?:\\?transport=([a-z]+))?");

    public TurnSettings {
        urls = List.copyOf(Objects.requireNonNull(urls, "urls"));
        Objects.requireNonNull(secret, "secret");
        Objects.requireNonNull(ttl, "ttl");
        if (urls.isEmpty() || urls.size() > MAX_URLS) {
            throw new IllegalArgumentException("1 to " + MAX_URLS + " TURN URLs, not " + urls.size());
        }
    }

    /** The TURN settings, or empty when {@code turn.urls} is not set (then no other turn.* key may be). */
    static Optional<TurnSettings> load(ConfigSource s) {
        Optional<String> urls = s.string(URLS);
        if (urls.isEmpty()) {
            for (String key : List.of(SECRET, TTL)) {
                if (s.string(key).isPresent()) {
                    throw s.required(URLS, "when " + key + " is set: the TURN server's URLs, such as "
                            + "turns:turn.hospital.example:443?transport=tcp");
                }
            }
            return Optional.empty();
        }
        List<String> list = urls(urls.get());
        String secret = s.string(SECRET).orElseThrow(() -> s.required(SECRET,
                "when turn.urls is set: coturn's static-auth-secret (use-auth-secret), e.g. from openssl rand -hex 32"));
        if (secret.length() < MIN_SECRET_LENGTH || secret.length() > MAX_SECRET_LENGTH
                || !secret.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            throw new ConfigException(ConfigSource.envName(SECRET) + " (" + SECRET + ") must be " + MIN_SECRET_LENGTH
                    + " to " + MAX_SECRET_LENGTH + " printable ASCII characters without spaces, the same as coturn's"
                    + " static-auth-secret (value not shown); openssl rand -hex 32 makes one");
        }
        int ttl = s.integer(TTL, (int) DEFAULT_TTL.toSeconds(), MIN_TTL_SECONDS, MAX_TTL_SECONDS);
        return Optional.of(new TurnSettings(list, secret, Duration.ofSeconds(ttl)));
    }

    private static List<String> urls(String value) {
        String[] parts = value.split(",", -1);
        if (parts.length > MAX_URLS) {
            throw invalidUrls("lists " + parts.length + " URLs", "at most " + MAX_URLS);
        }
        List<String> urls = new ArrayList<>();
        for (int i = 0; i < parts.length; i++) {
            String url = parts[i].strip();
            String entry = "entry " + (i + 1) + " '" + (url.length() > 80 ? url.substring(0, 80) + "…" : url) + "'";
            if (url.isEmpty()) {
                throw invalidUrls("has an empty entry at position " + (i + 1), "no empty entries between commas");
            }
            Matcher m = URL.matcher(url);
            if (url.length() > MAX_URL_LENGTH || !m.matches()) {
                throw invalidUrls(entry + " is not a TURN URL", "turn:HOST[:PORT][?transport=udp|tcp] or "
                        + "turns:HOST[:PORT][?transport=tcp], such as turns:turn.hospital.example:443?transport=tcp");
            }
            if (m.group(3) != null) {
                int port = Integer.parseInt(m.group(3));
                if (port < 1 || port > 65_535) {
                    throw invalidUrls(entry + " has port " + port, "a port from 1 to 65535");
                }
            }
            String transport = m.group(4);
            if (transport != null && !transport.equals("udp") && !transport.equals("tcp")) {
                throw invalidUrls(entry + " has transport '" + transport + "'", "transport=udp or transport=tcp");
            }
            if (m.group(1).equals("turns") && "udp".equals(transport)) {
                throw invalidUrls(entry + " asks for turns over UDP, which browsers do not do",
                        "turns:…?transport=tcp (TLS), or turn:…?transport=udp");
            }
            if (urls.contains(url)) {
                throw invalidUrls(entry + " is listed twice", "each URL once");
            }
            urls.add(url);
        }
        return urls;
    }

    private static ConfigException invalidUrls(String what, String expected) {
        return new ConfigException(ConfigSource.envName(URLS) + " (" + URLS + ") " + what + ": expected " + expected);
    }

    @Override
    public String toString() {
        return "TurnSettings[" + urls + ", secret hidden, ttl " + ttl + "]";
    }
}
