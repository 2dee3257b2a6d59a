package org.lucarne.bridge.srtp;

import java.util.Objects;

/**
 * Outcome of protecting or unprotecting one packet.
 *
 * @param status what happened
 * @param packet the transformed packet (exact length) when {@code status} is OK, else null
 * @param detail extra words for a log line, may be empty
 */
public record SrtpResult(SrtpStatus status, byte[] packet, String detail) {

    public SrtpResult {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(detail, "detail");
        if ((status == SrtpStatus.OK) != (packet != null)) {
            throw new IllegalArgumentException("a packet comes with OK and only with OK");
        }
    }

    static SrtpResult ok(byte[] packet) {
        return new SrtpResult(SrtpStatus.OK, packet, "");
    }

    static SrtpResult failed(SrtpStatus status, String detail) {
        return new SrtpResult(status, null, detail);
    }

    public boolean isOk() {
        return status == SrtpStatus.OK;
    }

    /** A one-line reason for logs and counters. */
    public String reason() {
        return detail.isEmpty() ? status.description() : status.description() + ": " + detail;
    }

    @Override
    public String toString() {
        return "SrtpResult[" + status + (packet != null ? ", " + packet.length + " bytes" : "")
                + (detail.isEmpty() ? "" : ", " + detail) + "]";
    }
}
