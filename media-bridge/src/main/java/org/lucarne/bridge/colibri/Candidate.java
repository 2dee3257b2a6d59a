package org.lucarne.bridge.colibri;

import java.util.Objects;

/**
 * An ICE candidate (XEP-0176 §5.1; RFC 8445 §5.1). JVB writes every number of a candidate as a
 * JSON string ({@code "port": "10000"}); the codec does the same, and reads either form.
 *
 * @param component  1 for RTP (and RTCP, with rtcp-mux), 1 to 256
 * @param foundation the candidate's foundation
 * @param generation the ICE generation, absent if not given
 * @param id         an opaque id, absent if not given
 * @param ip         the address
 * @param network    the network index, absent if not given
 * @param port       0 to 65535
 * @param priority   0 to 2^32 − 1 (RFC 8445 §5.1.2)
 * @param protocol   udp or tcp
 * @param type       host, srflx, prflx or relay
 * @param relAddr    the related address of a srflx, prflx or relay candidate; may be absent
 * @param relPort    the related port; may be absent
 * @param tcpType    for a TCP candidate, {@code active}, {@code passive} or {@code so} (RFC 6544 §4.5; JVB's
 *                   {@code tcptype}); absent for UDP
 */
public record Candidate(int component, String foundation, Integer generation, String id, String ip, Integer network,
                        int port, long priority, Protocol protocol, Type type, String relAddr, Integer relPort,
                        TcpType tcpType) {
    public Candidate {
        Objects.requireNonNull(foundation, "foundation");
        Objects.requireNonNull(ip, "ip");
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(type, "type");
        if (tcpType != null && protocol != Protocol.TCP) {
            throw new IllegalArgumentException("a tcptype is only for a tcp candidate");
        }
    }

    /** A candidate without a tcptype (every UDP candidate). */
    public Candidate(int component, String foundation, Integer generation, String id, String ip, Integer network,
                     int port, long priority, Protocol protocol, Type type, String relAddr, Integer relPort) {
        this(component, foundation, generation, id, ip, network, port, priority, protocol, type, relAddr, relPort, null);
    }

    /** RFC 6544 §4.5: who opens the TCP connection. */
    public enum TcpType implements WireName {
        ACTIVE("active"),
        PASSIVE("passive"),
        SO("so");

        private final String wireName;

        TcpType(String wireName) {
            this.wireName = wireName;
        }

        @Override
        public String wireName() {
            return wireName;
        }
    }

    public enum Protocol implements WireName {
        UDP("udp"),
        TCP("tcp");

        private final String wireName;

        Protocol(String wireName) {
            this.wireName = wireName;
        }

        @Override
        public String wireName() {
            return wireName;
        }
    }

    /** RFC 8445 §5.1.1 candidate types. */
    public enum Type implements WireName {
        HOST("host"),
        SRFLX("srflx"),
        PRFLX("prflx"),
        RELAY("relay");

        private final String wireName;

        Type(String wireName) {
            this.wireName = wireName;
        }

        @Override
        public String wireName() {
            return wireName;
        }
    }
}
