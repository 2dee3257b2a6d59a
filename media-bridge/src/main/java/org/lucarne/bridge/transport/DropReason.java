package org.lucarne.bridge.transport;

/** Why an {@link EndpointTransport} dropped a datagram; {@link #key()} names it in the stats. */
public enum DropReason {
    /** Not DTLS, RTP or RTCP by its first byte (RFC 7983 §7), or too short for its kind. */
    UNRECOGNISED("unrecognised"),
    /** SRTP or SRTCP before the DTLS handshake gave keys. */
    SRTP_BEFORE_CONNECTED("srtp_before_connected"),
    /** DTLS after the handshake: no data channels here, and the association is not renegotiated. */
    DTLS_AFTER_HANDSHAKE("dtls_after_handshake"),
    /** DTLS while the handshake's queue was full (the handshake fell behind or never started). */
    DTLS_QUEUE_FULL("dtls_queue_full"),
    /** Anything that arrived while the transport was failed or closed. */
    AFTER_CLOSE("after_close"),
    /** The listener threw while taking a datagram (a bug there; the port's reader carries on). */
    LISTENER_ERROR("listener_error"),
    /** {@link EndpointTransport#send} before CONNECTED or after a failure. */
    SEND_NOT_CONNECTED("send_not_connected"),
    /** {@link EndpointTransport#send} with a bad range, an oversized datagram or a socket error. */
    SEND_FAILED("send_failed");

    private final String key;

    DropReason(String key) {
        this.key = key;
    }

    /** A stable lower-case name, as {@code /colibri/stats} shows it. */
    public String key() {
        return key;
    }
}
