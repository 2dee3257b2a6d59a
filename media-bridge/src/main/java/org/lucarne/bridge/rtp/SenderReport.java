package org.lucarne.bridge.rtp;

/** Sender report, PT 200 (RFC 3550 §6.4.1). Profile-specific extensions after the blocks are ignored. */
public final class SenderReport {

    private static final int BLOCKS = 28;

    private final RtcpPacket packet;

    private SenderReport(RtcpPacket packet) {
        this.packet = packet;
    }

    public static SenderReport of(RtcpPacket p) throws MalformedPacketException {
        p.requireType(RtcpPacket.SR, "SR");
        ReportBlock.requireFit(p, BLOCKS, "SR");
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
        return ReportBlock.at(packet, BLOCKS, i);
    }
}
