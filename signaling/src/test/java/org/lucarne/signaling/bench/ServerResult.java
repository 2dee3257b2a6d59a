package org.lucarne.signaling.bench;

import java.util.Map;

/** What one server did under the benchmark. Memory figures are per connection actually held. */
public record ServerResult(
        String server,
        int requested,
        LoadClient.ConnectResult connect,
        LoadClient.RoundsResult rounds,
        MemoryProbe.Sample baseline,
        MemoryProbe.Sample idle,
        MemoryProbe.Sample afterRounds,
        int openAtEnd,
        boolean aliveAtEnd,
        boolean outOfMemory,
        CpuMeter.Usage connectCpu,
        CpuMeter.Usage roundsCpu,
        GcPauses serverGc,
        GcPauses clientGc,
        double speedBefore,
        double speedAfter,
        Map<String, Long> histogramGrowth) {

    /** Every connection connected, stayed open, and every ping got its pong in time. */
    public boolean valid() {
        return connect.connected() == requested && connect.failed() == 0 && openAtEnd == requested
                && failedRoundTrips() == 0 && aliveAtEnd && !outOfMemory;
    }

    public long failedRoundTrips() {
        return rounds.timeouts() + rounds.sendFailures() + rounds.errorFrames();
    }

    /** Live heap per held connection after the pings: (held − baseline) / connections. */
    public double heapPerConnection() {
        return perConnection(afterRounds.heapUsedBytes() - baseline.heapUsedBytes());
    }

    /** Live heap per connection just after hello, before any ping. */
    public double idleHeapPerConnection() {
        return perConnection(idle.heapUsedBytes() - baseline.heapUsedBytes());
    }

    public double rssPerConnection() {
        return perConnection(afterRounds.rssBytes() - baseline.rssBytes());
    }

    private double perConnection(long bytes) {
        return connect.connected() == 0 ? Double.NaN : (double) bytes / connect.connected();
    }
}
