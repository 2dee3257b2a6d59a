package org.lucarne.bridge.bench;

import java.util.Map;
import org.lucarne.testing.Percentiles;

/**
 * One measured window: {@code calls} two-party calls through {@code target}.
 *
 * @param received      media packets the peers received (what the SFU forwarded, or the other peer sent) of the
 *                      streams an SFU is expected to forward: audio and the only or the top video layer
 * @param sent          media packets the peers sent of those streams
 * @param sfuCpuSeconds CPU time of the SFU process in the window (0 without an SFU)
 * @param benchCpuSeconds CPU time of the bench JVM (all synthetic peers) in the window
 * @param otherCpuSeconds CPU time of every other process of the machine in the window
 * @param latency       one-way times in nanoseconds, or null when nothing arrived
 * @param rssKib        the SFU's resident memory at the end of the window (-1 without an SFU)
 * @param lateFrames    frames the bench sent more than 1 ms after their time
 * @param udpBufferDrops datagrams the kernel dropped in the window for a full socket receive buffer (any socket)
 * @param sentAll       media packets the peers sent, every simulcast layer included: what an SFU read
 * @param lowerLayers   media packets of lower simulcast layers the peers received (none through an SFU that
 *                      forwards each receiver one layer)
 */
record StepResult(String target, int calls, double seconds, long received, long sent, double sfuCpuSeconds,
                  double benchCpuSeconds, double otherCpuSeconds, double stealSeconds, Percentiles latency,
                  long rssKib, long lateFrames, long udpBufferDrops, Map<String, Long> dropped, long sentAll,
                  long lowerLayers) {

    double forwardedPerSecond() {
        return received / seconds;
    }

    /** Forwarded packets per CPU-second of the SFU: the same as per core fully used. */
    double packetsPerCpuSecond() {
        return sfuCpuSeconds > 0 ? received / sfuCpuSeconds : Double.NaN;
    }

    /** Media packets a second the peers sent: what an SFU read. */
    double sentAllPerSecond() {
        return sentAll / seconds;
    }

    /** Media packets the SFU read per CPU-second of it. */
    double readPerCpuSecond() {
        return sfuCpuSeconds > 0 ? sentAll / sfuCpuSeconds : Double.NaN;
    }

    double deliveredRatio() {
        return sent > 0 ? (double) received / sent : Double.NaN;
    }

    /** A latency percentile in microseconds, NaN without samples. */
    double micros(double percentile) {
        return latency == null || latency.count() == 0 ? Double.NaN : latency.at(percentile) / 1000.0;
    }
}
