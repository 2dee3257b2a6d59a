package org.lucarne.bridge.rtp;

import static org.lucarne.bridge.rtp.MalformedPacketException.Reason.BAD_FCI;

import java.util.function.IntConsumer;

/**
 * Generic NACK: RTPFB, FMT 1 (RFC 4585 §6.2.1). Each 4-byte FCI entry is a packet id (PID)
 * and a bitmask (BLP) whose bit i marks PID + i + 1 as lost too.
 */
public final class Nack extends FeedbackPacket {

    static final int ENTRY = 4;

    private Nack(RtcpPacket packet) {
        super(packet);
    }

    public static Nack of(RtcpPacket p) throws MalformedPacketException {
        check(p, RtcpPacket.RTPFB, RtcpPacket.FMT_NACK, "NACK");
        int fci = fciLength(p);
        if (fci == 0 || fci % ENTRY != 0) {
            throw new MalformedPacketException(BAD_FCI, "NACK with " + fci + " FCI bytes");
        }
        return new Nack(p);
    }

    public int entryCount() {
        return fciLength() / ENTRY;
    }

    public int pid(int entry) {
        return Bytes.u16(packet.buffer(), entryOffset(entry));
    }

    public int blp(int entry) {
        return Bytes.u16(packet.buffer(), entryOffset(entry) + 2);
    }

    /** Calls {@code lost} for each lost sequence number, entry by entry, in wire order. */
    public void forEachLost(IntConsumer lost) {
        for (int e = 0; e < entryCount(); e++) {
            int pid = pid(e);
            int blp = blp(e);
            lost.accept(pid);
            for (int bit = 0; bit < 16; bit++) {
                if ((blp & (1 << bit)) != 0) {
                    lost.accept(SequenceNumbers.add(pid, bit + 1));
                }
            }
        }
    }

    public int lostCount() {
        int n = 0;
        for (int e = 0; e < entryCount(); e++) {
            n += 1 + Integer.bitCount(blp(e));
        }
        return n;
    }

    public int[] lostSequenceNumbers() {
        int[] out = new int[lostCount()];
        int[] i = {0};
        forEachLost(seq -> out[i[0]++] = seq);
        return out;
    }

    private int entryOffset(int entry) {
        if (entry < 0 || entry >= entryCount()) {
            throw new IndexOutOfBoundsException("NACK entry " + entry + " of " + entryCount());
        }
        return fciOffset() + ENTRY * entry;
    }
}
