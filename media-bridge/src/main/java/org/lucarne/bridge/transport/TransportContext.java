package org.lucarne.bridge.transport;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executor;
import org.lucarne.bridge.dtls.DtlsEndpoint;
import org.lucarne.bridge.ice.IcePort;

/**
 * What every endpoint transport of one bridge shares.
 *
 * @param port           the one UDP port
 * @param dtls           the bridge's DTLS identity
 * @param handshakes     runs the blocking DTLS handshakes (one task per endpoint and ICE generation)
 * @param iceTimeout     how long ICE checks may run before the transport fails
 * @param consentTimeout how long a connected transport may receive nothing at all from its peer before
 *                       it fails (RFC 7675 §5.1: 30 s)
 */
public record TransportContext(IcePort port, DtlsEndpoint dtls, Executor handshakes, Duration iceTimeout,
                               Duration consentTimeout) {
    /** RFC 7675 §5.1: consent expires 30 seconds after the last confirmation. */
    public static final Duration DEFAULT_CONSENT_TIMEOUT = Duration.ofSeconds(30);

    public TransportContext {
        Objects.requireNonNull(port, "port");
        Objects.requireNonNull(dtls, "dtls");
        Objects.requireNonNull(handshakes, "handshakes");
        Objects.requireNonNull(iceTimeout, "iceTimeout");
        Objects.requireNonNull(consentTimeout, "consentTimeout");
        requirePositive("iceTimeout", iceTimeout);
        requirePositive("consentTimeout", consentTimeout);
    }

    /** With the default consent timeout of 30 s. */
    public TransportContext(IcePort port, DtlsEndpoint dtls, Executor handshakes, Duration iceTimeout) {
        this(port, dtls, handshakes, iceTimeout, DEFAULT_CONSENT_TIMEOUT);
    }

    public TransportContext withConsentTimeout(Duration timeout) {
        return new TransportContext(port, dtls, handshakes, iceTimeout, timeout);
    }

    private static void requirePositive(String name, Duration d) {
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, was " + d);
        }
    }
}
