package org.lucarne.bridge.rtp;

import static org.lucarne.bridge.rtp.MalformedPacketException.Reason.BAD_CSRC_COUNT;
import static org.lucarne.bridge.rtp.MalformedPacketException.Reason.BAD_EXTENSION_LENGTH;
import static org.lucarne.bridge.rtp.MalformedPacketException.Reason.BAD_PADDING;
import static org.lucarne.bridge.rtp.MalformedPacketException.Reason.BAD_VERSION;
import static org.lucarne.bridge.rtp.MalformedPacketException.Reason.TOO_SHORT;

/**
 * A view over an RTP packet in a byte array (RFC 3550 §5.1): nothing is copied, and the
 * setters write into the array. Only {@link #parse} creates one, after checking that every
 * field, the CSRC list, the header extension and its elements (RFC 8285) and the padding lie
 * inside the given range, so no accessor can read outside it.
 */
public final class RtpPacket {

    static final int FIXED_HEADER = 12;

    private final byte[] buf;
    private final int off;
    private final int len;
    private final int headerLength;
    private final int extensionProfile;
    private final int extensionStart;
    private final int extensionEnd;
    private final int paddingLength;

    private RtpPacket(byte[] buf, int off, int len, int headerLength, int extensionProfile,
            int extensionStart, int extensionEnd, int paddingLength) {
        this.buf = buf;
        this.off = off;
        this.len = len;
        this.headerLength = headerLength;
        this.extensionProfile = extensionProfile;
        this.extensionStart = extensionStart;
        this.extensionEnd = extensionEnd;
        this.paddingLength = paddingLength;
    }

    /** Parses a whole RTP packet (after SRTP unprotection: the auth tag is gone). */
    public static RtpPacket parse(byte[] buf, int off, int len) throws MalformedPacketException {
        return parse(buf, off, len, true);
    }

    /**
     * Parses only the header of an SRTP packet, whose payload and padding are encrypted
     * (RFC 3711 §3.1): pass {@code len} without the auth tag. The padding length reads as 0.
     */
    public static RtpPacket parseHeader(byte[] buf, int off, int len)
            throws MalformedPacketException {
        return parse(buf, off, len, false);
    }

    private static RtpPacket parse(byte[] buf, int off, int len, boolean withPadding)
            throws MalformedPacketException {
        Bytes.checkRange(buf, off, len);
        if (len < FIXED_HEADER) {
            throw new MalformedPacketException(TOO_SHORT, len + " bytes, RTP needs 12");
        }
        int b0 = buf[off] & 0xFF;
        if (b0 >>> 6 != 2) {
            throw new MalformedPacketException(BAD_VERSION, "version " + (b0 >>> 6));
        }
        int header = FIXED_HEADER + 4 * (b0 & 0x0F);
        if (header > len) {
            throw new MalformedPacketException(BAD_CSRC_COUNT,
                    (b0 & 0x0F) + " CSRCs do not fit in " + len + " bytes");
        }
        int profile = -1;
        int extStart = 0;
        int extEnd = 0;
        if ((b0 & 0x10) != 0) {
            // RFC 3550 §5.3.1: 16-bit profile, 16-bit length in 32-bit words, then the data.
            if (header + 4 > len) {
                throw new MalformedPacketException(BAD_EXTENSION_LENGTH,
                        "extension header cut off");
            }
            profile = Bytes.u16(buf, off + header);
            int extLen = 4 * Bytes.u16(buf, off + header + 2);
            if (extLen > len - header - 4) {
                throw new MalformedPacketException(BAD_EXTENSION_LENGTH,
                        extLen + " extension bytes past the end of the packet");
            }
            extStart = off + header + 4;
            extEnd = extStart + extLen;
            header += 4 + extLen;
            if (HeaderExtensions.hasElements(profile)) {
                HeaderExtensions.validate(buf, extStart, extEnd,
                        HeaderExtensions.isTwoByte(profile));
            }
        }
        int padding = 0;
        if (withPadding && (b0 & 0x20) != 0) {
            // RFC 3550 §5.1: the last octet counts the padding, itself included.
            padding = buf[off + len - 1] & 0xFF;
            if (padding == 0 || padding > len - header) {
                throw new MalformedPacketException(BAD_PADDING,
                        "padding of " + padding + " with " + (len - header) + " bytes after header");
            }
        }
        return new RtpPacket(buf, off, len, header, profile, extStart, extEnd, padding);
    }

    public byte[] buffer() {
        return buf;
    }

    public int offset() {
        return off;
    }

    public int length() {
        return len;
    }

    public int version() {
        return (buf[off] & 0xFF) >>> 6;
    }

    public boolean hasPadding() {
        return (buf[off] & 0x20) != 0;
    }

    public boolean hasExtension() {
        return (buf[off] & 0x10) != 0;
    }

    public int csrcCount() {
        return buf[off] & 0x0F;
    }

    public boolean marker() {
        return (buf[off + 1] & 0x80) != 0;
    }

    public int payloadType() {
        return buf[off + 1] & 0x7F;
    }

    public int sequenceNumber() {
        return Bytes.u16(buf, off + 2);
    }

    public long timestamp() {
        return Bytes.u32(buf, off + 4);
    }

    public long ssrc() {
        return Bytes.u32(buf, off + 8);
    }

    /** The {@code i}th contributing source, 0 ≤ i < {@link #csrcCount()}. */
    public long csrc(int i) {
        if (i < 0 || i >= csrcCount()) {
            throw new IndexOutOfBoundsException("CSRC " + i + " of " + csrcCount());
        }
        return Bytes.u32(buf, off + FIXED_HEADER + 4 * i);
    }

    /** Header length: fixed part, CSRCs and extension. The payload starts here. */
    public int headerLength() {
        return headerLength;
    }

    public int payloadOffset() {
        return off + headerLength;
    }

    public int payloadLength() {
        return len - headerLength - paddingLength;
    }

    public int paddingLength() {
        return paddingLength;
    }

    /** The extension's 16-bit profile ("defined by profile" field), or -1 without one. */
    public int extensionProfile() {
        return extensionProfile;
    }

    /** Offset of the extension's data, after its profile and length words; 0 without one. */
    public int extensionDataOffset() {
        return extensionStart;
    }

    public int extensionDataLength() {
        return extensionEnd - extensionStart;
    }

    /** Calls {@code visitor} for each RFC 8285 element, in order; none for other profiles. */
    public void forEachExtension(ExtensionVisitor visitor) {
        if (HeaderExtensions.hasElements(extensionProfile)) {
            HeaderExtensions.forEach(buf, extensionStart, extensionEnd, twoByte(), visitor);
        }
    }

    /** Offset of the data of the first element with {@code id}, or -1 if absent. */
    public int extensionOffset(int id) {
        if (!HeaderExtensions.hasElements(extensionProfile) || id <= 0) {
            return -1;
        }
        return HeaderExtensions.find(buf, extensionStart, extensionEnd, twoByte(), id);
    }

    /** Data length of the first element with {@code id}, or -1 if absent. */
    public int extensionLength(int id) {
        int at = extensionOffset(id);
        return at < 0 ? -1 : HeaderExtensions.lengthAt(buf, at, twoByte());
    }

    /**
     * Turns the first RFC 8285 element with {@code id} into padding in place (§4.2: id 0 is
     * padding), so that a receiver no longer sees it; the packet's length does not change.
     *
     * @return false when the packet has no such element
     */
    public boolean blankExtension(int id) {
        if (!HeaderExtensions.hasElements(extensionProfile) || id <= 0) {
            return false;
        }
        return HeaderExtensions.blank(buf, extensionStart, extensionEnd, twoByte(), id);
    }

    public void setMarker(boolean marker) {
        buf[off + 1] = (byte) ((buf[off + 1] & 0x7F) | (marker ? 0x80 : 0));
    }

    public void setPayloadType(int payloadType) {
        if (payloadType < 0 || payloadType > 127) {
            throw new IllegalArgumentException("payload type " + payloadType + " outside 0..127");
        }
        buf[off + 1] = (byte) ((buf[off + 1] & 0x80) | payloadType);
    }

    public void setSequenceNumber(int seq) {
        Bytes.put16(buf, off + 2, seq & 0xFFFF);
    }

    public void setTimestamp(long timestamp) {
        Bytes.put32(buf, off + 4, timestamp);
    }

    public void setSsrc(long ssrc) {
        Bytes.put32(buf, off + 8, ssrc);
    }

    /**
     * Rewrites extension element ids in place so that each endpoint sees the ids it
     * negotiated: {@code newIdByOldId[old]} is the new id, 0 blanks the element into padding,
     * ids beyond the array are left alone. A new id that the packet's form cannot carry
     * (one-byte form: 1–14) is an {@link IllegalArgumentException}, raised before any write.
     */
    public void remapExtensionIds(int[] newIdByOldId) {
        if (HeaderExtensions.hasElements(extensionProfile)) {
            HeaderExtensions.remap(buf, extensionStart, extensionEnd, twoByte(), newIdByOldId);
        }
    }

    private boolean twoByte() {
        return HeaderExtensions.isTwoByte(extensionProfile);
    }
}
