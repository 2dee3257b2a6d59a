package org.lucarne.bridge;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Everything the media bridge reads at start, validated. Built by {@link #load} from a properties
 * file and {@code LUCARNE_BRIDGE_*} environment variables; every key is documented in
 * {@code media-bridge/bridge.sample.conf}.
 *
 * @param httpHost          where the Colibri2 HTTP API listens ({@code bridge.http.host})
 * @param httpPort          its port, 0 for any free one ({@code bridge.http.port})
 * @param udpHost           the literal IP the media UDP port binds and offers as host candidate
 *                          ({@code bridge.udp.host})
 * @param udpPort           the one UDP port for every endpoint's media, 0 for any free one ({@code bridge.udp.port})
 * @param advertisedAddress the public IP behind a static NAT, offered as a server-reflexive candidate
 *                          ({@code bridge.advertised.address})
 * @param expire            how long an endpoint may stay silent, and a conference empty, before it is
 *                          expired ({@code bridge.expire.seconds})
 * @param sharedSecret      when present, every API request needs {@code Authorization: Bearer <secret>}
 *                          ({@code bridge.shared.secret}); required unless the API listens on loopback only
 * @param tcpPort           the ICE-TCP port on {@code udpHost} for browsers without UDP, 0 for any free one,
 *                          empty for none ({@code bridge.tcp.port}, off unless set)
 */
public record BridgeConfig(String httpHost, int httpPort, String udpHost, int udpPort,
                           Optional<String> advertisedAddress, Duration expire, Optional<String> sharedSecret,
                           OptionalInt tcpPort) {

    public static final Set<String> KEYS = Set.of(
            "bridge.http.host", "bridge.http.port", "bridge.udp.host", "bridge.udp.port",
            "bridge.advertised.address", "bridge.expire.seconds", "bridge.shared.secret", "bridge.tcp.port");

    /** Without ICE-TCP. */
    public BridgeConfig(String httpHost, int httpPort, String udpHost, int udpPort,
                        Optional<String> advertisedAddress, Duration expire, Optional<String> sharedSecret) {
        this(httpHost, httpPort, udpHost, udpPort, advertisedAddress, expire, sharedSecret, OptionalInt.empty());
    }

    /** Shortest shared secret accepted: guessing must not be an option. */
    public static final int MIN_SECRET_LENGTH = 16;

    public BridgeConfig {
        Objects.requireNonNull(tcpPort, "tcpPort");
        if (sharedSecret.isEmpty() && !isLoopback(httpHost)) {
            throw new BridgeConfigException(ConfigValues.envName("bridge.shared.secret")
                    + " (bridge.shared.secret) is required when the HTTP API listens beyond this machine ("
                    + ConfigValues.envName("bridge.http.host") + " = " + httpHost + "); set a random secret of at least "
                    + MIN_SECRET_LENGTH + " characters, or listen on 127.0.0.1");
        }
    }

    /** The defaults alone: a bridge for a one-machine demo, API and media on 127.0.0.1. */
    public static BridgeConfig defaults() {
        return load(Optional.empty(), Map.of());
    }

    /** HTTP and UDP on 127.0.0.1, ports chosen by the system, no secret: what tests use. */
    public static BridgeConfig loopbackForTests() {
        return new BridgeConfig("127.0.0.1", 0, "127.0.0.1", 0, Optional.empty(), Duration.ofSeconds(60),
                Optional.empty());
    }

    public static BridgeConfig load(Optional<Path> file, Map<String, String> env) {
        ConfigValues c = ConfigValues.load(file, env, KEYS);
        String httpHost = c.string("bridge.http.host", "127.0.0.1");
        if (!httpHost.matches("[A-Za-z0-9]([A-Za-z0-9.-]{0,251}[A-Za-z0-9])?|[0-9A-Fa-f:.]+")) {
            throw c.invalid("bridge.http.host", "a host name or an IP address such as 127.0.0.1 or 0.0.0.0");
        }
        String udpHost = c.string("bridge.udp.host", "127.0.0.1");
        if (!isUnicastLiteral(udpHost)) {
            throw c.invalid("bridge.udp.host", "a literal unicast IP address of this machine such as 127.0.0.1 or "
                    + "10.20.0.7 (not 0.0.0.0: it is also the host candidate browsers are told to use)");
        }
        Optional<String> advertised = c.string("bridge.advertised.address");
        if (advertised.isPresent() && !isUnicastLiteral(advertised.get())) {
            throw c.invalid("bridge.advertised.address", "the public literal IP address of a static NAT, "
                    + "such as 198.51.100.23");
        }
        Optional<String> secret = c.string("bridge.shared.secret");
        if (secret.isPresent() && (secret.get().length() < MIN_SECRET_LENGTH || !secret.get().matches("[\\x21-\\x7e]+"))) {
            throw new BridgeConfigException(ConfigValues.envName("bridge.shared.secret")
                    + " (bridge.shared.secret) must be at least " + MIN_SECRET_LENGTH
                    + " printable characters without spaces (value not shown)");
        }
        return new BridgeConfig(
                httpHost,
                c.integer("bridge.http.port", 8080, 0, 65_535),
                udpHost,
                c.integer("bridge.udp.port", 10_000, 0, 65_535),
                advertised,
                Duration.ofSeconds(c.integer("bridge.expire.seconds", 60, 5, 86_400)),
                secret,
                c.string("bridge.tcp.port").isPresent()
                        ? OptionalInt.of(c.integer("bridge.tcp.port", 0, 0, 65_535)) : OptionalInt.empty());
    }

    /** Whether only this machine can reach {@code host}: {@code localhost} or a loopback literal. */
    static boolean isLoopback(String host) {
        if (host.equalsIgnoreCase("localhost")) {
            return true;
        }
        if (!isLiteral(host)) {
            return false;
        }
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static boolean isLiteral(String host) {
        return host.matches("[0-9]{1,3}(\\.[0-9]{1,3}){3}") || host.matches("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");
    }

    private static boolean isUnicastLiteral(String host) {
        if (!isLiteral(host)) {
            return false;
        }
        try {
            InetAddress a = InetAddress.getByName(host);
            return !a.isAnyLocalAddress() && !a.isMulticastAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /** Never prints the secret. */
    @Override
    public String toString() {
        return "BridgeConfig[http=" + httpHost + ":" + httpPort + ", udp=" + udpHost + ":" + udpPort
                + (tcpPort.isPresent() ? ", tcp=" + udpHost + ":" + tcpPort.getAsInt() : "")
                + advertisedAddress.map(a -> " as " + a).orElse("") + ", expire=" + expire.toSeconds() + "s"
                + ", sharedSecret=" + (sharedSecret.isPresent() ? "set" : "none") + "]";
    }
}
