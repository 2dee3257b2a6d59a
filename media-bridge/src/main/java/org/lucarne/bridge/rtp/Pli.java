package org.lucarne.bridge.rtp;

import static org.lucarne.bridge.rtp.MalformedPacketException.Reason.BAD_FCI;

/** Picture loss indication: PSFB, FMT 1, no FCI (RFC 4585 §6.3.1). */
public final class Pli extends FeedbackPacket {

    private Pli(RtcpPacket packet) {
        super(packet);
    }

    public static Pli of(RtcpPacket p) throws MalformedPacketException {
        check(p, RtcpPacket.PSFB, RtcpPacket.FMT_PLI, "PLI");
        if (fciLength(p) != 0) {
            // RFC 4585 §6.3.1: "the length field MUST be 2".
            throw new MalformedPacketException(BAD_FCI, "PLI with " + fciLength(p) + " FCI bytes");
        }
        return new Pli(p);
    }
}
