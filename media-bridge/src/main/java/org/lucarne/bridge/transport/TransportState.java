package org.lucarne.bridge.transport;

/** Where an {@link EndpointTransport} stands. */
public enum TransportState {
    /** Local ICE and DTLS parameters exist; the peer's are not known yet. */
    NEW,
    /** The peer's parameters are set; ICE checks run. */
    CHECKING,
    /** ICE connected; the DTLS handshake runs. */
    HANDSHAKING,
    /** SRTP keys are ready; media flows. */
    CONNECTED,
    /** ICE or DTLS failed; nothing more will happen. */
    FAILED,
    /** Closed by the owner. */
    CLOSED
}
