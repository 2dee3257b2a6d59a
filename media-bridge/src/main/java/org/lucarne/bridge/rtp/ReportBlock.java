package org.lucarne.bridge.rtp;

/**
 * One reception report block of an SR or RR (RFC 3550 §6.4.1), 24 bytes on the wire.
 *
 * @param cumulativeLost signed 24-bit count (negative with duplicates)
 * @param lastSr middle 32 bits of the NTP timestamp of the last SR received (LSR)
 * @param delaySinceLastSr in units of 1/65536 s (DLSR)
 */
public record ReportBlock(long ssrc, int fractionLost, int cumulativeLost,
        long extendedHighestSequence, long jitter, long lastSr, long delaySinceLastSr) {

    public static final int SIZE = 24;

    public ReportBlock {
        if (fractionLost < 0 || fractionLost > 255) {
            throw new IllegalArgumentException("fraction lost " + fractionLost + " outside 0..255");
        }
        if (cumulativeLost < -0x800000 || cumulativeLost > 0x7FFFFF) {
            throw new IllegalArgumentException("cumulative lost " + cumulativeLost
                    + " does not fit 24 signed bits");
        }
    }

    /**
     * Checks that an SR or RR whose fixed part is {@code blocksAt} bytes holds its report
     * blocks (RFC 3550 §6.4.1, §6.4.2).
     */
    static void requireFit(RtcpPacket p, int blocksAt, String name) throws MalformedPacketException {
        if (p.contentLength() < blocksAt) {
            throw new MalformedPacketException(MalformedPacketException.Reason.TOO_SHORT,
                    name + " of " + p.contentLength() + " bytes");
        }
        if (p.contentLength() < blocksAt + SIZE * p.count()) {
            throw new MalformedPacketException(MalformedPacketException.Reason.BAD_REPORT_COUNT,
                    p.count() + " report blocks do not fit in " + p.contentLength() + " bytes");
        }
    }

    /** Block {@code i} of an SR or RR that passed {@link #requireFit}. */
    static ReportBlock at(RtcpPacket p, int blocksAt, int i) {
        if (i < 0 || i >= p.count()) {
            throw new IndexOutOfBoundsException("report block " + i + " of " + p.count());
        }
        return read(p.buffer(), p.offset() + blocksAt + SIZE * i);
    }

    static ReportBlock read(byte[] b, int at) {
        int lost = Bytes.u24(b, at + 5);
        return new ReportBlock(Bytes.u32(b, at), Bytes.u8(b, at + 4), (lost << 8) >> 8,
                Bytes.u32(b, at + 8), Bytes.u32(b, at + 12), Bytes.u32(b, at + 16),
                Bytes.u32(b, at + 20));
    }

    void write(byte[] b, int at) {
        Bytes.put32(b, at, ssrc);
        b[at + 4] = (byte) fractionLost;
        Bytes.put24(b, at + 5, cumulativeLost & 0xFFFFFF);
        Bytes.put32(b, at + 8, extendedHighestSequence);
        Bytes.put32(b, at + 12, jitter);
        Bytes.put32(b, at + 16, lastSr);
        Bytes.put32(b, at + 20, delaySinceLastSr);
    }
}
