package org.lucarne.bridge.rtp;

import java.util.Arrays;

/** Builds the RTCP packets the bridge sends. Each method returns one packet's exact bytes. */
public final class RtcpWriter {

    private RtcpWriter() {
    }

    /** PLI for {@code mediaSsrc} (RFC 4585 §6.3.1). */
    public static byte[] pli(long senderSsrc, long mediaSsrc) {
        return feedback(RtcpPacket.PSFB, RtcpPacket.FMT_PLI, senderSsrc, mediaSsrc, 0);
    }

    /** FIR to {@code targetSsrc}; media source SSRC is 0 (RFC 5104 §4.3.1.1). */
    public static byte[] fir(long senderSsrc, long targetSsrc, int sequenceNumber) {
        byte[] b = feedback(RtcpPacket.PSFB, RtcpPacket.FMT_FIR, senderSsrc, 0, Fir.ENTRY);
        Bytes.put32(b, FeedbackPacket.FCI, targetSsrc);
        b[FeedbackPacket.FCI + 4] = (byte) sequenceNumber;
        return b;
    }

    /**
     * NACK for the given sequence numbers (RFC 4585 §6.2.1), in any order, duplicates
     * allowed; they are ordered across wrap-around relative to the first one, so they must
     * span less than half the sequence space.
     */
    public static byte[] nack(long senderSsrc, long mediaSsrc, int... lost) {
        if (lost.length == 0) {
            throw new IllegalArgumentException("a NACK needs at least one sequence number");
        }
        long[] keyed = new long[lost.length];
        for (int i = 0; i < lost.length; i++) {
            int seq = lost[i] & 0xFFFF;
            keyed[i] = ((long) (SequenceNumbers.delta(seq, lost[0]) + 0x8000) << 16) | seq;
        }
        Arrays.sort(keyed);
        int[] fci = new int[lost.length];
        int entries = 0;
        int pid = -1;
        for (long k : keyed) {
            int seq = (int) (k & 0xFFFF);
            int d = pid < 0 ? -1 : SequenceNumbers.delta(seq, pid);
            if (d == 0) {
                continue;
            }
            if (d >= 1 && d <= 16) {
                fci[entries - 1] |= 1 << (d - 1);
            } else {
                pid = seq;
                fci[entries++] = seq << 16;
            }
        }
        byte[] b = feedback(RtcpPacket.RTPFB, RtcpPacket.FMT_NACK, senderSsrc, mediaSsrc,
                Nack.ENTRY * entries);
        for (int i = 0; i < entries; i++) {
            Bytes.put32(b, FeedbackPacket.FCI + Nack.ENTRY * i, fci[i] & 0xFFFFFFFFL);
        }
        return b;
    }

    /** REMB (draft-alvestrand-rmcat-remb-03 §2.2); the bitrate is rounded down to fit. */
    public static byte[] remb(long senderSsrc, long bitrate, long... ssrcs) {
        if (ssrcs.length > 255) {
            throw new IllegalArgumentException(ssrcs.length + " SSRCs, REMB carries at most 255");
        }
        byte[] b = feedback(RtcpPacket.PSFB, RtcpPacket.FMT_AFB, senderSsrc, 0,
                8 + 4 * ssrcs.length);
        int fci = FeedbackPacket.FCI;
        b[fci] = 'R';
        b[fci + 1] = 'E';
        b[fci + 2] = 'M';
        b[fci + 3] = 'B';
        b[fci + 4] = (byte) ssrcs.length;
        Bytes.put24(b, fci + 5, Remb.encode(bitrate));
        for (int i = 0; i < ssrcs.length; i++) {
            Bytes.put32(b, fci + 8 + 4 * i, ssrcs[i]);
        }
        return b;
    }

    /** Receiver report with up to 31 report blocks (RFC 3550 §6.4.2). */
    public static byte[] receiverReport(long senderSsrc, ReportBlock... blocks) {
        if (blocks.length > 31) {
            throw new IllegalArgumentException(blocks.length + " report blocks, RR carries 31");
        }
        byte[] b = new byte[8 + ReportBlock.SIZE * blocks.length];
        header(b, blocks.length, RtcpPacket.RR);
        Bytes.put32(b, 4, senderSsrc);
        for (int i = 0; i < blocks.length; i++) {
            blocks[i].write(b, 8 + ReportBlock.SIZE * i);
        }
        return b;
    }

    /** Packets back to back as one compound datagram (RFC 3550 §6.1). */
    public static byte[] compound(byte[]... packets) {
        int total = 0;
        for (byte[] p : packets) {
            total += p.length;
        }
        byte[] out = new byte[total];
        int at = 0;
        for (byte[] p : packets) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }

    private static byte[] feedback(int type, int format, long senderSsrc, long mediaSsrc,
            int fciLength) {
        byte[] b = new byte[FeedbackPacket.FCI + fciLength];
        header(b, format, type);
        Bytes.put32(b, 4, senderSsrc);
        Bytes.put32(b, 8, mediaSsrc);
        return b;
    }

    /** RFC 3550 §6.4.1 common header: V=2, P=0, count or FMT, type, length in words - 1. */
    private static void header(byte[] b, int count, int type) {
        b[0] = (byte) (0x80 | count);
        b[1] = (byte) type;
        Bytes.put16(b, 2, b.length / 4 - 1);
    }
}
