package org.lucarne.bridge.rtp;

import static org.lucarne.bridge.rtp.MalformedPacketException.Reason.BAD_REMB;

/**
 * Receiver estimated maximum bitrate: PSFB, FMT 15, FCI starting "REMB"
 * (draft-alvestrand-rmcat-remb-03 §2.2): SSRC count, 6-bit exponent, 18-bit mantissa,
 * then the SSRCs the estimate applies to.
 */
public final class Remb extends FeedbackPacket {

    static final int MAX_MANTISSA = 0x3FFFF;

    private Remb(RtcpPacket packet) {
        super(packet);
    }

    public static Remb of(RtcpPacket p) throws MalformedPacketException {
        check(p, RtcpPacket.PSFB, RtcpPacket.FMT_AFB, "REMB");
        if (!p.isRemb() || fciLength(p) < 8) {
            throw new MalformedPacketException(BAD_REMB, "no REMB identifier and bitrate");
        }
        int count = Bytes.u8(p.buffer(), p.offset() + FCI + 4);
        if (fciLength(p) < 8 + 4 * count) {
            throw new MalformedPacketException(BAD_REMB,
                    count + " SSRCs do not fit in " + fciLength(p) + " FCI bytes");
        }
        return new Remb(p);
    }

    public int exponent() {
        return Bytes.u8(packet.buffer(), fciOffset() + 5) >>> 2;
    }

    public int mantissa() {
        return Bytes.u24(packet.buffer(), fciOffset() + 5) & MAX_MANTISSA;
    }

    /** Mantissa × 2^exponent bits per second, saturated at {@link Long#MAX_VALUE}. */
    public long bitrate() {
        return decode(exponent(), mantissa());
    }

    public int ssrcCount() {
        return Bytes.u8(packet.buffer(), fciOffset() + 4);
    }

    public long ssrc(int i) {
        if (i < 0 || i >= ssrcCount()) {
            throw new IndexOutOfBoundsException("REMB SSRC " + i + " of " + ssrcCount());
        }
        return Bytes.u32(packet.buffer(), fciOffset() + 8 + 4 * i);
    }

    static long decode(int exponent, int mantissa) {
        if (mantissa == 0) {
            return 0;
        }
        int bits = 64 - Long.numberOfLeadingZeros(mantissa);
        return exponent + bits > 63 ? Long.MAX_VALUE : (long) mantissa << exponent;
    }

    /** Exponent in bits 18–23, mantissa in bits 0–17; rounds down to what fits. */
    static int encode(long bitrate) {
        if (bitrate < 0) {
            throw new IllegalArgumentException("negative bitrate " + bitrate);
        }
        int exponent = 0;
        while (bitrate > MAX_MANTISSA) {
            bitrate >>>= 1;
            exponent++;
        }
        return (exponent << 18) | (int) bitrate;
    }
}
