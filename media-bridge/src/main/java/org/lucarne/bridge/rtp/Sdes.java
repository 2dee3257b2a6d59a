package org.lucarne.bridge.rtp;

import static org.lucarne.bridge.rtp.MalformedPacketException.Reason.BAD_SDES;

import java.nio.charset.StandardCharsets;

/**
 * Source description, PT 202 (RFC 3550 §6.5): chunks of an SSRC and items, each chunk ended
 * by a null octet and padded to a 32-bit boundary. Validated whole on {@link #of}.
 */
public final class Sdes {

    public static final int CNAME = 1;

    private final RtcpPacket packet;

    private Sdes(RtcpPacket packet) {
        this.packet = packet;
    }

    public static Sdes of(RtcpPacket p) throws MalformedPacketException {
        p.requireType(RtcpPacket.SDES, "SDES");
        byte[] b = p.buffer();
        int end = p.offset() + p.contentLength();
        int pos = p.offset() + RtcpPacket.HEADER;
        for (int chunk = 0; chunk < p.count(); chunk++) {
            if (end - pos < 4) {
                throw new MalformedPacketException(BAD_SDES, "chunk " + chunk + " has no SSRC");
            }
            pos += 4;
            while (true) {
                if (pos >= end) {
                    throw new MalformedPacketException(BAD_SDES, "chunk " + chunk + " unterminated");
                }
                if (b[pos] == 0) {
                    pos = p.offset() + ((pos + 1 - p.offset() + 3) & ~3);
                    break;
                }
                if (end - pos < 2 || (b[pos + 1] & 0xFF) > end - pos - 2) {
                    throw new MalformedPacketException(BAD_SDES,
                            "item of type " + (b[pos] & 0xFF) + " past the end of the packet");
                }
                pos += 2 + (b[pos + 1] & 0xFF);
            }
            if (pos > end) {
                throw new MalformedPacketException(BAD_SDES, "chunk " + chunk + " padding cut off");
            }
        }
        if (pos != end) {
            throw new MalformedPacketException(BAD_SDES,
                    (end - pos) + " bytes after the last of " + p.count() + " chunks");
        }
        return new Sdes(p);
    }

    public int chunkCount() {
        return packet.count();
    }

    public long ssrc(int chunk) {
        return Bytes.u32(packet.buffer(), chunkStart(chunk));
    }

    /** The text of the first item of {@code type} in a chunk (UTF-8), or null. */
    public String item(int chunk, int type) {
        byte[] b = packet.buffer();
        int pos = chunkStart(chunk) + 4;
        while (b[pos] != 0) {
            int itemLen = b[pos + 1] & 0xFF;
            if ((b[pos] & 0xFF) == type) {
                return new String(b, pos + 2, itemLen, StandardCharsets.UTF_8);
            }
            pos += 2 + itemLen;
        }
        return null;
    }

    public String cname(int chunk) {
        return item(chunk, CNAME);
    }

    private int chunkStart(int chunk) {
        if (chunk < 0 || chunk >= chunkCount()) {
            throw new IndexOutOfBoundsException("chunk " + chunk + " of " + chunkCount());
        }
        byte[] b = packet.buffer();
        int pos = packet.offset() + RtcpPacket.HEADER;
        for (int c = 0; c < chunk; c++) {
            pos += 4;
            while (b[pos] != 0) {
                pos += 2 + (b[pos + 1] & 0xFF);
            }
            pos = packet.offset() + ((pos + 1 - packet.offset() + 3) & ~3);
        }
        return pos;
    }
}
