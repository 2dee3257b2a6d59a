package org.lucarne.certs;

import java.math.BigInteger;
import java.time.Instant;
import java.util.Objects;

/** One revoked certificate of a CRL: its serial number and when it was revoked (RFC 5280 §5.1.2.6). */
public record RevokedEntry(BigInteger serial, Instant revokedAt) {
    public RevokedEntry {
        Objects.requireNonNull(serial, "serial");
        Objects.requireNonNull(revokedAt, "revokedAt");
        if (serial.signum() <= 0) {
            throw new IllegalArgumentException("a certificate serial number is positive (RFC 5280 §4.1.2.2)");
        }
    }
}
