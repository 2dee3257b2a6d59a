package org.lucarne.bridge.ice;

import java.util.Objects;

/**
 * One ICE candidate as carried by Colibri2 (RFC 8839 §5.1 attributes).
 *
 * @param foundation  the foundation
 * @param component   the component id (1: RTP, rtcp-mux is assumed)
 * @param protocol    {@code udp} or {@code tcp}
 * @param priority    the candidate priority (RFC 8445 §5.1.2)
 * @param ip          a literal IP address
 * @param port        the UDP or TCP port
 * @param type        {@code host}, {@code srflx}, {@code prflx} or {@code relay}
 * @param generation  the ICE generation (0 until a restart)
 * @param tcpType     {@code passive} for the bridge's TCP candidates (RFC 6544 §4.5), null for UDP
 */
public record IceCandidate(String foundation, int component, String protocol, long priority,
                           String ip, int port, String type, int generation, String tcpType) {
    /** A UDP candidate. */
    public IceCandidate(String foundation, int component, String protocol, long priority,
                        String ip, int port, String type, int generation) {
        this(foundation, component, protocol, priority, ip, port, type, generation, null);
    }

    public IceCandidate {
        Objects.requireNonNull(foundation, "foundation");
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(ip, "ip");
        Objects.requireNonNull(type, "type");
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("candidate port out of range: " + port);
        }
    }
}
