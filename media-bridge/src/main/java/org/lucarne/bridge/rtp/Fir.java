package org.lucarne.bridge.rtp;

import static org.lucarne.bridge.rtp.MalformedPacketException.Reason.BAD_FCI;

/**
 * Full intra request: PSFB, FMT 4 (RFC 5104 §4.3.1). Each 8-byte FCI entry names a target
 * SSRC and a command sequence number; the media source SSRC field is unused (0).
 */
public final class Fir extends FeedbackPacket {

    static final int ENTRY = 8;

    private Fir(RtcpPacket packet) {
        super(packet);
    }

    public static Fir of(RtcpPacket p) throws MalformedPacketException {
        check(p, RtcpPacket.PSFB, RtcpPacket.FMT_FIR, "FIR");
        int fci = fciLength(p);
        if (fci == 0 || fci % ENTRY != 0) {
            throw new MalformedPacketException(BAD_FCI, "FIR with " + fci + " FCI bytes");
        }
        return new Fir(p);
    }

    public int entryCount() {
        return fciLength() / ENTRY;
    }

    public long ssrc(int entry) {
        return Bytes.u32(packet.buffer(), entryOffset(entry));
    }

    public int sequenceNumber(int entry) {
        return Bytes.u8(packet.buffer(), entryOffset(entry) + 4);
    }

    private int entryOffset(int entry) {
        if (entry < 0 || entry >= entryCount()) {
            throw new IndexOutOfBoundsException("FIR entry " + entry + " of " + entryCount());
        }
        return fciOffset() + ENTRY * entry;
    }
}
