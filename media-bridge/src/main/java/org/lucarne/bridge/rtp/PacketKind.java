package org.lucarne.bridge.rtp;

/** What arrived on the shared media port, told apart without parsing it. */
public enum PacketKind {
    STUN, DTLS, RTP, RTCP, UNKNOWN;

    private static final int STUN_HEADER = 20;
    private static final int DTLS_RECORD_HEADER = 13;
    private static final int RTP_HEADER = 12;
    private static final int RTCP_HEADER = 8;

    /**
     * Classifies by first byte (RFC 7983 §7, which updates RFC 5764 §5.1.2) and, for RTP and
     * RTCP sharing a port with rtcp-mux, by the second byte: RTCP packet types 192–223 are RTP
     * payload types 64–95 with the marker bit set (RFC 5761 §4). Anything too short to hold
     * the fixed header of its kind is {@link #UNKNOWN}, as are ZRTP and TURN channel data.
     */
    public static PacketKind classify(byte[] buf, int off, int len) {
        Bytes.checkRange(buf, off, len);
        if (len < 1) {
            return UNKNOWN;
        }
        int first = buf[off] & 0xFF;
        if (first <= 3) {
            return len >= STUN_HEADER ? STUN : UNKNOWN;
        }
        if (first >= 20 && first <= 63) {
            return len >= DTLS_RECORD_HEADER ? DTLS : UNKNOWN;
        }
        if (first >= 128 && first <= 191) {
            if (len < 2) {
                return UNKNOWN;
            }
            int second = buf[off + 1] & 0xFF;
            if (second >= 192 && second <= 223) {
                return len >= RTCP_HEADER ? RTCP : UNKNOWN;
            }
            return len >= RTP_HEADER ? RTP : UNKNOWN;
        }
        return UNKNOWN;
    }
}
