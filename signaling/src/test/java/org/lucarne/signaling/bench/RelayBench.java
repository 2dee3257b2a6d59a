package org.lucarne.signaling.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.lucarne.signaling.testing.TestServer;

/**
 * The relay benchmark (docs/benchmarks/relay.md). The relay part: {@code --devices} family devices in circles of
 * {@code --circle}, each bound over its own socket to a real server in this JVM (SQLite), then for {@code --seconds}
 * {@code --rate} envelopes a second, each from a random device to another of its circle (acknowledged at once), and
 * interleaved with them as many pings over the same sockets: the envelopes' send → delivery beside the pings'
 * round trip of the same run ({@link RelayLoad}); then the heap a device, both ends in this JVM, the client alone
 * ({@link RelayClientHeap}) and the difference. The browser part: {@link RelayBrowserBench}.
 *
 * <pre>./lucarne bench relay [--devices 1000] [--circle 10] [--rate 100] [--seconds 30] [--browser-only] …</pre>
 */
public final class RelayBench {
    private RelayBench() {
    }

    public static void main(String[] args) throws Exception {
        if (List.of(args).contains("--help") || List.of(args).contains("-h")) {
            System.out.print(RelayBenchOptions.USAGE);
            return;
        }
        RelayBenchOptions o;
        try {
            o = RelayBenchOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("lucarne bench relay: " + e.getMessage() + "\n\n" + RelayBenchOptions.USAGE);
            System.exit(2);
            return;
        }
        Path work = Files.createTempDirectory("lucarne-relay-bench");
        RelayReport report = new RelayReport(o, "./lucarne bench relay" + (args.length == 0 ? "" : " " + String.join(" ", args)));
        report.machineBefore();
        // Every device comes from 127.0.0.1: the per-address limits are lifted. The devices send no heartbeat while the
        // others are bound (a minute or more for 1,000), so the idle timeout is longer than that.
        try (TestServer server = TestServer.start(Map.of("LUCARNE_WS_UPGRADES_PER_MINUTE", "1000000",
                "LUCARNE_WS_ADDRESS_MESSAGES_PER_SECOND", "1000000", "LUCARNE_WS_ADDRESS_MESSAGES_BURST", "1000000",
                "LUCARNE_WS_IDLE_TIMEOUT_SECONDS", "1800"))) {
            if (o.relay()) {
                relay(server, o, work, report);
            }
            if (o.browser()) {
                System.err.printf("browser: %d text messages and %d photos in Chromium…%n", o.textIterations(),
                        o.photoIterations());
                report.browser(RelayBrowserBench.run(server, o.textIterations(), o.photoIterations()));
            }
        }
        report.machineAfter();
        System.out.println(report.render());
        System.exit(report.valid() ? 0 : 1);
    }

    private static void relay(TestServer server, RelayBenchOptions o, Path work, RelayReport report) throws Exception {
        System.err.printf("relay: binding %d devices in circles of %d…%n", o.devices(), o.circle());
        long heapBefore = RelayClientHeap.heapAfterGc();
        List<RelayDevice> all = RelayCircles.connect(server, work, o.devices(), o.circle());
        long heapAfter = RelayClientHeap.heapAfterGc();
        System.err.printf("relay: %d envelopes and %d pings a second for %d s…%n", o.rate(), o.rate(), o.seconds());
        CpuMeter.Snapshot cpu0 = CpuMeter.snapshot(ProcessHandle.current().pid());
        GcPauses gc0 = GcPauses.ofThisJvm();
        RelayLoad.Result load = RelayLoad.run(all, o.rate(), o.seconds(), 20261205);
        CpuMeter.Snapshot cpu1 = CpuMeter.snapshot(ProcessHandle.current().pid());
        report.noise(cpu0, cpu1, GcPauses.ofThisJvm().since(gc0));
        all.forEach(RelayDevice::abort);
        System.err.printf("relay: the client alone, %d devices against a bare Jetty echo server in its own JVM…%n",
                o.devices());
        RelayClientHeap.Result client = RelayClientHeap.measure(o.devices(), work);
        report.relay(load, (heapAfter - heapBefore) / (double) all.size(), client);
    }
}
