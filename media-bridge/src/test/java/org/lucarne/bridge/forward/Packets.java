package org.lucarne.bridge.forward;

import java.nio.ByteBuffer;

/** Plaintext RTP packets built by hand (RFC 3550 §5.1, RFC 8285 §4.2). */
final class Packets {
    private Packets() {
    }

    static byte[] rtp(int payloadType, int sequence, long timestamp, long ssrc, int payloadLength) {
        ByteBuffer b = ByteBuffer.allocate(12 + payloadLength)
                .put((byte) 0x80)
                .put((byte) payloadType)
                .putShort((short) sequence)
                .putInt((int) timestamp)
                .putInt((int) ssrc);
        for (int i = 0; i < payloadLength; i++) {
            b.put((byte) (sequence + i));
        }
        return b.array();
    }

    /** RTP with one one-byte extension element {@code id} of 3 bytes (abs-send-time's size). */
    static byte[] rtpWithExtension(int payloadType, int sequence, long ssrc, int extensionId) {
        return ByteBuffer.allocate(12 + 4 + 4 + 4)
                .put((byte) 0x90)
                .put((byte) payloadType)
                .putShort((short) sequence)
                .putInt(1000)
                .putInt((int) ssrc)
                .putShort((short) 0xBEDE)
                .putShort((short) 1)
                .put((byte) ((extensionId << 4) | 2))
                .put((byte) 0x11).put((byte) 0x22).put((byte) 0x33)
                .putInt(0xCAFEBABE)
                .array();
    }

    /** RFC 3550 §6.4.1: a sender report with one report block, which the bridge strips. */
    static byte[] senderReportWithBlock(long ssrc, long ntp, long rtpTimestamp) {
        return ByteBuffer.allocate(52)
                .put((byte) 0x81)
                .put((byte) 200)
                .putShort((short) 12)
                .putInt((int) ssrc)
                .putLong(ntp)
                .putInt((int) rtpTimestamp)
                .putInt(100)
                .putInt(12_000)
                .putInt(0x0BAD_F00D).putInt(0).putInt(0).putInt(0).putInt(0).putInt(0)
                .array();
    }
}
