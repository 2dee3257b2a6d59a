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

    /**
     * A VP8 packet (RFC 7741 §4.2): descriptor with a 15-bit picture id, TL0PICIDX and TID, then a
     * payload header that starts a {@code keyframe} of {@code height} rows (RFC 6386 §9.1) or an
     * interframe; {@code start} marks the first packet of a frame.
     */
    static byte[] vp8(int sequence, long timestamp, long ssrc, int pictureId, int tl0, boolean start, boolean keyframe,
                      int height) {
        ByteBuffer b = ByteBuffer.allocate(12 + 6 + 10 + 20)
                .put((byte) 0x80).put((byte) 100).putShort((short) sequence).putInt((int) timestamp).putInt((int) ssrc)
                .put((byte) (start ? 0x90 : 0x80)).put((byte) 0xE0)
                .putShort((short) (0x8000 | pictureId)).put((byte) tl0).put((byte) 0x20);
        if (keyframe) {
            b.put((byte) 0x10).put((byte) 0).put((byte) 0).put((byte) 0x9d).put((byte) 0x01).put((byte) 0x2a)
                    .put((byte) (height * 4 / 3)).put((byte) ((height * 4 / 3) >> 8)).put((byte) height).put((byte) (height >> 8));
        } else {
            b.put((byte) 0x01).put(new byte[9]);
        }
        return b.array();
    }

    /** RFC 4588 §4: the RTX of a packet, its OSN first, then the original payload. */
    static byte[] rtx(int sequence, long ssrc, byte[] original) {
        ByteBuffer b = ByteBuffer.allocate(original.length + 2).put(original, 0, 12);
        b.putShort(2, (short) sequence).putInt(8, (int) ssrc).put(1, (byte) 96);
        b.position(12);
        b.put(original, 2, 2).put(original, 12, original.length - 12);
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

    /**
     * The packet's abs-send-time element {@code id} holds the bridge's send time, taken between
     * {@code beforeNanos} and {@code afterNanos} (24-bit 6.18 seconds, wrapping every 64 s).
     */
    static void assertStampedBetween(org.lucarne.bridge.rtp.RtpPacket got, int id, long beforeNanos, long afterNanos) {
        int at = got.extensionOffset(id);
        org.junit.jupiter.api.Assertions.assertEquals(3, got.extensionLength(id), "abs-send-time is three bytes");
        int value = org.lucarne.bridge.rtp.Bytes.u24(got.buffer(), at);
        int from = org.lucarne.bridge.rtp.AbsSendTime.encode(beforeNanos);
        int span = (org.lucarne.bridge.rtp.AbsSendTime.encode(afterNanos) - from) & 0xFFFFFF;
        org.junit.jupiter.api.Assertions.assertTrue(((value - from) & 0xFFFFFF) <= span,
                "abs-send-time " + value + " is the bridge's send time, from " + from + " within " + span);
    }
}
