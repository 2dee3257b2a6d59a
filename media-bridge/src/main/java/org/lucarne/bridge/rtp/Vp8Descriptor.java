package org.lucarne.bridge.rtp;

/**
 * The VP8 payload descriptor at the start of an RTP payload (RFC 7741 §4.2), read and rewritten in
 * place: static methods over {@code (buffer, payload offset, payload length)}, no allocation. A
 * payload too short for what its flags announce reads as "absent" (-1 or false), never throws.
 *
 * <pre>
 *  X|R|N|S|R|PID   then, when X: I|L|T|K|RSV   then, when I: M|PictureID (7 or 15 bits)
 *  then, when L: TL0PICIDX   then, when T or K: TID|Y|KEYIDX
 * </pre>
 */
public final class Vp8Descriptor {
    private static final int X = 0x80;
    private static final int S = 0x10;
    private static final int I = 0x80;
    private static final int L = 0x40;
    private static final int T = 0x20;
    private static final int K = 0x10;
    private static final int M = 0x80;

    private Vp8Descriptor() {
    }

    /** Offset of the picture id's first byte, or -1 when the descriptor has none. */
    public static int pictureIdOffset(byte[] b, int off, int len) {
        if (len < 3 || (b[off] & X) == 0 || (b[off + 1] & I) == 0) {
            return -1;
        }
        int size = (b[off + 2] & M) != 0 ? 2 : 1;
        return len >= 2 + size ? off + 2 : -1;
    }

    /** The picture id (7 or 15 bits), or -1 when absent. */
    public static int pictureId(byte[] b, int off, int len) {
        int at = pictureIdOffset(b, off, len);
        if (at < 0) {
            return -1;
        }
        return (b[at] & M) != 0 ? Bytes.u16(b, at) & 0x7FFF : b[at] & 0x7F;
    }

    /** True when the picture id has the 15-bit form (M set). */
    public static boolean longPictureId(byte[] b, int off, int len) {
        int at = pictureIdOffset(b, off, len);
        return at >= 0 && (b[at] & M) != 0;
    }

    /** Writes {@code id} in the picture id's present form (15 or 7 bits); nothing when absent. */
    public static void setPictureId(byte[] b, int off, int len, int id) {
        int at = pictureIdOffset(b, off, len);
        if (at < 0) {
            return;
        }
        if ((b[at] & M) != 0) {
            Bytes.put16(b, at, 0x8000 | (id & 0x7FFF));
        } else {
            b[at] = (byte) (id & 0x7F);
        }
    }

    /** Offset of TL0PICIDX, or -1 when absent. */
    public static int tl0PicIdxOffset(byte[] b, int off, int len) {
        if (len < 2 || (b[off] & X) == 0 || (b[off + 1] & L) == 0) {
            return -1;
        }
        int at = off + 2;
        if ((b[off + 1] & I) != 0) {
            if (len < 3) {
                return -1;
            }
            at += (b[off + 2] & M) != 0 ? 2 : 1;
        }
        return at < off + len ? at : -1;
    }

    /** TL0PICIDX (8 bits), or -1 when absent. */
    public static int tl0PicIdx(byte[] b, int off, int len) {
        int at = tl0PicIdxOffset(b, off, len);
        return at < 0 ? -1 : b[at] & 0xFF;
    }

    public static void setTl0PicIdx(byte[] b, int off, int len, int value) {
        int at = tl0PicIdxOffset(b, off, len);
        if (at >= 0) {
            b[at] = (byte) value;
        }
    }

    /** The descriptor's length: where the VP8 payload header starts, or -1 when truncated. */
    public static int length(byte[] b, int off, int len) {
        if (len < 1) {
            return -1;
        }
        int n = 1;
        if ((b[off] & X) != 0) {
            if (len < 2) {
                return -1;
            }
            int flags = b[off + 1] & 0xFF;
            n = 2;
            if ((flags & I) != 0) {
                if (len < 3) {
                    return -1;
                }
                n += (b[off + 2] & M) != 0 ? 2 : 1;
            }
            if ((flags & L) != 0) {
                n++;
            }
            if ((flags & (T | K)) != 0) {
                n++;
            }
        }
        return n < len ? n : -1;
    }

    /**
     * True when the payload starts a keyframe: the start of partition 0 (S set, PID 0, RFC 7741
     * §4.2) whose payload header has the P bit clear (RFC 7741 §4.3, RFC 6386 §9.1).
     */
    public static boolean isKeyframeStart(byte[] b, int off, int len) {
        int n = length(b, off, len);
        if (n < 0 || (b[off] & S) == 0 || (b[off] & 0x07) != 0) {
            return false;
        }
        return (b[off + n] & 0x01) == 0;
    }

    /**
     * The height in pixels of the keyframe this payload starts (RFC 6386 §9.1: after the 3-byte
     * frame tag, the start code 9d 01 2a, then 14-bit width and 14-bit height, little-endian), or
     * -1 when it does not start a keyframe or is too short.
     */
    public static int keyframeHeight(byte[] b, int off, int len) {
        if (!isKeyframeStart(b, off, len)) {
            return -1;
        }
        int h = off + length(b, off, len);
        if (h + 10 > off + len || (b[h + 3] & 0xFF) != 0x9d || (b[h + 4] & 0xFF) != 0x01 || (b[h + 5] & 0xFF) != 0x2a) {
            return -1;
        }
        return ((b[h + 8] & 0xFF) | (b[h + 9] & 0xFF) << 8) & 0x3FFF;
    }
}
