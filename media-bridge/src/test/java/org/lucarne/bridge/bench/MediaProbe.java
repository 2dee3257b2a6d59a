package org.lucarne.bridge.bench;

/**
 * The last 20 bytes of every synthetic RTP payload: a marker, the sending stream, a counter and
 * the {@link System#nanoTime()} of the send, so that the receiver (in the same JVM, same clock)
 * measures the one-way time through whatever sits between. At the end of the payload, so that an
 * SFU reading a codec's payload descriptor at its start sees a well-formed one.
 */
final class MediaProbe {
    static final int LENGTH = 20;
    /** "LUCB". */
    private static final int MARKER = 0x4C554342;

    record Reading(int stream, int counter, long sentAtNanos) { }

    private MediaProbe() {
    }

    /** Writes the probe into the last {@link #LENGTH} bytes before {@code end}. */
    static void write(byte[] packet, int end, int stream, int counter, long sentAtNanos) {
        int at = end - LENGTH;
        putInt(packet, at, MARKER);
        putInt(packet, at + 4, stream);
        putInt(packet, at + 8, counter);
        putInt(packet, at + 12, (int) (sentAtNanos >>> 32));
        putInt(packet, at + 16, (int) sentAtNanos);
    }

    /** Reads the probe ending at {@code end}, or null when the payload is too short or not ours. */
    static Reading read(byte[] packet, int payloadStart, int end) {
        if (end - payloadStart < LENGTH || end > packet.length || payloadStart < 0) {
            return null;
        }
        int at = end - LENGTH;
        if (getInt(packet, at) != MARKER) {
            return null;
        }
        long sent = ((long) getInt(packet, at + 12) << 32) | (getInt(packet, at + 16) & 0xFFFF_FFFFL);
        return new Reading(getInt(packet, at + 4), getInt(packet, at + 8), sent);
    }

    private static void putInt(byte[] b, int at, int v) {
        b[at] = (byte) (v >>> 24);
        b[at + 1] = (byte) (v >>> 16);
        b[at + 2] = (byte) (v >>> 8);
        b[at + 3] = (byte) v;
    }

    private static int getInt(byte[] b, int at) {
        return ((b[at] & 0xFF) << 24) | ((b[at + 1] & 0xFF) << 16) | ((b[at + 2] & 0xFF) << 8) | (b[at + 3] & 0xFF);
    }
}
