package org.lucarne.signaling.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import org.lucarne.testing.Percentiles;

/** The benchmark's result as Markdown: one column per server and Lucarne / Jetty ratios. */
public final class BenchReport {
    /** The goals of the project issue. */
    static final long HEAP_LIMIT_BYTES = 1L << 30;
    static final double P99_RATIO_LIMIT = 1.5;
    /** Above this, something else on the machine competed with the benchmark for the CPU. */
    static final double OTHERS_WARNING_CORES = 0.1;
    /** Above this ratio between the slowest and fastest speed probe, the host slowed the machine down. */
    static final double SPEED_WARNING_RATIO = 1.25;

    private BenchReport() {
    }

    public static String render(BenchOptions options, List<ServerResult> results, String command) {
        Optional<ServerResult> lucarne = find(results, BenchOptions.LUCARNE);
        Optional<ServerResult> jetty = find(results, BenchOptions.JETTY);
        StringBuilder out = new StringBuilder();
        out.append("## WebSocket benchmark: ").append(options.connections()).append(" connections, ")
                .append(options.rounds()).append(" measured rounds of one ping per connection\n\n");
        out.append("- command: `").append(command).append("`\n");
        out.append("- machine: ").append(machine()).append('\n');
        out.append("- servers: one at a time, each a JVM with `").append(options.serverJvmOptions())
                .append("`; client: this JVM, Jetty ").append(org.eclipse.jetty.util.Jetty.VERSION)
                .append(" WebSocket client\n\n");
        out.append("| | Lucarne | bare Jetty | Lucarne / Jetty |\n|---|---:|---:|---:|\n");
        row(out, "connections held", lucarne, jetty, r -> r.openAtEnd() + " of " + r.requested(), null);
        row(out, "connect time (TLS + upgrade + hello)", lucarne, jetty,
                r -> seconds(r.connect().elapsedNanos()), r -> r.connect().elapsedNanos());
        row(out, "one connection's handshake + hello, p99", lucarne, jetty,
                r -> millis(r.connect().handshake(), 99), r -> r.connect().handshake().count() == 0 ? Double.NaN
                        : r.connect().handshake().at(99));
        for (double p : new double[] {50, 99, 99.9}) {
            row(out, "ping → pong p" + format(p), lucarne, jetty, r -> millis(r.rounds().roundTrips(), p),
                    r -> r.rounds().roundTrips().count() == 0 ? Double.NaN : r.rounds().roundTrips().at(p));
        }
        row(out, "ping → pong max", lucarne, jetty, r -> millis(r.rounds().roundTrips(), 100),
                r -> r.rounds().roundTrips().count() == 0 ? Double.NaN : r.rounds().roundTrips().max());
        row(out, "failed connections", lucarne, jetty, r -> Integer.toString(r.connect().failed()), null);
        row(out, "failed round trips (timeout, send, error frame)", lucarne, jetty,
                r -> r.failedRoundTrips() + " of " + r.rounds().pings(), null);
        row(out, "heap after full GC, 0 connections", lucarne, jetty, r -> mib(r.baseline().heapUsedBytes()),
                r -> r.baseline().heapUsedBytes());
        row(out, "heap after full GC, connections held", lucarne, jetty, r -> mib(r.afterRounds().heapUsedBytes()),
                r -> r.afterRounds().heapUsedBytes());
        row(out, "heap per connection (idle, after hello)", lucarne, jetty, r -> kib(r.idleHeapPerConnection()),
                ServerResult::idleHeapPerConnection);
        row(out, "heap per connection (after pings)", lucarne, jetty, r -> kib(r.heapPerConnection()),
                ServerResult::heapPerConnection);
        row(out, "RSS per connection", lucarne, jetty, r -> kib(r.rssPerConnection()), ServerResult::rssPerConnection);
        row(out, "CPU while connecting: server / client / others / stolen (cores)", lucarne, jetty,
                r -> cores(r.connectCpu()), null);
        row(out, "CPU during the rounds: server / client / others / stolen (cores)", lucarne, jetty,
                r -> cores(r.roundsCpu()), null);
        row(out, "server GC pauses during the rounds: count, total, longest", lucarne, jetty,
                r -> String.format(Locale.ROOT, "%d, %.0f ms, %.0f ms", r.serverGc().count(),
                        r.serverGc().totalMillis(), r.serverGc().maxMillis()), null);
        row(out, "client GC pauses during the rounds: count, total", lucarne, jetty,
                r -> String.format(Locale.ROOT, "%d, %.0f ms", r.clientGc().count(), r.clientGc().totalMillis()), null);
        row(out, "machine speed before / after (SHA-256 MiB/s, one thread)", lucarne, jetty,
                r -> String.format(Locale.ROOT, "%.0f / %.0f", r.speedBefore(), r.speedAfter()), null);
        row(out, "server alive, no OutOfMemoryError", lucarne, jetty,
                r -> r.aliveAtEnd() && !r.outOfMemory() ? "yes" : "**no**", null);
        out.append('\n');
        goals(out, options, results, lucarne, jetty);
        for (ServerResult r : results) {
            problems(out, r);
            histogram(out, r);
        }
        return out.toString();
    }

    private static void goals(StringBuilder out, BenchOptions options, List<ServerResult> results,
                              Optional<ServerResult> lucarne, Optional<ServerResult> jetty) {
        lucarne.ifPresent(l -> out.append("- goal, ").append(options.connections())
                .append(" connections held with a heap ≤ 1 GiB: ")
                .append(l.valid() && l.afterRounds().heapUsedBytes() <= HEAP_LIMIT_BYTES ? "**met**" : "**not met**")
                .append(" (").append(mib(l.afterRounds().heapUsedBytes())).append(" live after a full GC, ")
                .append(l.openAtEnd()).append(" held)\n"));
        if (lucarne.isPresent() && jetty.isPresent() && lucarne.get().rounds().roundTrips().count() > 0
                && jetty.get().rounds().roundTrips().count() > 0) {
            double ratio = (double) lucarne.get().rounds().roundTrips().at(99) / jetty.get().rounds().roundTrips().at(99);
            out.append("- goal, Lucarne's p99 ≤ ").append(format(P99_RATIO_LIMIT)).append(" × bare Jetty's: ")
                    .append(ratio <= P99_RATIO_LIMIT ? "**met**" : "**not met**").append(" (")
                    .append(String.format(Locale.ROOT, "%.2f", ratio)).append(" ×)\n");
        }
        double others = results.stream().mapToDouble(r -> Math.max(
                nanToZero(r.connectCpu().others() + r.connectCpu().steal()),
                nanToZero(r.roundsCpu().others() + r.roundsCpu().steal()))).max().orElse(0);
        if (others > OTHERS_WARNING_CORES) {
            out.append("- **warning**: other processes used up to ").append(String.format(Locale.ROOT, "%.2f", others))
                    .append(" cores during the run (other processes, or the host's steal time); these figures are disturbed, run again on a quiet machine\n");
        }
        double[] speeds = results.stream().flatMapToDouble(r -> java.util.stream.DoubleStream.of(r.speedBefore(),
                r.speedAfter())).toArray();
        double slowest = java.util.Arrays.stream(speeds).min().orElse(0);
        double fastest = java.util.Arrays.stream(speeds).max().orElse(0);
        if (slowest > 0 && fastest / slowest > SPEED_WARNING_RATIO) {
            out.append("- **warning**: the machine's speed changed during the run (").append(String.format(Locale.ROOT,
                    "%.0f to %.0f MiB/s of SHA-256): the servers did not run on the same machine; run again", slowest,
                    fastest)).append("\n");
        }
        boolean valid = lucarne.map(ServerResult::valid).orElse(true) && jetty.map(ServerResult::valid).orElse(true);
        out.append("- run ").append(valid ? "valid: no failed connection or round trip"
                : "**not valid**: some connections or round trips failed (see below)").append("\n");
    }

    private static void problems(StringBuilder out, ServerResult r) {
        List<String> errors = new ArrayList<>(r.connect().errors());
        errors.addAll(r.rounds().errors());
        if (!errors.isEmpty()) {
            out.append("\nFirst errors, ").append(r.server()).append(":\n");
            errors.forEach(e -> out.append("- ").append(e).append('\n'));
        }
    }

    private static void histogram(StringBuilder out, ServerResult r) {
        if (r.histogramGrowth().isEmpty()) {
            return;
        }
        int n = Math.max(1, r.connect().connected());
        out.append("\nLive bytes per connection by class, ").append(r.server())
                .append(" (growth from 0 to the connections held, top 25):\n\n| class | bytes per connection |\n|---|---:|\n");
        r.histogramGrowth().entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder())).limit(25)
                .forEach(e -> out.append("| `").append(e.getKey()).append("` | ")
                        .append(String.format(Locale.ROOT, "%.0f", (double) e.getValue() / n)).append(" |\n"));
    }

    private static void row(StringBuilder out, String label, Optional<ServerResult> lucarne,
                            Optional<ServerResult> jetty, Function<ServerResult, String> text,
                            ToDoubleFunction<ServerResult> value) {
        out.append("| ").append(label).append(" | ").append(lucarne.map(text).orElse("–")).append(" | ")
                .append(jetty.map(text).orElse("–")).append(" | ");
        if (value != null && lucarne.isPresent() && jetty.isPresent()) {
            out.append(ratio(value.applyAsDouble(lucarne.get()), value.applyAsDouble(jetty.get())));
        }
        out.append(" |\n");
    }

    private static String cores(CpuMeter.Usage u) {
        return String.format(Locale.ROOT, "%.2f / %.2f / %.2f / %.2f", u.server(), u.client(), u.others(), u.steal());
    }

    private static double nanToZero(double d) {
        return Double.isNaN(d) ? 0 : d;
    }

    static String ratio(double lucarne, double jetty) {
        if (Double.isNaN(lucarne) || Double.isNaN(jetty) || jetty <= 0 || lucarne < 0) {
            return "–";
        }
        return String.format(Locale.ROOT, "%.2f", lucarne / jetty);
    }

    static String millis(Percentiles p, double percentile) {
        return p.count() == 0 ? "–" : String.format(Locale.ROOT, "%.2f ms", p.at(percentile) / 1e6);
    }

    private static String seconds(long nanos) {
        return String.format(Locale.ROOT, "%.1f s", nanos / 1e9);
    }

    private static String mib(long bytes) {
        return String.format(Locale.ROOT, "%.1f MiB", bytes / 1048576.0);
    }

    static String kib(double bytes) {
        return Double.isNaN(bytes) ? "–" : String.format(Locale.ROOT, "%.1f KiB", bytes / 1024.0);
    }

    private static String format(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }

    private static Optional<ServerResult> find(List<ServerResult> results, String server) {
        return results.stream().filter(r -> r.server().equals(server)).findFirst();
    }

    /** {@code nproc}, CPU model, memory, kernel and JDK of this machine. */
    static String machine() {
        String cpu = "unknown CPU";
        String memory = "";
        try {
            cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .findFirst().map(l -> l.substring(l.indexOf(':') + 1).strip()).orElse(cpu);
            memory = Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(l -> l.startsWith("MemTotal"))
                    .findFirst().map(l -> String.format(Locale.ROOT, ", %.0f GiB RAM",
                            Long.parseLong(l.replaceAll("\\D", "")) / 1048576.0)).orElse("");
        } catch (IOException | RuntimeException e) {
            // not Linux: say less
        }
        return Runtime.getRuntime().availableProcessors() + " CPUs (nproc), " + cpu + memory + ", "
                + System.getProperty("os.name") + " " + System.getProperty("os.version") + ", "
                + System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version");
    }
}
