package org.lucarne.bridge.bench;

import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/**
 * What every leg of one run received: media packets and bytes, one-way times from the probes, RTCP
 * and drops by reason. Only what arrives inside the measured window counts. Written by the receiver
 * thread, read after the window closes.
 */
final class Reception {
    /** Counts at the end of a window; latencies in nanoseconds, unsorted. */
    record Window(long packets, long bytes, long rtcp, long[] latencies, Map<String, Long> dropped) { }

    private boolean measuring;
    private long packets;
    private long bytes;
    private long rtcp;
    private long[] latencies = new long[1 << 16];
    private int samples;
    private final Map<String, Long> dropped = new TreeMap<>();

    synchronized void begin() {
        measuring = true;
        packets = 0;
        bytes = 0;
        rtcp = 0;
        samples = 0;
        dropped.clear();
    }

    synchronized Window end() {
        measuring = false;
        return new Window(packets, bytes, rtcp, Arrays.copyOf(latencies, samples), Map.copyOf(dropped));
    }

    synchronized void media(MediaProbe.Reading probe, long receivedAtNanos, int datagramBytes) {
        if (!measuring) {
            return;
        }
        packets++;
        bytes += datagramBytes;
        if (samples == latencies.length) {
            latencies = Arrays.copyOf(latencies, samples * 2);
        }
        latencies[samples++] = receivedAtNanos - probe.sentAtNanos();
    }

    synchronized void rtcp() {
        if (measuring) {
            rtcp++;
        }
    }

    synchronized void dropped(String reason) {
        if (measuring) {
            dropped.merge(reason, 1L, Long::sum);
        }
    }
}
