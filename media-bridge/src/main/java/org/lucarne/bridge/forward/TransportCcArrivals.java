package org.lucarne.bridge.forward;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.lucarne.bridge.rtp.RtpPacket;
import org.lucarne.bridge.rtp.SequenceNumbers;
import org.lucarne.bridge.rtp.TransportCc;
import org.lucarne.bridge.rtp.TransportCcWriter;

/**
 * The bridge as the transport-cc receiver of one endpoint's leg
 * (draft-holmer-rmcat-transport-wide-cc-extensions-01): the arrival time of each of its packets
 * by transport-wide sequence number, whatever the SSRC, and about every {@value #INTERVAL_MILLIS}
 * ms the feedback that reports them, as Chromium's receiver does. Used by that endpoint's worker
 * only; feedback is due when media arrives, like {@link ReceiverReports}.
 *
 * <p>Bounded: the last {@value #CAPACITY} sequence numbers are kept. A packet further back than
 * that is too late to matter and is not recorded; a jump forward by more starts afresh.
 * Duplicates keep their first arrival. A packet that arrives after the feedback that called it
 * lost is reported again with everything after it, as libwebrtc's receiver does.
 */
final class TransportCcArrivals {
    static final long INTERVAL_MILLIS = 50;
    static final int CAPACITY = 4096;
    /** At most this many bytes per feedback packet, before SRTCP; more statuses go in the next one. */
    static final int MAX_FEEDBACK_BYTES = 1200;
    private static final long NONE = Long.MIN_VALUE;
    private static final long REFERENCE_NANOS = TransportCc.REFERENCE_UNIT_MICROS * 1000;
    private static final long DELTA_NANOS = TransportCc.DELTA_UNIT_MICROS * 1000;

    private final long[] arrivals = new long[CAPACITY];
    private final int[] deltas = new int[CAPACITY];
    /** Unwrapped sequence numbers; -1 before the first packet. */
    private long highest = -1;
    private long nextToReport;
    private long mediaSsrc;
    private int feedbackCount;
    private long lastSentMillis = Long.MIN_VALUE;

    TransportCcArrivals() {
        Arrays.fill(arrivals, NONE);
    }

    /**
     * Takes the transport-wide sequence number out of a decrypted packet of this endpoint: records
     * its arrival, then blanks the element in place (RFC 8285 §4.2) so that no receiver sees a
     * numbering its own feedback would misdescribe. Allocates nothing.
     */
    void take(RtpPacket packet, int extensionId, long arrivalNanos) {
        int at = packet.extensionOffset(extensionId);
        if (at < 0) {
            return;
        }
        if (packet.extensionLength(extensionId) >= 2) {
            record(((packet.buffer()[at] & 0xFF) << 8) | (packet.buffer()[at + 1] & 0xFF), packet.ssrc(), arrivalNanos);
        }
        packet.blankExtension(extensionId);
    }

    /**
     * Records one packet's arrival.
     *
     * @return false when it was not recorded: older than the window, or a duplicate
     */
    boolean record(int sequence, long ssrc, long arrivalNanos) {
        mediaSsrc = ssrc;
        long seq;
        if (highest < 0) {
            seq = (1L << 16) + (sequence & 0xFFFF); // room below for packets reordered before the first
            highest = seq;
            nextToReport = seq;
        } else {
            seq = highest + SequenceNumbers.delta(sequence, (int) highest);
        }
        if (seq > highest) {
            if (seq - highest >= CAPACITY) {
                Arrays.fill(arrivals, NONE);
                nextToReport = seq;
            } else {
                for (long s = highest + 1; s <= seq; s++) {
                    arrivals[index(s)] = NONE;
                }
            }
            highest = seq;
            nextToReport = Math.max(nextToReport, highest - CAPACITY + 1);
        } else if (highest - seq >= CAPACITY || seq < 0) {
            return false;
        }
        int i = index(seq);
        if (arrivals[i] != NONE) {
            return false;
        }
        arrivals[i] = arrivalNanos;
        nextToReport = Math.min(nextToReport, seq);
        return true;
    }

    /** The feedback packets due now: none within {@value #INTERVAL_MILLIS} ms of the last, or when nothing is new. */
    List<byte[]> due(long senderSsrc, long nowMillis) {
        if (highest < 0 || nextToReport > highest
                || (lastSentMillis != Long.MIN_VALUE && nowMillis - lastSentMillis < INTERVAL_MILLIS)) {
            return List.of();
        }
        lastSentMillis = nowMillis;
        List<byte[]> out = new ArrayList<>(1);
        while (nextToReport <= highest) {
            out.add(next(senderSsrc));
        }
        return out;
    }

    /**
     * One feedback from {@link #nextToReport}: ends before a delta that 16 bits cannot carry
     * (§3.1.5; the next feedback gets a reference time of its own) or when it would outgrow
     * {@value #MAX_FEEDBACK_BYTES} bytes.
     */
    private byte[] next(long senderSsrc) {
        long start = nextToReport;
        long first = start;
        while (arrivals[index(first)] == NONE) {
            first++; // ends at highest, which is always received
        }
        long reference = Math.floorDiv(arrivals[index(first)], REFERENCE_NANOS);
        long previousTicks = 0;
        int deltaBytes = 0;
        int count = 0;
        for (long s = start; s <= highest && count < 0xFFFF; s++) {
            long arrival = arrivals[index(s)];
            int delta = TransportCc.NOT_RECEIVED;
            int size = 0;
            if (arrival != NONE) {
                long ticks = Math.floorDiv(arrival - reference * REFERENCE_NANOS, DELTA_NANOS);
                long d = ticks - previousTicks;
                if (d < Short.MIN_VALUE || d > Short.MAX_VALUE) {
                    break;
                }
                delta = (int) d;
                size = TransportCcWriter.deltaSize(delta);
                previousTicks = ticks;
            }
            if (TransportCcWriter.maxSize(count + 1, deltaBytes + size) > MAX_FEEDBACK_BYTES) {
                break;
            }
            deltas[count++] = delta;
            deltaBytes += size;
        }
        nextToReport = start + count;
        return TransportCcWriter.write(senderSsrc, mediaSsrc, (int) start, (int) reference, feedbackCount++,
                deltas, 0, count);
    }

    private static int index(long seq) {
        return (int) (seq & (CAPACITY - 1));
    }
}
