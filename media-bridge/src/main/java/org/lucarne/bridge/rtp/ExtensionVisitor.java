package org.lucarne.bridge.rtp;

/** Receives the elements of an RTP header extension (RFC 8285), one call per element. */
@FunctionalInterface
public interface ExtensionVisitor {
    void element(int id, byte[] buf, int dataOffset, int dataLength);
}
