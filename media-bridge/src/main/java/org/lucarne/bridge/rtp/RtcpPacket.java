package org.lucarne.bridge.rtp;

import static org.lucarne.bridge.rtp.MalformedPacketException.Reason.BAD_PADDING;
import static org.lucarne.bridge.rtp.MalformedPacketException.Reason.BAD_RTCP_LENGTH;
import static org.lucarne.bridge.rtp.MalformedPacketException.Reason.BAD_VERSION;
import static org.lucarne.bridge.rtp.MalformedPacketException.Reason.TOO_SHORT;

/**
 * A view over one RTCP packet's common header (RFC 3550 §6.4.1) and the bytes its length
 * field covers. Typed views ({@link SenderReport}, {@link Nack}, …) are made from it.
 */
public final class RtcpPacket {

    public static final int SR = 200;
    public static final int RR = 201;
    public static final int SDES = 202;
    public static final int BYE = 203;
    public static final int APP = 204;
    /** Transport layer feedback (RFC 4585 §6.1). */
    public static final int RTPFB = 205;
    /** Payload-specific feedback (RFC 4585 §6.1). */
    public static final int PSFB = 206;

    /** RTPFB generic NACK (RFC 4585 §6.2.1). */
    public static final int FMT_NACK = 1;
    /** RTPFB transport-wide congestion control (draft-holmer-rmcat-transport-wide-cc §3.1). */
    public static final int FMT_TRANSPORT_CC = 15;
    /** PSFB picture loss indication (RFC 4585 §6.3.1). */
    public static final int FMT_PLI = 1;
    /** PSFB full intra request (RFC 5104 §4.3.1). */
    public static final int FMT_FIR = 4;
    /** PSFB application layer feedback, REMB's carrier (RFC 4585 §6.4). */
    public static final int FMT_AFB = 15;

    static final int HEADER = 4;

    private final byte[] buf;
    private final int off;
    private final int len;
    private final int paddingLength;

    private RtcpPacket(byte[] buf, int off, int len, int paddingLength) {
        this.buf = buf;
        this.off = off;
        this.len = len;
        this.paddingLength = paddingLength;
    }

    /**
     * Reads the packet that starts at {@code off}; {@code len} is the room available, of
     * which the packet's length field may claim less (the rest being the next packets).
     */
    public static RtcpPacket parse(byte[] buf, int off, int len) throws MalformedPacketException {
        Bytes.checkRange(buf, off, len);
        if (len < HEADER) {
            throw new MalformedPacketException(TOO_SHORT, len + " bytes, RTCP needs 4");
        }
        int b0 = buf[off] & 0xFF;
        if (b0 >>> 6 != 2) {
            throw new MalformedPacketException(BAD_VERSION, "version " + (b0 >>> 6));
        }
        // RFC 3550 §6.4.1: length in 32-bit words minus one, header and padding included.
        int size = 4 * (Bytes.u16(buf, off + 2) + 1);
        if (size > len) {
            throw new MalformedPacketException(BAD_RTCP_LENGTH,
                    "length field says " + size + " bytes, " + len + " available");
        }
        int padding = 0;
        if ((b0 & 0x20) != 0) {
            padding = buf[off + size - 1] & 0xFF;
            if (padding == 0 || padding > size - HEADER) {
                throw new MalformedPacketException(BAD_PADDING,
                        "padding of " + padding + " in a packet of " + size + " bytes");
            }
        }
        return new RtcpPacket(buf, off, size, padding);
    }

    public byte[] buffer() {
        return buf;
    }

    public int offset() {
        return off;
    }

    /** Total length in bytes, header and padding included: 4 × (length field + 1). */
    public int length() {
        return len;
    }

    /** Length without the trailing padding: where the packet's own fields must fit. */
    public int contentLength() {
        return len - paddingLength;
    }

    public int paddingLength() {
        return paddingLength;
    }

    public boolean hasPadding() {
        return (buf[off] & 0x20) != 0;
    }

    /** Packet type: {@link #SR}, {@link #RR}, … */
    public int type() {
        return buf[off + 1] & 0xFF;
    }

    /** The 5-bit field after the padding bit: report or source count, or feedback format. */
    public int count() {
        return buf[off] & 0x1F;
    }

    /** Same field as {@link #count()}, named as feedback packets use it (FMT). */
    public int format() {
        return count();
    }

    public boolean isNack() {
        return type() == RTPFB && format() == FMT_NACK;
    }

    /** Recognised only: transport-cc feedback is passed on, not parsed here. */
    public boolean isTransportCc() {
        return type() == RTPFB && format() == FMT_TRANSPORT_CC;
    }

    public boolean isPli() {
        return type() == PSFB && format() == FMT_PLI;
    }

    public boolean isFir() {
        return type() == PSFB && format() == FMT_FIR;
    }

    /** An application layer feedback packet carrying the "REMB" identifier. */
    public boolean isRemb() {
        return type() == PSFB && format() == FMT_AFB && contentLength() >= 16
                && buf[off + 12] == 'R' && buf[off + 13] == 'E'
                && buf[off + 14] == 'M' && buf[off + 15] == 'B';
    }

    void requireType(int expectedType, String what) {
        if (type() != expectedType) {
            throw new IllegalArgumentException("packet type " + type() + " is not " + what);
        }
    }
}
