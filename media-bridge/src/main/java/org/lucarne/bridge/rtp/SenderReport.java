package org.lucarne.bridge.rtp;

import static org.lucarne.bridge.rtp.MalformedPacketException.Reason.BAD_REPORT_COUNT;
import static org.lucarne.bridge.rtp.MalformedPacketException.Reason.TOO_SHORT;

/** Sender report, PT 200 (RFC 3550 §6.4.1). Profile-specific extensions after the blocks are ignored. */
public final class SenderReport {

    private static final int BLOCKS = 28;

    private final RtcpPacket packet;

    private SenderReport(RtcpPacket packet) {
        this.packet = packet;
    }

    public static SenderReport of(RtcpPacket p) throws MalformedPacketException {
        p.requireType(RtcpPacket.SR, "SR");
        if (p.contentLength() < BLOCKS) {
            throw new MalformedPacketException(TOO_SHORT, "SR of " + p.contentLength() + " bytes");
        }
        if (p.contentLength() < BLOCKS + ReportBlock.SIZE * p.count()) {
            throw new MalformedPacketException(BAD_REPORT_COUNT,
                    p.count() + " report blocks do not fit in " + p.contentLength() + " bytes");
        }
        return new SenderReport(p);
    }

    public long senderSsrc() {
        return Bytes.u32(packet.buffer(), packet.offset() + 4);
    }

    /** The 64-bit NTP timestamp, seconds in the high 32 bits, as raw bits. */
    public long ntpTimestamp() {
        return (Bytes.u32(packet.buffer(), packet.offset() + 8) << 32)
                | Bytes.u32(packet.buffer(), packet.offset() + 12);
    }

    public long rtpTimestamp() {
        return Bytes.u32(packet.buffer(), packet.offset() + 16);
    }

    public long packetCount() {
        return Bytes.u32(packet.buffer(), packet.offset() + 20);
    }

    public long octetCount() {
        return Bytes.u32(packet.buffer(), packet.offset() + 24);
    }

    public int reportCount() {
        return packet.count();
    }

    public ReportBlock reportBlock(int i) {
        if (i < 0 || i >= reportCount()) {
            throw new IndexOutOfBoundsException("report block " + i + " of " + reportCount());
        }
        return ReportBlock.read(packet.buffer(), packet.offset() + BLOCKS + ReportBlock.SIZE * i);
    }
}
