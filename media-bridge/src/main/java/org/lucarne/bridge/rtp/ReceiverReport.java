package org.lucarne.bridge.rtp;

import static org.lucarne.bridge.rtp.MalformedPacketException.Reason.BAD_REPORT_COUNT;
import static org.lucarne.bridge.rtp.MalformedPacketException.Reason.TOO_SHORT;

/** Receiver report, PT 201 (RFC 3550 §6.4.2). */
public final class ReceiverReport {

    private static final int BLOCKS = 8;

    private final RtcpPacket packet;

    private ReceiverReport(RtcpPacket packet) {
        this.packet = packet;
    }

    public static ReceiverReport of(RtcpPacket p) throws MalformedPacketException {
        p.requireType(RtcpPacket.RR, "RR");
        if (p.contentLength() < BLOCKS) {
            throw new MalformedPacketException(TOO_SHORT, "RR of " + p.contentLength() + " bytes");
        }
        if (p.contentLength() < BLOCKS + ReportBlock.SIZE * p.count()) {
            throw new MalformedPacketException(BAD_REPORT_COUNT,
                    p.count() + " report blocks do not fit in " + p.contentLength() + " bytes");
        }
        return new ReceiverReport(p);
    }

    public long senderSsrc() {
        return Bytes.u32(packet.buffer(), packet.offset() + 4);
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
