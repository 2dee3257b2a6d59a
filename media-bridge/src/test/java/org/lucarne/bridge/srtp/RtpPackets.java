package org.lucarne.bridge.srtp;

import java.nio.ByteBuffer;

/** Minimal, valid RTP and RTCP packets built by hand. */
final class RtpPackets {
    private RtpPackets() {
    }

    /** RFC 3550 §5.1: V=2, no padding, no extension, no CSRC, marker 0, then the payload. */
    static byte[] rtp(int payloadType, int sequence, long timestamp, int ssrc, byte[] payload) {
        return ByteBuffer.allocate(12 + payload.length)
                .put((byte) 0x80)
                .put((byte) (payloadType & 0x7F))
                .putShort((short) sequence)
                .putInt((int) timestamp)
                .putInt(ssrc)
                .put(payload)
                .array();
    }

    /** RFC 3550 §6.4.2: an empty receiver report (RC=0), 8 bytes, length field 1. */
    static byte[] receiverReport(int ssrc) {
        return ByteBuffer.allocate(8)
                .put((byte) 0x80)
                .put((byte) 201)
                .putShort((short) 1)
                .putInt(ssrc)
                .array();
    }

    /** RFC 3550 §6.4.1: a sender report with no report blocks, 28 bytes, length field 6. */
    static byte[] senderReport(int ssrc, long ntp, int rtpTimestamp, int packets, int octets) {
        return ByteBuffer.allocate(28)
                .put((byte) 0x80)
                .put((byte) 200)
                .putShort((short) 6)
                .putInt(ssrc)
                .putLong(ntp)
                .putInt(rtpTimestamp)
                .putInt(packets)
                .putInt(octets)
                .array();
    }
}
