package org.lucarne.bridge.bench;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The Markdown tables {@code ./lucarne bench bridge} prints: every step, then the comparisons. */
final class BenchReport {
    private BenchReport() {
    }

    static String table(List<StepResult> steps) {
        return table(steps, false);
    }

    /**
     * The same with what simulcast changes: the packets the peers sent (every layer, what an SFU
     * reads) beside those forwarded, the lower layers that reached a receiver, and the packets an
     * SFU read per CPU-second beside those it forwarded.
     */
    static String simulcastTable(List<StepResult> steps) {
        return table(steps, true);
    }

    private static String table(List<StepResult> steps, boolean simulcast) {
        StringBuilder out = new StringBuilder();
        out.append(simulcast
                ? "| target | calls | sent pkt/s (the SFU reads) | forwarded pkt/s | lower layers received | SFU CPU (cores) "
                        + "| pkt per SFU CPU-second | read per SFU CPU-second | one-way p50 | p99 "
                : "| target | calls | forwarded pkt/s | SFU CPU (cores) | pkt per SFU CPU-second | one-way p50 | p99 ");
        out.append("| p99.9 | max | delivered | SFU RSS | bench CPU (cores) | others (cores) | late frames | kernel UDP drops |\n");
        out.append(simulcast ? "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:" : "|---|---:|---:|---:|---:|---:|---:");
        out.append("|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (StepResult s : steps) {
            boolean sfu = s.sfuCpuSeconds() > 0;
            out.append(String.format(Locale.ROOT, "| %s | %d | ", s.target(), s.calls()));
            if (simulcast) {
                out.append(String.format(Locale.ROOT, "%,.0f | %,.0f | %,d | ", s.sentAllPerSecond(),
                        s.forwardedPerSecond(), s.lowerLayers()));
            } else {
                out.append(String.format(Locale.ROOT, "%,.0f | ", s.forwardedPerSecond()));
            }
            out.append(sfu ? String.format(Locale.ROOT, "%.2f | %,.0f | ", s.sfuCpuSeconds() / s.seconds(),
                    s.packetsPerCpuSecond()) : "– | – | ");
            if (simulcast) {
                out.append(sfu ? String.format(Locale.ROOT, "%,.0f | ", s.readPerCpuSecond()) : "– | ");
            }
            out.append(String.format(Locale.ROOT, "%s | %s | %s | %s | %.2f %% | %s | %.2f | %.2f | %d | %d |%n",
                    us(s.micros(50)), us(s.micros(99)), us(s.micros(99.9)), us(s.micros(100)),
                    100 * s.deliveredRatio(),
                    s.rssKib() > 0 ? String.format(Locale.ROOT, "%.0f MiB", s.rssKib() / 1024.0) : "–",
                    s.benchCpuSeconds() / s.seconds(), s.otherCpuSeconds() / s.seconds(), s.lateFrames(),
                    s.udpBufferDrops()));
        }
        return out.toString();
    }

    /**
     * Per number of calls: Lucarne's packets per CPU-second over Janus's, and each SFU's added
     * latency (its percentile minus the peer-to-peer one at the same number of calls).
     */
    static String comparison(List<StepResult> steps, String lucarne, String janus, String p2p) {
        StringBuilder out = new StringBuilder();
        out.append("| calls | pkt per CPU-second, Lucarne / Janus | added p50, Lucarne | added p99, Lucarne "
                + "| added p50, Janus | added p99, Janus |\n");
        out.append("|---:|---:|---:|---:|---:|---:|\n");
        steps.stream().map(StepResult::calls).distinct().forEach(calls -> {
            Optional<StepResult> l = find(steps, lucarne, calls);
            Optional<StepResult> j = find(steps, janus, calls);
            Optional<StepResult> p = find(steps, p2p, calls);
            String ratio = l.isPresent() && j.isPresent()
                    ? String.format(Locale.ROOT, "%.2f ×", l.get().packetsPerCpuSecond() / j.get().packetsPerCpuSecond())
                    : "–";
            out.append(String.format(Locale.ROOT, "| %d | %s | %s | %s | %s | %s |%n", calls, ratio,
                    added(l, p, 50), added(l, p, 99), added(j, p, 50), added(j, p, 99)));
        });
        return out.toString();
    }

    private static Optional<StepResult> find(List<StepResult> steps, String target, int calls) {
        return steps.stream().filter(s -> s.target().equals(target) && s.calls() == calls).findFirst();
    }

    private static String added(Optional<StepResult> sfu, Optional<StepResult> p2p, double percentile) {
        if (sfu.isEmpty() || p2p.isEmpty()) {
            return "–";
        }
        return us(sfu.get().micros(percentile) - p2p.get().micros(percentile));
    }

    static String us(double micros) {
        if (Double.isNaN(micros)) {
            return "–";
        }
        return Math.abs(micros) >= 1000 ? String.format(Locale.ROOT, "%.2f ms", micros / 1000)
                : String.format(Locale.ROOT, "%.0f µs", micros);
    }
}
