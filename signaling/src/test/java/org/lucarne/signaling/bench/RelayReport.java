package org.lucarne.signaling.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.lucarne.testing.Percentiles;

/** The relay benchmark's Markdown report: every figure beside its same-run baseline, and their ratio. */
final class RelayReport {
    private static final double GOAL_P99_MS = 50;

    private final RelayBenchOptions options;
    private final String command;
    private final StringBuilder out = new StringBuilder();
    private double speedBefore;
    private String loadBefore;
    private boolean valid = true;
    private String noise = "";

    RelayReport(RelayBenchOptions options, String command) {
        this.options = options;
        this.command = command;
    }

    void machineBefore() {
        speedBefore = MachineSpeed.sha256MibPerSecond();
        loadBefore = loadAverage();
    }

    void machineAfter() {
        line("");
        line("Machine: %d cores (%s), Java %s. Load average (1 min) before / after: %s / %s. Speed probe (SHA-256 on one "
                + "thread) before / after: %.0f / %.0f MiB/s.", Runtime.getRuntime().availableProcessors(), cpuModel(),
                System.getProperty("java.version"), loadBefore, loadAverage(), speedBefore, MachineSpeed.sha256MibPerSecond());
    }

    /** What else ran during the load: this JVM's cores and GC, the other processes' cores, the stolen time. */
    void noise(CpuMeter.Snapshot a, CpuMeter.Snapshot b, GcPauses gc) {
        double seconds = (b.nanos() - a.nanos()) / 1e9 * 100; // /proc counts ticks of 10 ms
        double self = (b.client() - a.client()) / seconds;
        double machine = (b.machineBusy() - a.machineBusy()) / seconds;
        noise = String.format(Locale.ROOT, "During the load this JVM (server and devices) used %.2f cores, other "
                + "processes %.2f, steal %.2f; this JVM's collector paused %d times, %.0f ms in all.", self,
                Math.max(0, machine - self), (b.steal() - a.steal()) / seconds, gc.count(), gc.totalMillis());
    }

    void relay(RelayLoad.Result r, double bothBytes, RelayClientHeap.Result client) {
        valid &= r.errors() == 0 && r.delivered() == r.envelopesSent() && r.pongs() == r.pingsSent();
        line("### Relay: %,d devices in circles of %d, %d envelopes/s and %d pings/s for %d s", options.devices(),
                options.circle(), options.rate(), options.rate(), options.seconds());
        line("");
        line("`%s`", command);
        line("");
        line("| | envelope: `e2ee_send` → `e2ee_deliver` | baseline: `ping` → `pong`, same sockets and rate | ratio |");
        line("|---|---:|---:|---:|");
        row("p50", r.envelope(), r.ping(), 50);
        row("p99", r.envelope(), r.ping(), 99);
        row("max", r.envelope(), r.ping(), 100);
        line("| sent / arrived | %,d / %,d | %,d / %,d | |", r.envelopesSent(), r.delivered(), r.pingsSent(), r.pongs());
        line("");
        line("Delivered %.1f envelopes/s over %.1f s; %d errors. Goal (p99 under %.0f ms at 1,000 devices and 100/s): "
                + "p99 %.2f ms, %s.", r.deliveredPerSecond(), r.seconds(), r.errors(), GOAL_P99_MS,
                ms(r.envelope().at(99)), ms(r.envelope().at(99)) < GOAL_P99_MS ? "met" : "missed");
        line("");
        line("%s", noise);
        line("");
        line("| heap a device, after a full GC | KiB |");
        line("|---|---:|");
        line("| both ends (this JVM: the devices' client sockets and the server) | %.1f |", bothBytes / 1024);
        line("| the client alone (the same devices against a bare Jetty echo server in its own JVM) | %.1f |",
                client.clientBytesPerDevice() / 1024);
        line("| the server's share (the difference) | %.1f |", (bothBytes - client.clientBytesPerDevice()) / 1024);
        line("| bare Jetty echo server, a connection (its own JVM, `jcmd GC.heap_info`) | %.1f |",
                client.bareServerBytesPerConnection() / 1024);
        line("");
    }

    void browser(RelayBrowserBench.Result b) {
        line("### Browser: cost per message in Chromium (encrypt + decrypt between two devices)");
        line("");
        line("Timer: %s. Text: a %d-character body (%d bytes of UTF-8), a %d-byte plaintext; photo: a generated "
                + "%,d-byte JPEG picture, drawn at %s as a %,d-byte JPEG sent in %d chunks. Baseline: raw WebCrypto "
                + "AES-256-GCM encrypt + decrypt of the same bytes (the text's plaintext; the photo's JPEG), one key, "
                + "right after each operation. Directions alternate, so each message read starts a ratchet step.",
                b.isolated() ? "cross-origin isolated page (5 µs steps)" : "NOT isolated (100 µs steps)", b.textChars(),
                b.textBytes(), b.textPlaintextBytes(), b.pictureBytes(), b.size(), b.jpegBytes(), b.chunks());
        line("");
        line("| operation | samples | Lucarne p50 | p99 | AES-GCM p50 | p99 | ratio p50 | ratio p99 |");
        line("|---|---:|---:|---:|---:|---:|---:|---:|");
        pair("text: encrypt (session) + decrypt (ratchet step) + decode", b.text());
        pair("photo: all of the three below", b.photo());
        pair("photo: its encryption alone (the last two below)", b.photoCrypto());
        part("photo: draw at 1600 px + JPEG (preparePhoto)", b.prepare());
        part("photo: pad + chunk-encrypt + hash + its message encrypted", b.seal());
        part("photo: message decrypted + chunks decrypted + hash checked", b.open());
        line("");
    }

    String render() {
        return out.toString();
    }

    boolean valid() {
        return valid;
    }

    private void row(String what, Percentiles a, Percentiles base, double p) {
        line("| %s | %.2f ms | %.2f ms | %.1f × |", what, ms(a.at(p)), ms(base.at(p)), a.at(p) / (double) base.at(p));
    }

    private void pair(String what, RelayBrowserBench.Pair p) {
        line("| %s | %d | %.3f ms | %.3f ms | %.3f ms | %.3f ms | %.1f × | %.1f × |", what, p.lucarne().count(),
                ms(p.lucarne().at(50)), ms(p.lucarne().at(99)), ms(p.raw().at(50)), ms(p.raw().at(99)),
                p.lucarne().at(50) / (double) Math.max(1, p.raw().at(50)),
                p.lucarne().at(99) / (double) Math.max(1, p.raw().at(99)));
    }

    private void part(String what, Percentiles p) {
        line("| %s | %d | %.3f ms | %.3f ms | | | | |", what, p.count(), ms(p.at(50)), ms(p.at(99)));
    }

    private void line(String format, Object... args) {
        out.append(String.format(Locale.ROOT, format, args)).append('\n');
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static String cpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .findFirst().map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse("unknown CPU");
        } catch (IOException e) {
            return "unknown CPU";
        }
    }
}
