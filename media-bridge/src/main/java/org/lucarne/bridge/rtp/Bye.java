package org.lucarne.bridge.rtp;

import static org.lucarne.bridge.rtp.MalformedPacketException.Reason.BAD_BYE;
import static org.lucarne.bridge.rtp.MalformedPacketException.Reason.BAD_REPORT_COUNT;

import java.nio.charset.StandardCharsets;

/** Goodbye, PT 203 (RFC 3550 §6.6): a list of SSRCs and an optional reason. */
public final class Bye {

    private final RtcpPacket packet;

    private Bye(RtcpPacket packet) {
        this.packet = packet;
    }

    public static Bye of(RtcpPacket p) throws MalformedPacketException {
        p.requireType(RtcpPacket.BYE, "BYE");
        int rest = p.contentLength() - RtcpPacket.HEADER - 4 * p.count();
        if (rest < 0) {
            throw new MalformedPacketException(BAD_REPORT_COUNT,
                    p.count() + " SSRCs do not fit in " + p.contentLength() + " bytes");
        }
        if (rest > 0) {
            int reasonLen = Bytes.u8(p.buffer(), p.offset() + p.contentLength() - rest);
            if (reasonLen > rest - 1) {
                throw new MalformedPacketException(BAD_BYE,
                        "reason of " + reasonLen + " bytes, " + (rest - 1) + " left");
            }
        }
        return new Bye(p);
    }

    public int ssrcCount() {
        return packet.count();
    }

    public long ssrc(int i) {
        if (i < 0 || i >= ssrcCount()) {
            throw new IndexOutOfBoundsException("SSRC " + i + " of " + ssrcCount());
        }
        return Bytes.u32(packet.buffer(), packet.offset() + RtcpPacket.HEADER + 4 * i);
    }

    /** The reason for leaving (UTF-8), or null when the packet has none. */
    public String reason() {
        int at = packet.offset() + RtcpPacket.HEADER + 4 * ssrcCount();
        if (at >= packet.offset() + packet.contentLength()) {
            return null;
        }
        return new String(packet.buffer(), at + 1, Bytes.u8(packet.buffer(), at),
                StandardCharsets.UTF_8);
    }
}
