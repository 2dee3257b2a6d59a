package org.lucarne.bridge.rtp;

import static org.lucarne.bridge.rtp.MalformedPacketException.Reason.BAD_PADDING;
import static org.lucarne.bridge.rtp.MalformedPacketException.Reason.TOO_SHORT;

import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * A compound RTCP packet (RFC 3550 §6.1): packets back to back whose length fields must add
 * up to exactly the datagram. The order rule of §6.1 (SR or RR first) is not enforced, since
 * reduced-size RTCP (RFC 5506 §3) lifts it.
 */
public final class RtcpCompound implements Iterable<RtcpPacket> {

    private final byte[] buf;
    private final int off;
    private final int len;
    private final int packetCount;

    private RtcpCompound(byte[] buf, int off, int len, int packetCount) {
        this.buf = buf;
        this.off = off;
        this.len = len;
        this.packetCount = packetCount;
    }

    /** Checks every packet's header and length; typed views check each packet's body. */
    public static RtcpCompound parse(byte[] buf, int off, int len)
            throws MalformedPacketException {
        Bytes.checkRange(buf, off, len);
        if (len == 0) {
            throw new MalformedPacketException(TOO_SHORT, "empty RTCP datagram");
        }
        int pos = off;
        int end = off + len;
        int count = 0;
        while (pos < end) {
            RtcpPacket p = RtcpPacket.parse(buf, pos, end - pos);
            pos += p.length();
            count++;
            // RFC 3550 §6.4.1: only the last packet of a compound may carry padding.
            if (p.hasPadding() && pos != end) {
                throw new MalformedPacketException(BAD_PADDING,
                        "padding on packet " + count + ", which is not the last");
            }
        }
        return new RtcpCompound(buf, off, len, count);
    }

    public int packetCount() {
        return packetCount;
    }

    public int length() {
        return len;
    }

    @Override
    public Iterator<RtcpPacket> iterator() {
        return new Iterator<>() {
            private int pos = off;

            @Override
            public boolean hasNext() {
                return pos < off + len;
            }

            @Override
            public RtcpPacket next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                try {
                    RtcpPacket p = RtcpPacket.parse(buf, pos, off + len - pos);
                    pos += p.length();
                    return p;
                } catch (MalformedPacketException e) {
                    throw new IllegalStateException("buffer changed after parsing", e);
                }
            }
        };
    }
}
