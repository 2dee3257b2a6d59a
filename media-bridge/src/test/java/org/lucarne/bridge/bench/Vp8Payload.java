package org.lucarne.bridge.bench;

/**
 * The start of a synthetic VP8 RTP payload: the payload descriptor (RFC 7741 §4.2) and, on a
 * frame's first packet, the VP8 frame header (RFC 6386 §9.1). Two forms:
 * <ul>
 *   <li>one byte, S bit and partition 0 only: what the one-layer runs always sent;</li>
 *   <li>with a picture id (15 bits), TL0PICIDX and TID, as Chromium sends each simulcast layer, so
 *       that an SFU that switches layers has the fields it rewrites.</li>
 * </ul>
 */
final class Vp8Payload {
    /** The descriptor's length with a 15-bit picture id, TL0PICIDX and the TID byte. */
    static final int EXTENDED_DESCRIPTOR = 6;

    private Vp8Payload() {
    }

    /**
     * Writes the descriptor at {@code at} and, on the frame's first packet, the frame header after it:
     * its tag and, for a keyframe, the start code and the picture's size.
     *
     * @param pictureId  the frame's picture id (15 bits), written only in the extended form
     * @param tl0PicIdx  the frame's TL0PICIDX (8 bits), written only in the extended form
     */
    static void write(byte[] p, int at, boolean extended, boolean first, boolean keyframe, int pictureId,
                      int tl0PicIdx, int width, int height) {
        int s = first ? 0x10 : 0x00;
        int header = at + 1;
        if (extended) {
            p[at] = (byte) (0x80 | s); // X, S, PID 0
            p[at + 1] = (byte) 0xE0; // I, L, T; no K
            p[at + 2] = (byte) (0x80 | (pictureId >>> 8) & 0x7F); // M: 15-bit picture id
            p[at + 3] = (byte) pictureId;
            p[at + 4] = (byte) tl0PicIdx;
            p[at + 5] = 0; // TID 0 (every frame is a base-layer frame), Y 0, KEYIDX 0
            header = at + EXTENDED_DESCRIPTOR;
        } else {
            p[at] = (byte) s;
        }
        if (!first) {
            return;
        }
        // Frame tag: bit 0 = 0 for a keyframe, version 0, show_frame 1, first partition size 100.
        int tag = (keyframe ? 0 : 1) | (1 << 4) | (100 << 5);
        p[header] = (byte) tag;
        p[header + 1] = (byte) (tag >>> 8);
        p[header + 2] = (byte) (tag >>> 16);
        if (keyframe) {
            p[header + 3] = (byte) 0x9D;
            p[header + 4] = (byte) 0x01;
            p[header + 5] = (byte) 0x2A;
            p[header + 6] = (byte) width;
            p[header + 7] = (byte) (width >>> 8);
            p[header + 8] = (byte) height;
            p[header + 9] = (byte) (height >>> 8);
        }
    }
}
