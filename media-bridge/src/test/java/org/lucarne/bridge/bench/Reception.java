package org.lucarne.bridge.bench;

import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * What every leg of one run received: media packets and bytes, one-way times from the probes, RTCP
 * and drops by reason. Only what arrives inside the measured window counts. Written by the receiver
 * thread, read after the window closes.
 *
 * <p>Media of the streams an SFU is expected to forward (audio, the only or the top video layer)
 * counts as received and gives the one-way times; a lower simulcast layer that arrives anyway is
 * counted apart. With simulcast every packet is also counted by {@link Flow}: the SSRC it arrived on
 * and the stream (from its probe) it was sent as, which shows what an SFU forwarded and how it
 * rewrote it (one-layer runs leave this out and measure as they always did).
 */
final class Reception {
    /** Packets that arrived on {@code ssrc} and were sent as stream {@code stream} (its probe's id). */
    record Flow(long ssrc, int stream) { }

    /**
     * Counts at the end of a window; latencies in nanoseconds, unsorted.
     *
     * @param packets     media packets of forwarded streams
     * @param lowerLayers media packets of lower simulcast layers
     * @param flows       every media packet, by the SSRC it arrived on and the stream it was sent as; empty
     *                    when not counted
     */
    record Window(long packets, long bytes, long rtcp, long[] latencies, Map<String, Long> dropped, long lowerLayers,
                  Map<Flow, Long> flows) { }

    private final BitSet lowerLayerStreams = new BitSet();
    private final boolean countFlows;
    private boolean measuring;
    private long packets;
    private long lowerLayers;
    private long bytes;
    private long rtcp;
    private long[] latencies = new long[1 << 16];
    private int samples;
    private final Map<String, Long> dropped = new TreeMap<>();
    private final Map<Flow, Long> flows = new HashMap<>();

    /** @param countFlows count every packet by {@link Flow} too */
    Reception(boolean countFlows) {
        this.countFlows = countFlows;
    }

    /** Stream {@code streamId} is a lower simulcast layer: an SFU is not expected to forward it. */
    synchronized void lowerLayer(int streamId) {
        lowerLayerStreams.set(streamId);
    }

    synchronized void begin() {
        measuring = true;
        packets = 0;
        lowerLayers = 0;
        bytes = 0;
        rtcp = 0;
        samples = 0;
        dropped.clear();
        flows.clear();
    }

    synchronized Window end() {
        measuring = false;
        return new Window(packets, bytes, rtcp, Arrays.copyOf(latencies, samples), Map.copyOf(dropped), lowerLayers,
                Map.copyOf(flows));
    }

    synchronized void media(MediaProbe.Reading probe, long receivedAtNanos, int datagramBytes, long ssrc) {
        if (!measuring) {
            return;
        }
        if (countFlows) {
            flows.merge(new Flow(ssrc, probe.stream()), 1L, Long::sum);
        }
        if (probe.stream() >= 0 && lowerLayerStreams.get(probe.stream())) {
            lowerLayers++;
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
