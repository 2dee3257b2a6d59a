package org.lucarne.bridge.colibri;

/**
 * An endpoint's {@code transport}: Colibri2's wrapper around the ICE-UDP transport.
 *
 * @param iceControlling the bridge takes the ICE controlling role (written only when true)
 * @param useUniquePort  the bridge should give this endpoint a port of its own (written only when true)
 * @param iceUdp         the ICE-UDP transport ({@code transport.transport}); may be absent in a request
 */
public record Transport(boolean iceControlling, boolean useUniquePort, IceUdpTransport iceUdp) {
}
