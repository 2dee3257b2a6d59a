package org.lucarne.bridge.forward;

/** Where the packet path hands an endpoint's protected datagrams: its transport's send. */
@FunctionalInterface
public interface PacketSender {
    /** Sends one protected datagram to the peer; drops it (never blocks, never throws) when closed. */
    void send(byte[] datagram, int offset, int length);
}
