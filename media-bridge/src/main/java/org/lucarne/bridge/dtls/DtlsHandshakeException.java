package org.lucarne.bridge.dtls;

/** A DTLS-SRTP handshake that did not produce SRTP keys, with the reason in words. */
public final class DtlsHandshakeException extends Exception {
    private static final long serialVersionUID = 1L;

    /** Coarse cause, for counters and for deciding whether a retry can help. */
    public enum Reason {
        /** The peer's certificate does not hash to the fingerprint from its SDP. */
        FINGERPRINT_MISMATCH,
        /** The peer sent no certificate. */
        NO_PEER_CERTIFICATE,
        /** No SRTP protection profile in common, or the peer did not negotiate use_srtp. */
        NO_COMMON_SRTP_PROFILE,
        /** The handshake did not finish within the configured time. */
        TIMEOUT,
        /** The peer sent a fatal alert. */
        PEER_ALERT,
        /** Anything else: malformed messages, closed transport, local errors. */
        PROTOCOL_ERROR
    }

    private final Reason reason;

    public DtlsHandshakeException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
