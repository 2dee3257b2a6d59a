package org.lucarne.bridge.rtp;

/**
 * The {@code abs-send-time} header extension (http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time):
 * three bytes, the sender's time in 6.18 fixed-point seconds, wrapping every 64 s. A receiver's
 * delay-based estimator (the one behind its REMB) compares these times with the arrival times, so
 * they must be those of the hop it measures: the bridge writes its own send time into each packet it
 * forwards, as Jitsi Videobridge does. With the original senders' times, a receiver would also see
 * each sender's uplink and the bridge's own queues, and several senders' clocks in one stream.
 */
public final class AbsSendTime {
    private static final int LENGTH = 3;

    private AbsSendTime() {
    }

    /** {@code nanos} (any monotonic origin) as the extension's 24-bit 6.18 fixed-point seconds. */
    public static int encode(long nanos) {
        return (int) ((nanos << 18) / 1_000_000_000L) & 0xFFFFFF;
    }

    /**
     * Writes {@code nanos} into the packet's element {@code id} in place.
     *
     * @return false, leaving the packet as it was, when it has no such three-byte element
     */
    public static boolean stamp(byte[] b, int off, int len, int id, long nanos) {
        if (id <= 0 || len < RtpPacket.FIXED_HEADER || (b[off] & 0x10) == 0) {
            return false;
        }
        int ext = off + RtpPacket.FIXED_HEADER + 4 * (b[off] & 0x0F);
        if (ext + 4 > off + len) {
            return false;
        }
        int profile = Bytes.u16(b, ext);
        int start = ext + 4;
        int end = start + 4 * Bytes.u16(b, ext + 2);
        if (end > off + len || !HeaderExtensions.hasElements(profile)) {
            return false;
        }
        boolean twoByte = HeaderExtensions.isTwoByte(profile);
        int data = HeaderExtensions.find(b, start, end, twoByte, id);
        if (data < 0 || data + LENGTH > end || HeaderExtensions.lengthAt(b, data, twoByte) != LENGTH) {
            return false;
        }
        Bytes.put24(b, data, encode(nanos));
        return true;
    }
}
