package org.lucarne.bridge.transport;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executor;
import org.lucarne.bridge.dtls.DtlsEndpoint;
import org.lucarne.bridge.ice.IcePort;

/**
 * What every endpoint transport of one bridge shares.
 *
 * @param port         the one UDP port
 * @param dtls         the bridge's DTLS identity
 * @param handshakes   runs the blocking DTLS handshakes (one task per endpoint)
 * @param iceTimeout   how long ICE checks may run before the transport fails
 */
public record TransportContext(IcePort port, DtlsEndpoint dtls, Executor handshakes, Duration iceTimeout) {
    public TransportContext {
        Objects.requireNonNull(port, "port");
        Objects.requireNonNull(dtls, "dtls");
        Objects.requireNonNull(handshakes, "handshakes");
        Objects.requireNonNull(iceTimeout, "iceTimeout");
    }
}
