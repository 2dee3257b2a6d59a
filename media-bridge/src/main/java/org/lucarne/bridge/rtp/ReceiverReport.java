package org.lucarne.bridge.rtp;

/** Receiver report, PT 201 (RFC 3550 §6.4.2). */
public final class ReceiverReport {

    private static final int BLOCKS = 8;

    private final RtcpPacket packet;

    private ReceiverReport(RtcpPacket packet) {
        this.packet = packet;
    }

    public static ReceiverReport of(RtcpPacket p) throws MalformedPacketException {
        p.requireType(RtcpPacket.RR, "RR");
        ReportBlock.requireFit(p, BLOCKS, "RR");
        return new ReceiverReport(p);
    }

    public long senderSsrc() {
        return Bytes.u32(packet.buffer(), packet.offset() + 4);
    }

    public int reportCount() {
        return packet.count();
    }

    public ReportBlock reportBlock(int i) {
        return ReportBlock.at(packet, BLOCKS, i);
    }
}
