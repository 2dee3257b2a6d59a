package org.lucarne.bridge.testing;

import java.nio.ByteBuffer;

/** Minimal, valid plain RTP and RTCP packets built by hand, for synthetic peers and their tests. */
public final class PlainPackets {
    private PlainPackets() {
    }

    /** RFC 3550 §5.1: V=2, no padding, no extension, no CSRC, marker 0, then the payload. */
    public static byte[] rtp(int payloadType, int sequence, long timestamp, long ssrc, byte[] payload) {
        return ByteBuffer.allocate(12 + payload.length)
                .put((byte) 0x80)
                .put((byte) (payloadType & 0x7F))
                .putShort((short) sequence)
                .putInt((int) timestamp)
                .putInt((int) ssrc)
                .put(payload)
                .array();
    }

    /** RFC 3550 §6.4.2: an empty receiver report (RC=0), 8 bytes, length field 1. */
    public static byte[] receiverReport(long ssrc) {
        return ByteBuffer.allocate(8)
                .put((byte) 0x80)
                .put((byte) 201)
                .putShort((short) 1)
                .putInt((int) ssrc)
                .array();
    }
}
