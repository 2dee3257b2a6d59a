package org.lucarne.bridge.ice;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * Where the bridge's one ICE UDP port listens, and what address it tells peers to use.
 *
 * @param bindAddress       a literal IP address to bind (e.g. {@code 0.0.0.0} is not allowed: ice4j's
 *                          single-port harvester needs the address it advertises as host candidate)
 * @param port              the UDP port shared by every endpoint (10000 like JVB; 0 picks a free one)
 * @param advertisedAddress the public address behind a static NAT (like JVB's static mapping), or
 *                          {@code null}; advertised as a server-reflexive candidate with the same port
 * @param tcpPort           the ICE-TCP port on the same address (RFC 6544 passive candidates), 0 for a free
 *                          one, or empty for none
 */
public record IcePortConfig(String bindAddress, int port, String advertisedAddress, OptionalInt tcpPort) {
    public static final int DEFAULT_PORT = 10000;

    /** UDP only. */
    public IcePortConfig(String bindAddress, int port, String advertisedAddress) {
        this(bindAddress, port, advertisedAddress, OptionalInt.empty());
    }

    public IcePortConfig {
        Objects.requireNonNull(tcpPort, "tcpPort");
        if (tcpPort.isPresent() && (tcpPort.getAsInt() < 0 || tcpPort.getAsInt() > 65535)) {
            throw new IllegalArgumentException("the TCP port must be between 0 and 65535, was " + tcpPort.getAsInt());
        }
        Objects.requireNonNull(bindAddress, "bindAddress");
        requireLiteral("the bind address", bindAddress);
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException(
                    "the port must be between 0 and 65535, was " + port);
        }
        if (advertisedAddress != null) {
            requireLiteral("the advertised address", advertisedAddress);
        }
    }

    /** Loopback on an ephemeral port, no NAT: what tests use. */
    public static IcePortConfig loopbackEphemeral() {
        return new IcePortConfig("127.0.0.1", 0, null);
    }

    private static void requireLiteral(String what, String address) {
        // A literal only: a host name would mean a DNS lookup at start and a surprise later.
        boolean literal = address.matches("[0-9.]+") || address.contains(":");
        try {
            InetAddress parsed = InetAddress.getByName(address);
            if (!literal || parsed.isAnyLocalAddress()) {
                throw new IllegalArgumentException(what + " must be a literal unicast IP address, was '"
                        + address + "'");
            }
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(what + " is not an IP address: '" + address + "'", e);
        }
    }
}
