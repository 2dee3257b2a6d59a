package org.lucarne.bridge.rtp;

import static org.lucarne.bridge.rtp.MalformedPacketException.Reason.BAD_TRANSPORT_CC;

/**
 * Transport-wide congestion control feedback: RTPFB, FMT 15
 * (draft-holmer-rmcat-transport-wide-cc-extensions-01 §3.1). After the two SSRCs: base sequence
 * number, packet status count, a 24-bit reference time in 64 ms units, a feedback packet count,
 * then status chunks and one receive delta (250 µs units) per received packet. Decoded whole by
 * {@link #of}, so that every accessor is a plain array read.
 */
public final class TransportCc extends FeedbackPacket {
    /** The RTP header extension that carries the transport-wide sequence number (§2). */
    public static final String EXTENSION_URI =
            "http://www.ietf.org/id/draft-holmer-rmcat-transport-wide-cc-extensions-01";
    /** What {@link #delta} gives for a packet reported as not received. */
    public static final int NOT_RECEIVED = Integer.MIN_VALUE;
    /** Bytes before the first chunk: the feedback header and the four fixed fields. */
    public static final int FIXED = FCI + 8;
    /** Reference time unit in microseconds (§3.1). */
    public static final long REFERENCE_UNIT_MICROS = 64_000;
    /** Receive delta unit in microseconds (§3.1.5). */
    public static final long DELTA_UNIT_MICROS = 250;

    static final int NOT_RECEIVED_SYMBOL = 0;
    static final int SMALL_DELTA = 1;
    static final int LARGE_DELTA = 2;

    private final int[] deltas;

    private TransportCc(RtcpPacket packet, int[] deltas) {
        super(packet);
        this.deltas = deltas;
    }

    public static TransportCc of(RtcpPacket p) throws MalformedPacketException {
        check(p, RtcpPacket.RTPFB, RtcpPacket.FMT_TRANSPORT_CC, "transport-cc feedback");
        byte[] b = p.buffer();
        int end = p.offset() + p.contentLength();
        int at = p.offset() + FCI;
        if (end - at < 8) {
            throw new MalformedPacketException(BAD_TRANSPORT_CC, "no room for the base sequence and reference time");
        }
        int count = Bytes.u16(b, at + 2);
        int[] symbols = new int[count];
        at += 8;
        int filled = 0;
        while (filled < count) {
            if (end - at < 2) {
                throw new MalformedPacketException(BAD_TRANSPORT_CC,
                        "chunks end after " + filled + " of " + count + " packet statuses");
            }
            filled = chunk(Bytes.u16(b, at), symbols, filled);
            at += 2;
        }
        int[] deltas = new int[count];
        for (int i = 0; i < count; i++) {
            int size = symbols[i] == SMALL_DELTA ? 1 : symbols[i] == LARGE_DELTA ? 2 : 0;
            if (end - at < size) {
                throw new MalformedPacketException(BAD_TRANSPORT_CC, "receive delta of packet " + i + " cut off");
            }
            deltas[i] = size == 0 ? NOT_RECEIVED : size == 1 ? b[at] & 0xFF : (short) Bytes.u16(b, at);
            at += size;
        }
        return new TransportCc(p, deltas);
    }

    /** Decodes one status chunk into {@code symbols} from {@code filled}; returns the new fill. */
    private static int chunk(int chunk, int[] symbols, int filled) throws MalformedPacketException {
        int room = symbols.length - filled;
        if ((chunk & 0x8000) == 0) {
            // §3.1.3 run length chunk: T=0, a 2-bit symbol, a 13-bit run length.
            int symbol = symbol((chunk >>> 13) & 3);
            int run = Math.min(chunk & 0x1FFF, room);
            java.util.Arrays.fill(symbols, filled, filled + run, symbol);
            return filled + run;
        }
        // §3.1.4 status vector chunk: T=1, S=0 fourteen 1-bit symbols, S=1 seven 2-bit symbols.
        boolean twoBit = (chunk & 0x4000) != 0;
        int n = Math.min(twoBit ? 7 : 14, room);
        for (int i = 0; i < n; i++) {
            symbols[filled + i] = twoBit ? symbol((chunk >>> (12 - 2 * i)) & 3) : (chunk >>> (13 - i)) & 1;
        }
        return filled + n;
    }

    private static int symbol(int bits) throws MalformedPacketException {
        if (bits == 3) {
            throw new MalformedPacketException(BAD_TRANSPORT_CC, "reserved packet status symbol 11");
        }
        return bits;
    }

    public int baseSequenceNumber() {
        return Bytes.u16(packet.buffer(), fciOffset());
    }

    public int packetStatusCount() {
        return deltas.length;
    }

    /** Signed, in units of {@value #REFERENCE_UNIT_MICROS} µs. */
    public int referenceTime() {
        return Bytes.u24(packet.buffer(), fciOffset() + 4) << 8 >> 8;
    }

    public int feedbackPacketCount() {
        return Bytes.u8(packet.buffer(), fciOffset() + 7);
    }

    /** The transport-wide sequence number of status {@code i}. */
    public int sequenceNumber(int i) {
        checkIndex(i);
        return SequenceNumbers.add(baseSequenceNumber(), i);
    }

    public boolean received(int i) {
        checkIndex(i);
        return deltas[i] != NOT_RECEIVED;
    }

    /**
     * Receive delta of status {@code i} in {@value #DELTA_UNIT_MICROS} µs units, from the
     * previous received packet (the first from the reference time), or {@link #NOT_RECEIVED}.
     */
    public int delta(int i) {
        checkIndex(i);
        return deltas[i];
    }

    private void checkIndex(int i) {
        if (i < 0 || i >= deltas.length) {
            throw new IndexOutOfBoundsException("packet status " + i + " of " + deltas.length);
        }
    }
}
