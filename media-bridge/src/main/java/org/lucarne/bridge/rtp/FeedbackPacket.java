package org.lucarne.bridge.rtp;

import static org.lucarne.bridge.rtp.MalformedPacketException.Reason.TOO_SHORT;

/**
 * The common part of RTCP feedback (RFC 4585 §6.1): sender SSRC, media source SSRC, then
 * the feedback control information (FCI) whose layout depends on type and format.
 */
public abstract sealed class FeedbackPacket permits Nack, Pli, Fir, Remb, TransportCc {

    static final int FCI = 12;

    final RtcpPacket packet;

    FeedbackPacket(RtcpPacket packet) {
        this.packet = packet;
    }

    static void check(RtcpPacket p, int type, int format, String what)
            throws MalformedPacketException {
        if (p.type() != type || p.format() != format) {
            throw new IllegalArgumentException("type " + p.type() + " format " + p.format()
                    + " is not " + what);
        }
        if (p.contentLength() < FCI) {
            throw new MalformedPacketException(TOO_SHORT,
                    what + " of " + p.contentLength() + " bytes, feedback needs 12");
        }
    }

    public long senderSsrc() {
        return Bytes.u32(packet.buffer(), packet.offset() + 4);
    }

    public long mediaSsrc() {
        return Bytes.u32(packet.buffer(), packet.offset() + 8);
    }

    /** Offset of the FCI in the buffer. */
    public int fciOffset() {
        return packet.offset() + FCI;
    }

    public int fciLength() {
        return packet.contentLength() - FCI;
    }

    static int fciLength(RtcpPacket p) {
        return p.contentLength() - FCI;
    }
}
