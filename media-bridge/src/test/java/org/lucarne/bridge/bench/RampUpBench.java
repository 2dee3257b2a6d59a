package org.lucarne.bridge.bench;

import com.microsoft.playwright.Browser;
import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.lucarne.bridge.BridgeConfig;
import org.lucarne.bridge.MediaBridge;
import org.lucarne.bridge.browser.CallPage;
import org.lucarne.bridge.browser.NoisyCamera;
import org.lucarne.bridge.browser.SendStats;
import org.lucarne.testing.Chromium;
import org.lucarne.testing.Percentiles;

/**
 * Bandwidth ramp-up: the time from the receiver's first decoded frame until the sender's camera
 * sends 1 Mbit/s (outbound-rtp bytesSent over the last second), in a direct peer-to-peer call
 * between two Chromium pages and in a call through Lucarne's bridge, run after run in one process
 * so that both see the same machine. Both pages ask for 1280×720 at 30 frames/s from a fake camera
 * that films noise ({@link NoisyCamera}): Chromium's own fake picture is so still that its encoder
 * stays under 1 Mbit/s whatever the estimate, while noise takes whatever rate the estimate allows.
 *
 * <pre>./lucarne bench rampup [--runs 5] [--bound-seconds 40]</pre>
 */
public final class RampUpBench {
    static final String USAGE = """
            usage: ./lucarne bench rampup [OPTIONS]

            Runs a direct call and a call through the bridge, one after the other, --runs times, and
            reports the time from the first decoded frame until the sender's video reaches 1 Mbit/s.

              --runs N            pairs of calls (default 5)
              --bound-seconds S   give up on a call after S seconds (default 40; counted as not reached)
              --shaped-runs N     then N pairs of calls with the family page behind 3 % loss and 200 ms RTT,
                                  in a network namespace (default 2; 0 skips; needs root)
            """;
    private static final double TARGET_BPS = 1_000_000;
    private static final long SAMPLE_MILLIS = 200;
    private static final double WINDOW_MILLIS = 1000;

    /** One call's outcome: milliseconds from first frame to 1 Mbit/s, or -1 when not within the bound. */
    record Outcome(long millis, double peakEstimate, String resolution) {
        boolean reached() {
            return millis >= 0;
        }
    }

    private RampUpBench() {
    }

    public static void main(String[] args) throws Exception {
        int runs = 5;
        int bound = 40;
        int shapedRuns = 2;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--help") || args[i].equals("-h")) {
                System.out.print(USAGE);
                return;
            }
            String value = i + 1 < args.length ? args[i + 1] : null;
            switch (args[i]) {
                case "--runs" -> runs = integer("--runs", value, 1, 50);
                case "--bound-seconds" -> bound = integer("--bound-seconds", value, 5, 600);
                case "--shaped-runs" -> shapedRuns = integer("--shaped-runs", value, 0, 20);
                default -> fail("unknown option " + args[i]);
            }
            i++;
        }
        List<Outcome> p2p = new ArrayList<>();
        List<Outcome> bridged = new ArrayList<>();
        Path camera = NoisyCamera.write(Files.createTempFile("rampup-camera", ".y4m"));
        try (MediaBridge bridge = MediaBridge.create(BridgeConfig.loopbackForTests(), Clock.systemUTC()).start();
             Chromium chromium = Chromium.launch(new Chromium.Launch()
                     .flag("--use-file-for-fake-video-capture=" + camera))) {
            HttpClient http = HttpClient.newHttpClient();
            for (int run = 1; run <= runs; run++) {
                // Alternate the order, so that neither always runs on a machine warmed by the other.
                boolean p2pFirst = run % 2 == 1;
                for (int k = 0; k < 2; k++) {
                    Duration limit = Duration.ofSeconds(bound);
                    Browser browser = chromium.browser();
                    if ((k == 0) == p2pFirst) {
                        p2p.add(log("p2p", run, TwoPageCalls.direct(browser, browser, (a, b) -> measure(a, b, limit))));
                    } else {
                        bridged.add(log("bridge", run, TwoPageCalls.throughBridge(browser, browser, bridge, http,
                                (a, b) -> measure(a, b, limit))));
                    }
                }
            }
            report(p2p, bridged, bound);
            if (shapedRuns > 0) {
                ShapedLinkBench.run(shapedRuns, camera, chromium);
            }
        } finally {
            Files.deleteIfExists(camera);
        }
        System.out.println("machine: " + machine());
    }

    /** Samples the sender every 200 ms until its last second of video reaches 1 Mbit/s after b's first frame. */
    static Outcome measure(CallPage sender, CallPage receiver, Duration bound) {
        List<SendStats> samples = new ArrayList<>();
        long deadline = System.nanoTime() + bound.toNanos();
        Double firstFrame = null;
        double peakEstimate = 0;
        SendStats s = null;
        while (System.nanoTime() < deadline) {
            s = sender.sendStats();
            samples.add(s);
            peakEstimate = Math.max(peakEstimate, s.availableOutgoingBitrate());
            if (firstFrame == null) {
                firstFrame = receiver.firstFrameEpoch();
            }
            if (firstFrame != null && rate(samples) >= TARGET_BPS) {
                return new Outcome(Math.max(0, Math.round(s.epochMs() - firstFrame)), peakEstimate, size(s));
            }
            try {
                Thread.sleep(SAMPLE_MILLIS); // the sampling period, not a wait for an outcome
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return new Outcome(-1, peakEstimate, s == null ? "?" : size(s));
    }

    /** Bit/s of camera video over the last second of samples; 0 until a second is covered. */
    static double rate(List<SendStats> samples) {
        SendStats last = samples.get(samples.size() - 1);
        for (int j = samples.size() - 1; j >= 0; j--) {
            SendStats first = samples.get(j);
            double span = last.epochMs() - first.epochMs();
            if (span >= WINDOW_MILLIS * 0.9) {
                return (last.videoBytesSent() - first.videoBytesSent()) * 8 * 1000.0 / span;
            }
        }
        return 0;
    }

    private static String size(SendStats s) {
        return s.frameWidth() + "×" + s.frameHeight();
    }

    private static Outcome log(String what, int run, Outcome o) {
        System.err.printf(Locale.ROOT, "run %d %-6s %s (peak estimate %.2f Mbit/s, sending %s)%n", run, what,
                o.reached() ? o.millis() + " ms" : "not reached", o.peakEstimate() / 1e6, o.resolution());
        return o;
    }

    private static void report(List<Outcome> p2p, List<Outcome> bridged, int bound) throws IOException {
        System.out.println("| call | runs | reached 1 Mbit/s | median | min – max |");
        System.out.println("|---|---|---|---|---|");
        long p2pMedian = row("direct (P2P)", p2p, bound);
        long bridgeMedian = row("through the bridge", bridged, bound);
        System.out.printf(Locale.ROOT, "%nratio bridge / P2P (medians): %s (goal ≤ 1.2)%n",
                p2pMedian > 0 && bridgeMedian >= 0 ? String.format(Locale.ROOT, "%.2f", (double) bridgeMedian / p2pMedian)
                        : "n/a");
    }

    /** Prints one row; not reached counts as the bound. Returns the median in ms. */
    private static long row(String name, List<Outcome> outcomes, int bound) {
        long[] ms = outcomes.stream().mapToLong(o -> o.reached() ? o.millis() : bound * 1000L).toArray();
        Percentiles p = Percentiles.of(ms);
        long reached = outcomes.stream().filter(Outcome::reached).count();
        System.out.printf(Locale.ROOT, "| %s | %d | %d | %.1f s | %.1f – %.1f s |%n", name, outcomes.size(), reached,
                p.at(50) / 1000.0, java.util.Arrays.stream(ms).min().orElse(0) / 1000.0, p.max() / 1000.0);
        return p.at(50);
    }

    private static String machine() throws IOException {
        String model = "?";
        Path cpuinfo = Path.of("/proc/cpuinfo");
        if (Files.isReadable(cpuinfo)) {
            model = Files.readAllLines(cpuinfo).stream().filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).strip()).findFirst().orElse("?");
        }
        String load = Files.isReadable(Path.of("/proc/loadavg")) ? Files.readString(Path.of("/proc/loadavg")).strip() : "?";
        return Runtime.getRuntime().availableProcessors() + " cores, " + model + ", load average " + load
                + ", Chromium " + Chromium.executable();
    }

    private static int integer(String name, String value, int min, int max) {
        try {
            int v = Integer.parseInt(String.valueOf(value));
            if (v >= min && v <= max) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        return fail(name + " takes a whole number from " + min + " to " + max + ", not '" + value + "'");
    }

    private static int fail(String message) {
        System.err.println("rampup: " + message);
        System.err.print(USAGE);
        System.exit(2);
        return 0;
    }
}
