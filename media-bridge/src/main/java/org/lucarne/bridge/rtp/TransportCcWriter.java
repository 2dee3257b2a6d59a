package org.lucarne.bridge.rtp;

import static org.lucarne.bridge.rtp.TransportCc.LARGE_DELTA;
import static org.lucarne.bridge.rtp.TransportCc.NOT_RECEIVED;
import static org.lucarne.bridge.rtp.TransportCc.NOT_RECEIVED_SYMBOL;
import static org.lucarne.bridge.rtp.TransportCc.SMALL_DELTA;

/**
 * Writes transport-cc feedback (draft-holmer-rmcat-transport-wide-cc-extensions-01 §3.1). Status
 * chunks are chosen greedily: a run of 14 or more equal statuses is one run length chunk, else a
 * status vector chunk of fourteen 1-bit symbols when they need no large delta, else of seven
 * 2-bit symbols (or a run, when one of seven or more starts there).
 */
public final class TransportCcWriter {
    private static final int MAX_RUN = 0x1FFF;

    private TransportCcWriter() {
    }

    /**
     * The worst case size of a feedback for {@code statuses} statuses of which the deltas take
     * {@code deltaBytes}: one 2-bit vector chunk per seven, and padding.
     */
    public static int maxSize(int statuses, int deltaBytes) {
        return TransportCc.FIXED + 2 * ((statuses + 6) / 7) + deltaBytes + 3;
    }

    /** Bytes a receive delta of {@code ticks} takes: 1 for 0–255, else 2 (§3.1.5). */
    public static int deltaSize(int ticks) {
        return ticks >= 0 && ticks <= 255 ? 1 : 2;
    }

    /** True when {@code ticks} fits a receive delta at all (a signed 16-bit number). */
    public static boolean fits(int ticks) {
        return ticks >= Short.MIN_VALUE && ticks <= Short.MAX_VALUE;
    }

    /**
     * One feedback packet.
     *
     * @param baseSequence  the transport-wide sequence number of {@code deltas[from]}
     * @param referenceTime in 64 ms units; only its low 24 bits are written
     * @param deltas        per status, the receive delta in 250 µs units from the previous received
     *                      packet (the first from the reference time), or {@link TransportCc#NOT_RECEIVED}
     */
    public static byte[] write(long senderSsrc, long mediaSsrc, int baseSequence, int referenceTime,
            int feedbackCount, int[] deltas, int from, int count) {
        if (count < 1 || count > 0xFFFF || from < 0 || from + count > deltas.length) {
            throw new IllegalArgumentException(count + " statuses from " + from + " of " + deltas.length);
        }
        int[] symbols = new int[count];
        int deltaBytes = 0;
        for (int i = 0; i < count; i++) {
            int d = deltas[from + i];
            if (d == NOT_RECEIVED) {
                symbols[i] = NOT_RECEIVED_SYMBOL;
            } else if (!fits(d)) {
                throw new IllegalArgumentException("receive delta " + d + " of status " + i + " does not fit 16 bits");
            } else {
                symbols[i] = deltaSize(d) == 1 ? SMALL_DELTA : LARGE_DELTA;
                deltaBytes += deltaSize(d);
            }
        }
        byte[] out = new byte[maxSize(count, deltaBytes)];
        Bytes.put32(out, 4, senderSsrc);
        Bytes.put32(out, 8, mediaSsrc);
        Bytes.put16(out, 12, baseSequence & 0xFFFF);
        Bytes.put16(out, 14, count);
        Bytes.put24(out, 16, referenceTime & 0xFFFFFF);
        out[19] = (byte) feedbackCount;
        int at = TransportCc.FIXED;
        for (int i = 0; i < count; ) {
            int run = run(symbols, i);
            int chunk;
            int covered;
            if (run >= 14 || (run >= 7 && !allOneBit(symbols, i, 14))) {
                covered = Math.min(run, MAX_RUN);
                chunk = (symbols[i] << 13) | covered; // §3.1.3
            } else if (allOneBit(symbols, i, 14)) {
                covered = Math.min(14, count - i);
                chunk = 0x8000; // §3.1.4, S=0
                for (int k = 0; k < covered; k++) {
                    chunk |= symbols[i + k] << (13 - k);
                }
            } else {
                covered = Math.min(7, count - i);
                chunk = 0xC000; // §3.1.4, S=1
                for (int k = 0; k < covered; k++) {
                    chunk |= symbols[i + k] << (12 - 2 * k);
                }
            }
            Bytes.put16(out, at, chunk);
            at += 2;
            i += covered;
        }
        for (int i = 0; i < count; i++) {
            if (symbols[i] == SMALL_DELTA) {
                out[at++] = (byte) deltas[from + i];
            } else if (symbols[i] == LARGE_DELTA) {
                Bytes.put16(out, at, deltas[from + i] & 0xFFFF);
                at += 2;
            }
        }
        return finish(out, at);
    }

    private static int run(int[] symbols, int i) {
        int n = 1;
        while (i + n < symbols.length && symbols[i + n] == symbols[i]) {
            n++;
        }
        return n;
    }

    private static boolean allOneBit(int[] symbols, int i, int n) {
        for (int k = i; k < Math.min(symbols.length, i + n); k++) {
            if (symbols[k] == LARGE_DELTA) {
                return false;
            }
        }
        return true;
    }

    /** Cuts to {@code used} bytes plus RFC 3550 §6.4.1 padding to a 32-bit boundary, and writes the header. */
    private static byte[] finish(byte[] out, int used) {
        int padding = (4 - used % 4) % 4;
        byte[] b = java.util.Arrays.copyOf(out, used + padding);
        if (padding > 0) {
            b[b.length - 1] = (byte) padding;
        }
        b[0] = (byte) (0x80 | (padding > 0 ? 0x20 : 0) | RtcpPacket.FMT_TRANSPORT_CC);
        b[1] = (byte) RtcpPacket.RTPFB;
        Bytes.put16(b, 2, b.length / 4 - 1);
        return b;
    }
}
